package dev.tcplab.stack.host;

import dev.tcplab.stack.tcp.InetDiag;
import java.util.List;

/** Renders a host's sockets the way `ss -tanoi` does (columns, state names, timers, ino:0). */
public final class Ss {
    private Ss() {}

    public static List<InetDiag.Row> rows(Host h) {
        return InetDiag.rows(h.tcp());
    }

    public static String render(Host h) {
        StringBuilder b = new StringBuilder();
        b.append(String.format("%-11s%-7s%-7s%22s %22s%n", "State", "Recv-Q", "Send-Q", "Local Address:Port", "Peer Address:Port"));
        for (InetDiag.Row r : rows(h)) {
            String extra = r.timer().isEmpty() ? "" : " timer:(" + r.timer() + ")";
            if (!r.kind().equals("sock")) {
                extra += " ino:0";
            }
            b.append(String.format("%-11s%-7d%-7d%22s %22s%s%n", r.ssState(), r.recvQ(), r.sendQ(), r.local(), r.peer(), extra));
        }
        return b.toString();
    }
}
