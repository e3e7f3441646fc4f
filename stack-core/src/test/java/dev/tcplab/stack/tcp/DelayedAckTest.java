package dev.tcplab.stack.tcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tcplab.stack.dev.Link;
import dev.tcplab.stack.host.Network;
import dev.tcplab.stack.socket.SockOpt;
import dev.tcplab.stack.socket.Socket;
import dev.tcplab.stack.wire.TcpFlags;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The delayed-ACK engine (tcp_event_data_recv's ato estimator, tcp_incr_quickack,
 * tcp_send_delayed_ack's bounds, tcp_delack_timer_handler's ato inflation) on a 100 ms RTT path.
 */
class DelayedAckTest {
    static final long MS = 1_000_000L;

    @Test
    void atoFollowsArrivalsAfterTheQuickAcks() {
        TcpPair pair = TcpPair.exactTimers(9, 50 * MS);
        Network net = pair.net;
        Link link = pair.link;
        Socket ls = pair.listen(80);
        Socket cs = pair.client.socket();
        cs.setsockopt(SockOpt.TCP_NODELAY, 1);
        cs.connect(TcpPair.SERVER, 80);
        ls.accept();
        net.run(500 * MS);
        int base = cs.sock().sndNxt();
        long start = net.now();
        for (int k = 1; k <= 20; k++) {
            net.loop().schedule(k * 60 * MS, () -> cs.send("x"));
        }
        net.run(2000 * MS);
        List<Wire.Seg> acks = Wire.segments(link).stream()
                .filter(s -> s.timeNanos() > start && s.src().equals("192.0.2.2") && s.tcp().flags() == TcpFlags.ACK).toList();
        List<Integer> acked = acks.stream().map(s -> s.tcp().ack() - base).toList();
        // 16 quick ACKs (rcv_wnd / (2 rcv_mss) capped at TCP_MAX_QUICKACKS), then delayed ACKs
        assertEquals(List.of(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17), acked.subList(0, 17));
        long sent17 = start + 17 * 60 * MS;
        assertEquals(sent17 + 50 * MS + 40 * MS, acks.get(16).timeNanos(), 1 * MS, "ato 40 ms");
        // the missed delayed ACK doubled ato to 80; 60 ms arrivals make it 40 + 60 = 100 ms, bounded
        // by srtt (100 ms): segment 18's ACK waits 100 ms and covers segment 19 too
        assertEquals(19, acked.get(17), "acked: " + acked);
        long sent18 = start + 18 * 60 * MS;
        assertEquals(sent18 + 50 * MS + 100 * MS, acks.get(17).timeNanos(), 1 * MS);
        assertTrue(acked.size() < 20, "fewer ACKs than segments: " + acked);
    }

    /**
     * tcp_event_ack_sent → tcp_dec_quickack_mode: a reply that carries an owed (delayed) ACK uses
     * up a quick-ACK credit too. After 16 request/response rounds the credits are gone, so once a
     * missed delayed ACK ends pingpong mode the next request still gets a delayed ACK.
     */
    @Test
    void piggybackedAcksUseUpQuickAcks() {
        TcpPair pair = TcpPair.exactTimers(10, 1 * MS);
        Network net = pair.net;
        Link link = pair.link;
        Socket ls = pair.listen(80);
        Socket cs = pair.client.socket();
        cs.connect(TcpPair.SERVER, 80);
        int[] requests = new int[1];
        ls.accept().onDone(a -> serve(a.value(), requests));
        net.run(100 * MS);
        long start = net.now();
        for (int k = 1; k <= 18; k++) {
            net.loop().schedule(k * 100 * MS, () -> cs.send("req"));
        }
        net.run(1900 * MS);
        assertEquals(18, requests[0]);
        long sent18 = start + 18 * 100 * MS;
        List<Wire.Seg> acks = Wire.segments(link).stream()
                .filter(s -> s.timeNanos() > sent18 && s.src().equals("192.0.2.2") && s.tcp().flags() == TcpFlags.ACK).toList();
        assertEquals(1, acks.size());
        assertEquals(sent18 + 1 * MS + 40 * MS, acks.get(0).timeNanos(), 1 * MS, "no quick ACK left: delayed by ato");
    }

    /** Echo the first 16 requests at once, then none (the 17th's delayed ACK fires and ends pingpong mode). */
    private static void serve(Socket s, int[] requests) {
        s.recv(100).onDone(r -> {
            if (r.value() == null || r.value().length == 0) {
                return;
            }
            if (++requests[0] < 17) {
                s.send("resp");
            }
            serve(s, requests);
        });
    }
}
