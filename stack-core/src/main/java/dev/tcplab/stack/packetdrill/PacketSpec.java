package dev.tcplab.stack.packetdrill;

import java.util.List;

/**
 * A script packet line: {@code < S. 0:0(0) ack 1 win 5792 <mss 1460,nop,wscale 2>}. Sequence
 * numbers are the script's relative values. {@code window} is -1 when the script gives none (an
 * outbound window is then not checked); {@code options} is null for {@code <...>} (options not
 * checked) and empty when the script lists none.
 */
record PacketSpec(boolean inbound, int flags, long seqStart, long seqEnd, int payloadLength, boolean hasAck, long ack,
                  int window, int urgent, List<TcpOptionSpec> options, String ecn) {
    boolean optionsUnchecked() {
        return options == null;
    }

    TcpOptionSpec option(int kind) {
        if (options == null) {
            return null;
        }
        for (TcpOptionSpec o : options) {
            if (o.kind() == kind) {
                return o;
            }
        }
        return null;
    }

    /** The packet in script syntax, e.g. "S. 0:0(0) ack 1 <mss 1460,nop,wscale 8>". */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        String f = "";
        int[] bits = {0x01, 0x02, 0x04, 0x08, 0x20, 0x40, 0x80};
        for (int i = 0; i < bits.length; i++) {
            if ((flags & bits[i]) != 0) {
                f += "FSRPUEW".charAt(i);
            }
        }
        if ((flags & 0x10) != 0) {
            f += ".";
        }
        sb.append(f.isEmpty() ? "-" : f).append(' ').append(seqStart).append(':').append(seqEnd).append('(')
                .append(payloadLength).append(')');
        if (hasAck) {
            sb.append(" ack ").append(ack);
        }
        if (window >= 0) {
            sb.append(" win ").append(window);
        }
        if (options == null) {
            sb.append(" <...>");
        } else if (!options.isEmpty()) {
            sb.append(" <").append(String.join(",", options.stream().map(Object::toString).toList())).append('>');
        }
        return sb.toString();
    }
}
