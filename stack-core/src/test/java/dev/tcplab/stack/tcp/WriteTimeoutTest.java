package dev.tcplab.stack.tcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tcplab.stack.dev.Link;
import dev.tcplab.stack.host.Host;
import dev.tcplab.stack.host.Network;
import dev.tcplab.stack.socket.Call;
import dev.tcplab.stack.socket.Errno;
import dev.tcplab.stack.socket.Socket;
import dev.tcplab.stack.wire.TcpFlags;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * tcp_write_timeout as 6.18: an established connection gives up when retransmits_timed_out()
 * says tcp_model_timeout(tcp_retries2) has elapsed since the first retransmission, not after
 * tcp_retries2 retransmissions.
 */
class WriteTimeoutTest {
    static final long MS = 1_000_000L;

    @Test
    void modelTimeoutAsTheKernelComputesIt() {
        assertEquals(924_600, TcpTimer.modelTimeoutMs(15, 200, 120_000), "tcp_retries2=15: 924.6 s");
        assertEquals(7_000, TcpTimer.modelTimeoutMs(2, 1000, 120_000), "tcp_syn_retries=2: 7 s");
        assertEquals(127_000, TcpTimer.modelTimeoutMs(6, 1000, 120_000), "tcp_syn_retries=6: 127 s");
        assertEquals(3_000, TcpTimer.modelTimeoutMs(3, 200, 120_000));
    }

    @Test
    void establishedRtoGivesUpByElapsedTime() {
        TcpPair pair = new TcpPair(5, 1 * MS);
        Network net = pair.net;
        Host client = pair.client;
        Host server = pair.server;
        Link link = pair.link;
        client.sysctl("net.ipv4.tcp_retries2", 3);
        pair.listen(80).accept();
        Socket cs = client.socket();
        cs.connect(TcpPair.SERVER, 80);
        net.run(100 * MS);
        server.ip().netfilter().dropInput("all", (ip, tcp) -> true);
        long start = net.now();
        cs.send("data");
        Call<byte[]> r = cs.recv(10);
        net.runUntil(start + 30_000 * MS);
        assertEquals(Errno.ETIMEDOUT, r.errno());
        List<Wire.Seg> data = Wire.segments(link).stream()
                .filter(s -> s.timeNanos() >= start && s.src().equals("192.0.2.1") && s.tcp().payload().length > 0).toList();
        // RTO ~0.2 s doubling: retransmissions at +0.2, +0.6, +1.4, +3.0 s; at +6.2 s, 6 s after the
        // first retransmission, 3 s (tcp_model_timeout(3) from TCP_RTO_MIN) have passed: give up.
        // Counting alone would stop after the third retransmission.
        assertEquals(5, data.size(), "original + 4 retransmissions");
        long first = data.get(1).timeNanos();
        long fourth = data.get(4).timeNanos();
        assertTrue(fourth - first < 3_000 * MS, "the 4th retransmission left before 3 s had passed");
        assertTrue(r.doneAt() - first >= 3_000 * MS, "ETIMEDOUT only after 3 s since the first retransmission");
        assertTrue(data.stream().allMatch(s -> s.tcp().has(TcpFlags.ACK)));
    }
}
