package dev.tcplab.stack.wire;

/** One SACK block [start, end) in sequence space. */
public record SackBlock(int start, int end) {}
