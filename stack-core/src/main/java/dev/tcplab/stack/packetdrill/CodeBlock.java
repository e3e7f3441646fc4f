package dev.tcplab.stack.packetdrill;

import dev.tcplab.stack.socket.Socket;
import dev.tcplab.stack.tcp.TcpSock;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.function.ToLongFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code %{ python }%} blocks: packetdrill snapshots the socket's tcp_info at the block's time
 * and runs the Python at the end of the script. The runner evaluates the one form the corpus
 * uses for the fields the model has — {@code assert tcpi_FIELD == N[, message]} statements
 * separated by {@code ;} or lines — at the block's time (the same snapshot) and reports a failed
 * assertion at the block's line. Any other Python, or a field the model does not have, is
 * unsupported, naming the tcp_info fields the block reads: no assertion is skipped silently.
 */
final class CodeBlock {
    private static final Pattern FIELD = Pattern.compile("\\btcpi_\\w+");
    private static final Pattern ASSERT = Pattern.compile("assert\\s+(tcpi_\\w+)\\s*==\\s*(\\d+)\\s*(,\\s*tcpi_\\w+\\s*)?");

    /** tcp_info fields and where the model keeps them (tcp_get_info). */
    private static final Map<String, ToLongFunction<TcpSock>> FIELDS = Map.of(
            "tcpi_snd_mss", TcpSock::mss,
            "tcpi_advmss", TcpSock::advmss);

    private CodeBlock() {}

    static void run(Executor x, Event.Code c, Socket socket) {
        Set<String> fields = new LinkedHashSet<>();
        Matcher m = FIELD.matcher(c.code());
        while (m.find()) {
            fields.add(m.group());
        }
        String unsupported = "%{ }% Python block" + (fields.isEmpty() ? "" : " reading " + String.join(", ", fields));
        if (!FIELDS.keySet().containsAll(fields) || socket == null) {
            throw x.unsupported(unsupported);
        }
        for (String stmt : c.code().split("[;\\n]")) {
            String st = stmt.strip();
            if (st.isEmpty()) {
                continue;
            }
            Matcher a = ASSERT.matcher(st);
            if (!a.matches()) {
                throw x.unsupported(unsupported + " (statement '" + st + "')");
            }
            long actual = FIELDS.get(a.group(1)).applyAsLong(socket.sock());
            long expected = Long.parseLong(a.group(2));
            if (actual != expected) {
                throw x.failure("error executing code: AssertionError: " + a.group(1) + " == " + expected
                        + " failed: " + a.group(1) + " is " + actual);
            }
        }
    }
}
