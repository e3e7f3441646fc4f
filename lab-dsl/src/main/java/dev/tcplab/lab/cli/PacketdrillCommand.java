package dev.tcplab.lab.cli;

import dev.tcplab.stack.packetdrill.PacketdrillRunner;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.Options;

/** `tcplab packetdrill`: plays packetdrill scripts against a model host (a thin front to PacketdrillRunner). */
final class PacketdrillCommand implements Command {
    private final PrintStream out;

    PacketdrillCommand(PrintStream out) {
        this.out = out;
    }

    @Override public String name() { return "packetdrill"; }

    @Override public String summary() { return "play packetdrill scripts (*.pkt) against the model"; }

    @Override public String usage() { return "packetdrill FILES|DIRS..."; }

    @Override
    public String details() {
        return "Each script runs against a fresh model host in virtual time, as packetdrill runs it against a\n"
            + "kernel through a tun device. A script that does not pass prints its file:line and why: the\n"
            + "expected vs actual packet or return value, or the first construct the model lacks. See\n"
            + "docs/packetdrill.md. Exit status: 0 every script passed, 1 one did not, 2 usage error.";
    }

    @Override
    public Options options() {
        return new Options();
    }

    @Override
    public int run(CommandLine line) throws UsageError {
        int total = 0;
        int passed = 0;
        for (Path p : Args.paths(line, "packetdrill script or folder")) {
            if (!Files.exists(p)) {
                throw new UsageError("no such file or folder: " + p);
            }
            boolean dir = Files.isDirectory(p);
            Path base = dir ? p : (p.toAbsolutePath().getParent() == null ? p : p.toAbsolutePath().getParent());
            List<Path> scripts = dir ? PacketdrillRunner.scripts(p) : List.of(p.toAbsolutePath());
            for (Path s : scripts) {
                PacketdrillRunner.Result r = PacketdrillRunner.run(dir ? base : base, s);
                total++;
                if (r.passed()) {
                    passed++;
                    out.println("PASS " + r.name());
                } else {
                    out.println(r.status() + " " + r.name());
                    for (String l : r.message().split("\n")) {
                        out.println("  " + l);
                    }
                }
            }
        }
        out.println(passed + "/" + total + " scripts pass");
        return passed == total ? Main.OK : Main.FAILED;
    }
}
