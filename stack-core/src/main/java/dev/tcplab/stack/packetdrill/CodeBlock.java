package dev.tcplab.stack.packetdrill;

import java.util.LinkedHashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code %{ python }%} blocks: packetdrill runs them in Python with the socket's tcp_info.
 * The runner evaluates no Python; a block is reported unsupported, naming the tcp_info fields
 * it reads, so no assertion is ever skipped silently.
 */
final class CodeBlock {
    private static final Pattern FIELD = Pattern.compile("\\btcpi_\\w+");

    private CodeBlock() {}

    static void run(Executor x, Event.Code c) {
        Set<String> fields = new LinkedHashSet<>();
        Matcher m = FIELD.matcher(c.code());
        while (m.find()) {
            fields.add(m.group());
        }
        throw x.unsupported("%{ }% Python block" + (fields.isEmpty() ? "" : " reading " + String.join(", ", fields)));
    }
}
