package dev.tcplab.stack.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.tcplab.stack.pcap.Tcpdump;
import dev.tcplab.stack.socket.SockOpt;
import dev.tcplab.stack.socket.Socket;
import dev.tcplab.stack.wire.ReferenceCaptures;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The model's pcap of scenario a, read by the real `tcpdump -r -nn -vv`: no bad checksum, and
 * the same flags and options (numbers aside) as tcpdump printed for the Linux capture.
 */
class ModelPcapTcpdumpTest {
    private static final Pattern FLAGS = Pattern.compile("Flags \\[([^\\]]+)\\]");
    private static final Pattern OPTIONS = Pattern.compile("options \\[([^\\]]*)\\]");

    /** "Flags [S.] options [mss N,sackOK,TS val N ecr N,nop,wscale N]" per TCP line, numbers replaced. */
    static List<String> shape(String tcpdumpText) {
        List<String> r = new ArrayList<>();
        for (String line : tcpdumpText.split("\n")) {
            Matcher f = FLAGS.matcher(line);
            if (!f.find()) {
                continue;
            }
            Matcher o = OPTIONS.matcher(line);
            String opts = o.find() ? o.group(1).replaceAll("\\d+", "N") : "";
            r.add("Flags [" + f.group(1) + "] options [" + opts + "]");
        }
        return r;
    }

    @Test
    void tcpdumpReadsTheModelsScenarioA() throws Exception {
        Tcpdump.find();
        Lab lab = new Lab(1);
        Socket ls = lab.server.socket();
        ls.setsockopt(SockOpt.SO_REUSEADDR, 1);
        ls.bind(lab.serverAddr, 5000);
        ls.listen(128);
        Socket c = lab.client.socket();
        c.connect(lab.serverAddr, 5000);
        Socket[] child = new Socket[1];
        ls.accept().onDone(a -> child[0] = a.value());
        lab.at(0.028574, () -> c.send("hello\n"));
        lab.at(0.032468, () -> {
            child[0].received();
            child[0].send("world\n");
        });
        lab.at(0.1, c::received);
        lab.at(0.232875, c::close);
        lab.at(0.759443, () -> child[0].close());
        lab.runUntil(2);
        Path dir = Files.createDirectories(Path.of("target", "tcpdump-test"));
        Path file = dir.resolve("model-a_normal.pcap");
        Files.write(file, lab.link.pcap());
        String model = Tcpdump.read(file);
        assertFalse(model.contains("bad cksum") || model.contains("incorrect"), model);
        String linux = String.join("\n", ReferenceCaptures.text("a_normal", ".txt"));
        assertEquals(shape(linux), shape(model), "tcpdump's view of Linux (left) and of the model (right)");
    }
}
