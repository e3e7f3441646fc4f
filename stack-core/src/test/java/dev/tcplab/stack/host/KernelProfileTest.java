package dev.tcplab.stack.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.tcplab.stack.pcap.PcapReader;
import dev.tcplab.stack.socket.Call;
import dev.tcplab.stack.socket.Errno;
import dev.tcplab.stack.socket.Socket;
import dev.tcplab.stack.wire.DecodedFrame;
import dev.tcplab.stack.wire.Frames;
import dev.tcplab.stack.wire.Ipv4Address;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Defaults that changed between kernels (linux-handshake.md 12). */
class KernelProfileTest {
    static final long S = 1_000_000_000L;

    private static List<Long> synTimesUntilTimeout(KernelProfile profile, long[] doneAt) throws Exception {
        Network net = new Network(1);
        net.exactTimers(); // the profile's nominal schedule; ReferenceScenariosTest c1 has the wheel's
        Host c = net.host("c", profile);
        Host s = net.host("s");
        var link = net.link(c, "192.0.2.1/24", s, "192.0.2.2/24");
        s.ip().netfilter().dropInput("all", (ip, tcp) -> true);
        Socket sock = c.socket();
        Call<Void> call = sock.connect(Ipv4Address.parse("192.0.2.2"), 80);
        net.runUntil(200 * S);
        assertEquals(Errno.ETIMEDOUT, call.errno());
        doneAt[0] = call.doneAt();
        List<Long> times = new ArrayList<>();
        for (PcapReader.Record r : PcapReader.read(link.pcap(), "x").records()) {
            DecodedFrame d = Frames.decode(r.data());
            if (d.tcp() != null) {
                times.add(r.timeNanos() / S);
            }
        }
        return times;
    }

    @Test
    void linux618UsesLinearSynTimeoutsAndWscale10() throws Exception {
        long[] done = new long[1];
        assertEquals(List.of(0L, 1L, 2L, 3L, 4L, 5L, 7L, 11L, 19L, 35L, 67L), synTimesUntilTimeout(KernelProfile.LINUX_6_18, done));
        assertEquals(131 * S, done[0]);
    }

    @Test
    void linux61IsExponentialWithWscale7() throws Exception {
        long[] done = new long[1];
        assertEquals(List.of(0L, 1L, 3L, 7L, 15L, 31L, 63L), synTimesUntilTimeout(KernelProfile.LINUX_6_1, done));
        assertEquals(127 * S, done[0]);
        Network net = new Network(1);
        net.exactTimers(); // the profile's nominal schedule; ReferenceScenariosTest c1 has the wheel's
        Host c = net.host("c", KernelProfile.LINUX_6_1);
        Host s = net.host("s");
        var link = net.link(c, "192.0.2.1/24", s, "192.0.2.2/24");
        c.socket().connect(Ipv4Address.parse("192.0.2.2"), 80);
        net.runUntil(S / 10);
        DecodedFrame syn = PcapReader.read(link.pcap(), "x").records().stream().map(r -> Frames.decode(r.data()))
                .filter(d -> d.tcp() != null).findFirst().orElseThrow();
        assertEquals(7, syn.tcp().options().windowScale(), "tcp_rmem[2] = 6 MiB before 6.16");
    }

    @Test
    void unknownSysctlsAreRefusedWithAHint() {
        Host h = new Network(1).host("h");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> h.sysctl("tcp_syn_retries", 2));
        assertEquals(true, e.getMessage().contains("net.ipv4.tcp_syn_retries"));
    }
}
