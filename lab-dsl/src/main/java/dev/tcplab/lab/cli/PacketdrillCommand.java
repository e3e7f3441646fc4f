package dev.tcplab.lab.cli;

import dev.tcplab.lab.packetdrill.PacketdrillSuite;
import java.io.IOException;
import java.io.PrintStream;
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

    @Override public String usage() { return "packetdrill [--reports DIR] FILES|DIRS..."; }

    @Override
    public String details() {
        return "Each script runs against a fresh model host in virtual time, as packetdrill runs it against a\n"
            + "kernel through a tun device. A script that does not pass prints its file:line and why: the\n"
            + "expected vs actual packet or return value, or the first construct the model lacks. See\n"
            + "docs/packetdrill.md. --reports DIR writes TEST-packetdrill.xml (JUnit), a pcap and a ladder per script.\n"
            + "Exit status: 0 every script passed, 1 one did not, 2 usage error.";
    }

    @Override
    public Options options() {
        return new Options()
            .addOption(Args.option("r", "reports", "DIR", "write TEST-packetdrill.xml, a pcap and a ladder per script there"));
    }

    @Override
    public int run(CommandLine line) throws UsageError {
        List<Path> inputs = Args.paths(line, "packetdrill script or folder");
        PacketdrillSuite.Summary summary;
        try {
            summary = PacketdrillSuite.run(inputs, Args.path(line, "reports"), out::println);
        } catch (IllegalArgumentException e) {
            throw new UsageError(e.getMessage());
        } catch (IOException e) {
            throw new UsageError("cannot write the reports: " + e.getMessage());
        }
        return summary.passed() == summary.results().size() ? Main.OK : Main.FAILED;
    }
}
