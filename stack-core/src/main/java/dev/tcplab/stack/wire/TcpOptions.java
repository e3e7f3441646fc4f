package dev.tcplab.stack.wire;

import java.util.List;

/**
 * TCP options as values. {@code mss} and {@code windowScale} are -1 when absent.
 * {@code kinds} lists option kinds in wire order as parsed (NOP=1 and EOL=0 included), so a
 * comparison can check "option kinds and order" against a capture. When {@code raw} is non-null,
 * emit writes those bytes verbatim (padded to 4) - for crafted segments in labs.
 * Emit otherwise follows tcp_options_write: MSS; then SACK-permitted+TS as 04 02 08 0a when both,
 * 01 01 08 0a TS when TS alone; 01 01 04 02 when SACK-permitted alone; 01 03 03 ws; then SACK blocks
 * as 01 01 05 len ....
 */
public record TcpOptions(int mss, int windowScale, boolean sackPermitted, boolean timestamps,
                         int tsVal, int tsEcr, List<SackBlock> sackBlocks, List<Integer> kinds,
                         byte[] raw) {
    public static final TcpOptions NONE = new TcpOptions(-1, -1, false, false, 0, 0, List.of(), List.of(), null);

    /**
     * Parses leniently like tcp_parse_options: a bad length or an option running past the end
     * stops parsing (what was parsed so far is kept); never throws. Unknown kinds are skipped by
     * their length and recorded in {@code kinds}.
     */
    public static TcpOptions parse(byte[] buf, int off, int len) {
        throw new UnsupportedOperationException("wire: TODO");
    }

    /** Options for a SYN or SYN-ACK the way Linux lays them out (kinds filled in). */
    public static TcpOptions syn(int mss, boolean sackPermitted, boolean timestamps, int tsVal, int tsEcr, int windowScale) {
        throw new UnsupportedOperationException("wire: TODO");
    }

    /** Options for a segment after the handshake: TS (nop,nop,TS) if timestamps, plus SACK blocks. */
    public static TcpOptions established(boolean timestamps, int tsVal, int tsEcr, List<SackBlock> sackBlocks) {
        throw new UnsupportedOperationException("wire: TODO");
    }

    /** Emitted length in bytes, a multiple of 4, at most 40. */
    public int length() { throw new UnsupportedOperationException("wire: TODO"); }

    public void emit(byte[] buf, int off) { throw new UnsupportedOperationException("wire: TODO"); }

    /** tcpdump's spelling: "mss 1460,sackOK,TS val 1 ecr 0,nop,wscale 10"; "" when none. */
    public String tcpdump() { throw new UnsupportedOperationException("wire: TODO"); }
}
