package dev.tcplab.stack.ipv4;

import dev.tcplab.stack.wire.Ipv4Repr;
import dev.tcplab.stack.wire.TcpRepr;
import java.util.ArrayList;
import java.util.List;

/**
 * The two iptables chains the labs need, as DROP rules: INPUT (after ip_rcv counted the packet,
 * before TCP sees it: no InSegs) and OUTPUT (after TCP counted it — OutSegs, OutRsts — before
 * the device, so it never reaches the wire). A fault on a link is different: the packet is lost
 * on the wire and the receiver counts nothing.
 */
public final class Netfilter {
    /** A match on an IPv4/TCP packet (iptables -p tcp --tcp-flags ..., --dport ...). */
    @FunctionalInterface
    public interface Match {
        boolean matches(Ipv4Repr ip, TcpRepr tcp);
    }

    public record Rule(String description, Match match) {}

    private final List<Rule> input = new ArrayList<>();
    private final List<Rule> output = new ArrayList<>();

    public Rule dropInput(String description, Match m) {
        Rule r = new Rule(description, m);
        input.add(r);
        return r;
    }

    public Rule dropOutput(String description, Match m) {
        Rule r = new Rule(description, m);
        output.add(r);
        return r;
    }

    public void remove(Rule r) {
        input.remove(r);
        output.remove(r);
    }

    /** iptables -F. */
    public void flush() {
        input.clear();
        output.clear();
    }

    boolean hasInputRules() {
        return !input.isEmpty();
    }

    Rule matchInput(Ipv4Repr ip, TcpRepr tcp) {
        return first(input, ip, tcp);
    }

    Rule matchOutput(Ipv4Repr ip, TcpRepr tcp) {
        return first(output, ip, tcp);
    }

    private static Rule first(List<Rule> rules, Ipv4Repr ip, TcpRepr tcp) {
        for (Rule r : rules) {
            if (r.match().matches(ip, tcp)) {
                return r;
            }
        }
        return null;
    }
}
