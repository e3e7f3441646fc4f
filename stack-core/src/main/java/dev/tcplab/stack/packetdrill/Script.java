package dev.tcplab.stack.packetdrill;

import java.util.List;
import java.util.Map;

/**
 * A parsed packetdrill script: its command-line options ({@code --tolerance_usecs=10000}),
 * the setup command (the backquoted block before the first event, null when none) and the events.
 */
record Script(String file, Map<String, String> options, String initCommand, int initLine, List<Event> events) {}
