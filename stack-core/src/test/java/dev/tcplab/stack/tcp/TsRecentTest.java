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
 * RFC 7323 4.3 as tcp_replace_ts_recent does it: every established segment echoes the peer's
 * latest in-order TSval (ts_recent), not the one from the handshake.
 */
class TsRecentTest {
    static final long MS = 1_000_000L;

    @Test
    void establishedSegmentsEchoTheLatestInOrderTsval() {
        TcpPair pair = new TcpPair(4, 5 * MS);
        Network net = pair.net;
        Link link = pair.link;
        Socket ls = pair.listen(80);
        Socket cs = pair.client.socket();
        cs.setsockopt(SockOpt.TCP_NODELAY, 1);
        cs.connect(TcpPair.SERVER, 80);
        Socket[] child = new Socket[1];
        ls.accept().onDone(a -> child[0] = a.value());
        net.run(100 * MS);
        // request/response exchanges 300 ms apart: each side's TSval moves on by ~300 each time
        for (int k = 1; k <= 5; k++) {
            net.loop().schedule(k * 300 * MS, () -> cs.send("ping"));
            net.loop().schedule(k * 300 * MS + 20 * MS, () -> child[0].send("pong"));
        }
        net.run(2000 * MS);
        List<Wire.Seg> segs = Wire.segments(link);
        int checked = 0;
        for (int i = 0; i < segs.size(); i++) {
            Wire.Seg s = segs.get(i);
            if (s.tcp().has(TcpFlags.SYN) || s.tcp().options().tsEcr() == 0) {
                continue;
            }
            // the peer's latest TSval that had arrived (one-way delay 5 ms) when this one left
            int latest = 0;
            for (int j = 0; j < i; j++) {
                Wire.Seg p = segs.get(j);
                if (!p.src().equals(s.src()) && p.timeNanos() + 5 * MS <= s.timeNanos()) {
                    latest = p.tcp().options().tsVal();
                }
            }
            assertEquals(Integer.toUnsignedString(latest), Integer.toUnsignedString(s.tcp().options().tsEcr()),
                    "segment " + (i + 1) + " echoes the peer's latest TSval");
            checked++;
        }
        assertTrue(checked >= 15, "established segments checked: " + checked);
    }
}
