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

    // tcpdump print-tcp.c tcp_flag_values, printed in bit order with no separator
    private static final int[] TCPDUMP_BITS = {FIN, SYN, RST, PSH, ACK, URG, ECE, CWR};
    private static final char[] TCPDUMP_CHARS = {'F', 'S', 'R', 'P', '.', 'U', 'E', 'W'};

    // scripts/pcap_table.py flagstr(): S A F R P U E C
    private static final int[] LETTER_BITS = {SYN, ACK, FIN, RST, PSH, URG, ECE, CWR};
    private static final char[] LETTER_CHARS = {'S', 'A', 'F', 'R', 'P', 'U', 'E', 'C'};

    private TcpFlags() {}

    /** tcpdump's spelling: "S", "S.", "R.", "P.", "F.", "." (ACK alone), "SEW" ...; "none" when no flag is set. */
    public static String tcpdump(int flags) {
        String s = spell(flags, TCPDUMP_BITS, TCPDUMP_CHARS);
        return s.isEmpty() ? "none" : s;
    }

    /** The reference tables' spelling (scripts/pcap_table.py): "S", "SA", "A", "AP", "AF", "AR", "R"; "." when none. */
    public static String letters(int flags) {
        String s = spell(flags, LETTER_BITS, LETTER_CHARS);
        return s.isEmpty() ? "." : s;
    }

    private static String spell(int flags, int[] bits, char[] chars) {
        StringBuilder sb = new StringBuilder(8);
        for (int i = 0; i < bits.length; i++) {
            if ((flags & bits[i]) != 0) {
                sb.append(chars[i]);
            }
        }
        return sb.toString();
    }
}
