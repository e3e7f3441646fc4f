package dev.tcplab.stack.wire;

/** TCP header flag bits, and their tcpdump spelling. */
public final class TcpFlags {
    public static final int FIN = 0x01;
    public static final int SYN = 0x02;
    public static final int RST = 0x04;
    public static final int PSH = 0x08;
    public static final int ACK = 0x10;
    public static final int URG = 0x20;
    public static final int ECE = 0x40;
    public static final int CWR = 0x80;

    private TcpFlags() {}

    /** tcpdump's spelling: "S", "S.", "R.", "P.", "F.", "." (ACK alone), "SEW" ... */
    public static String tcpdump(int flags) {
        throw new UnsupportedOperationException("wire: TODO");
    }

    /** The reference tables' spelling (scripts/pcap_table.py): "S", "SA", "A", "AP", "AF", "AR", "R". */
    public static String letters(int flags) {
        throw new UnsupportedOperationException("wire: TODO");
    }
}
