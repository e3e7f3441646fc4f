package dev.tcplab.stack.tcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tcplab.stack.dev.Link;
import dev.tcplab.stack.host.Host;
import dev.tcplab.stack.host.Network;
import dev.tcplab.stack.socket.Socket;
import dev.tcplab.stack.wire.TcpFlags;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The ACK of a FIN on a connection that never received data: icsk_ack.ato is still 0 (only
 * tcp_event_data_recv sets TCP_ATO_MIN), so tcp_send_delayed_ack arms the timer at jiffies + 0
 * and the ACK leaves at the next tick — a few ms at HZ=250, not 40 ms — and the closing side
 * is in FIN-WAIT-2 almost at once.
 */
class LoneFinAckTest {
    static final long MS = 1_000_000L;

    @Test
    void loneFinIsAckedAtTheNextTick() {
        Network net = new Network(8);
        net.timerWheel(250, 1_000_000L);
        TcpPair pair = new TcpPair(net, 20_000);
        Host client = pair.client;
        Link link = pair.link;
        pair.listen(80).accept();
        Socket cs = client.socket();
        cs.connect(TcpPair.SERVER, 80);
        net.run(100 * MS);
        long closeAt = net.now();
        cs.close();
        net.run(10 * MS);
        List<TcpState> states = InetDiag.rows(client.tcp()).stream().map(InetDiag.Row::state).toList();
        assertEquals(List.of(TcpState.TCP_FIN_WAIT2), states, "the FIN is acked within a tick (ss)");
        List<Wire.Seg> acks = Wire.segments(link).stream()
                .filter(s -> s.timeNanos() >= closeAt && s.src().equals("192.0.2.2") && s.tcp().flags() == TcpFlags.ACK)
                .toList();
        assertEquals(1, acks.size());
        long delay = acks.get(0).timeNanos() - closeAt;
        assertTrue(delay > 0 && delay <= 8 * MS + 40_000, "ACK after " + delay / 1e6 + " ms");
    }
}
