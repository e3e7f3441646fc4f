package dev.tcplab.stack.tcp;

import dev.tcplab.stack.dev.Link;
import dev.tcplab.stack.pcap.PcapReader;
import dev.tcplab.stack.wire.DecodedFrame;
import dev.tcplab.stack.wire.Frames;
import dev.tcplab.stack.wire.Ipv4Repr;
import dev.tcplab.stack.wire.TcpRepr;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/** The TCP segments a link carried (from its pcap), with their IP headers and capture times. */
final class Wire {
    record Seg(long timeNanos, Ipv4Repr ip, TcpRepr tcp) {
        String src() {
            return ip.src().toString();
        }
    }

    static List<Seg> segments(Link link) {
        try {
            List<Seg> out = new ArrayList<>();
            for (PcapReader.Record r : PcapReader.read(link.pcap(), "test").records()) {
                DecodedFrame d = Frames.decode(r.data());
                if (d.tcp() != null && d.ip() != null) {
                    out.add(new Seg(r.timeNanos(), d.ip(), d.tcp()));
                }
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Wire() {}
}
