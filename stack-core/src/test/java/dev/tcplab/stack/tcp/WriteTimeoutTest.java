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
        // a tail loss probe first (2·srtt + tcp_rto_min after the data: fresh/t2), then RTO
        // retransmissions a full RTO (~0.2 s) after it, doubling. retrans_stamp is the first RTO
        // retransmission (the probe is not tcp_retransmit_skb's): 3 s after it (tcp_model_timeout(3)
        // from TCP_RTO_MIN) the next firing gives up. Counting alone would stop after the third.
        assertEquals(6, data.size(), "original + probe + 4 retransmissions");
        assertEquals(1L, client.counter("TcpExtTCPLossProbes"));
        long first = data.get(2).timeNanos();
        long fourth = data.get(5).timeNanos();
        assertTrue(fourth - first < 3_000 * MS, "the 4th retransmission left before 3 s had passed");
        assertTrue(r.doneAt() - first >= 3_000 * MS, "ETIMEDOUT only after 3 s since the first retransmission");
        assertTrue(data.stream().allMatch(s -> s.tcp().has(TcpFlags.ACK)));
    }
}
