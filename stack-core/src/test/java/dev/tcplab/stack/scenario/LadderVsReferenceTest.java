package dev.tcplab.stack.scenario;

import dev.tcplab.stack.compare.Ladder;
import dev.tcplab.stack.socket.Call;
import dev.tcplab.stack.socket.Errno;
import dev.tcplab.stack.socket.SockOpt;
import dev.tcplab.stack.socket.Socket;
import dev.tcplab.stack.wire.Ipv4Address;
import dev.tcplab.stack.wire.ReferenceCaptures;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** compare.Ladder on the ground truth: the model's run against the reference capture of Linux 6.18. */
class LadderVsReferenceTest {
    static final Ipv4Address CLIENT = Ipv4Address.parse("192.0.2.1");

    static Ladder reference(String scenario) {
        try {
            return Ladder.fromPcap("linux", Files.readAllBytes(ReferenceCaptures.dir().resolve(scenario + ".pcap")), CLIENT);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void rstOnClosedPortMatchesTheReferenceCapture() {
        Lab lab = new Lab(1);
        Socket blocking = lab.client.socket();
        Call<Void> first = blocking.connect(lab.serverAddr, 5001);
        Socket nb = lab.client.socket();
        nb.setNonBlocking(true);
        lab.at(0.003153, () -> nb.connect(lab.serverAddr, 5002));
        lab.runUntil(1.0);
        assertEquals(Errno.ECONNREFUSED, first.errno());
        Ladder model = Ladder.fromPcap("model", lab.link.pcap(), CLIENT);
        Ladder.Diff d = model.diff(reference("b_rst_closed_port"));
        assertTrue(d.matches(), d.render());
        assertEquals(4, model.size());
    }

    @Test
    void normalConversationMatchesTheReferenceCapture() {
        Lab lab = new Lab(1);
        Socket ls = lab.server.socket();
        ls.setsockopt(SockOpt.SO_REUSEADDR, 1);
        ls.bind(lab.serverAddr, 5000);
        ls.listen(128);
        Socket c = lab.client.socket();
        Socket[] child = new Socket[1];
        c.connect(lab.serverAddr, 5000);
        ls.accept().onDone(a -> child[0] = a.value());
        lab.at(0.028574, () -> c.send("hello\n"));
        lab.at(0.032468, () -> {
            child[0].received();
            child[0].send("world\n");
        });
        lab.at(0.0325, () -> c.recv(100));
        lab.at(0.232875, c::close);
        lab.at(0.759443, () -> child[0].close());
        lab.runUntil(3.0);
        Ladder.Diff d = Ladder.fromPcap("model", lab.link.pcap(), CLIENT).diff(reference("a_normal"));
        assertTrue(d.matches(), d.render());
    }

    @Test
    void aModelWithAnotherWindowDoesNot() {
        Lab lab = new Lab(1);
        Socket c = lab.client.socket();
        c.setsockopt(SockOpt.SO_RCVBUF, 4096);
        c.connect(lab.serverAddr, 5001);
        lab.runUntil(1.0);
        Ladder.Diff d = Ladder.fromPcap("model", lab.link.pcap(), CLIENT).diff(reference("b_rst_closed_port"));
        assertFalse(d.matches(), d.render());
        assertTrue(d.differences().get(0).startsWith("rung 1: window "), d.render());
        assertTrue(d.render().contains("rung 3: extra segment C->S S"), d.render());
    }
}
