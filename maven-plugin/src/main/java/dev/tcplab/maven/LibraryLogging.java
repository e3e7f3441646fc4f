package dev.tcplab.maven;

/**
 * pcap4j (real interfaces) logs through SLF4J, which inside Maven is Maven's own logger: its INFO
 * lines (properties loaded, handle closed) would land among the labs' lines. Maven's binding is
 * slf4j-simple's logger, which reads a logger's level from a system property when the logger is
 * made, so this is set before any lab runs; a level the user gives (-D...) wins.
 */
final class LibraryLogging {
    static final String PCAP4J_LEVEL = "org.slf4j.simpleLogger.log.org.pcap4j";

    private LibraryLogging() {}

    static void quiet() {
        System.getProperties().putIfAbsent(PCAP4J_LEVEL, "warn");
    }
}
