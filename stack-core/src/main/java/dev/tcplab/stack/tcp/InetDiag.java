package dev.tcplab.stack.tcp;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * net/ipv4/inet_diag.c + tcp_diag.c: what `ss` reads — listeners with their accept queue,
 * full sockets, request socks (shown as SYN-RECV, ino:0) and timewait socks.
 */
public final class InetDiag {
    /**
     * One `ss` row. {@code timer} as ss prints it, e.g. "on,1.000s,0" / "timewait,59sec,0" / "".
     * {@code kind} is "sock", "request" or "timewait"; {@code info} is `ss -i`'s detail for a full
     * socket other than a listener, null otherwise.
     */
    public record Row(String kind, TcpState state, int recvQ, int sendQ, String local, String peer,
                      String timer, String id, TcpInfo info) {
        public Row(String kind, TcpState state, int recvQ, int sendQ, String local, String peer, String timer, String id) {
            this(kind, state, recvQ, sendQ, local, peer, timer, id, null);
        }

        public String ssState() {
            return state.ssName();
        }
    }

    private InetDiag() {}

    public static List<Row> rows(Tcp tcp) {
        List<Row> rows = new ArrayList<>();
        long now = tcp.now();
        for (TcpSock l : tcp.hashtables.listeners()) {
            rows.add(new Row("sock", TcpState.TCP_LISTEN, l.acceptQueue.ackBacklog(), l.maxAckBacklog,
                    addr(l.saddr.isAny() ? "0.0.0.0" : l.saddr.toString(), l.sport), "0.0.0.0:*", "", l.id));
        }
        Set<Sock> seen = new LinkedHashSet<>(tcp.hashtables.established());
        for (TcpSock l : tcp.hashtables.listeners()) {
            seen.addAll(l.acceptQueue.accepted);
        }
        for (Sock s : seen) {
            if (s instanceof TcpSock t) {
                String timer = "";
                if (t.retransmitTimer != null && t.retransmitTimer.pending()) {
                    timer = "on," + ms(t.retransmitTimer.expires() - now) + "," + t.retransmits;
                } else if (t.keepaliveTimer != null && t.keepaliveTimer.pending()) {
                    timer = "keepalive," + ms(t.keepaliveTimer.expires() - now) + "," + t.probesOut; // idiag_retrans = icsk_probes_out
                }
                // tcp_diag_get_info: write_seq - snd_una, which counts a SYN or FIN not yet acknowledged
                int sendQ = t.writeSeq - t.sndUna;
                rows.add(new Row("sock", t.state, t.receiveQueue.size(), Math.max(0, sendQ), addr(t.saddr.toString(), t.sport),
                        addr(t.daddr.toString(), t.dport), timer, t.id, TcpInfo.of(tcp, t)));
            } else if (s instanceof RequestSock r) {
                String timer = r.rskTimer != null && r.rskTimer.pending()
                        ? "on," + ms(r.rskTimer.expires() - now) + "," + r.numRetrans : "";
                rows.add(new Row("request", TcpState.TCP_NEW_SYN_RECV, 0, 0, addr(r.saddr.toString(), r.sport),
                        addr(r.daddr.toString(), r.dport), timer, r.id));
            } else if (s instanceof TimeWaitSock tw) {
                String timer = tw.timer != null && tw.timer.pending()
                        ? "timewait," + ((tw.timer.expires() - now) / Tcp.SEC) + "sec,0" : "";
                rows.add(new Row("timewait", tw.substate, 0, 0, addr(tw.saddr.toString(), tw.sport),
                        addr(tw.daddr.toString(), tw.dport), timer, tw.id));
            }
        }
        return rows;
    }

    /** `ss -i`'s detail for one full socket (tcp_get_info). */
    public static TcpInfo info(Tcp tcp, TcpSock sk) {
        return TcpInfo.of(tcp, sk);
    }

    private static String addr(String a, int p) {
        return a + ":" + p;
    }

    private static String ms(long ns) {
        if (ns >= Tcp.SEC) {
            return String.format(java.util.Locale.ROOT, "%.3fs", ns / 1e9);
        }
        return (ns / Tcp.MS) + "ms";
    }
}
