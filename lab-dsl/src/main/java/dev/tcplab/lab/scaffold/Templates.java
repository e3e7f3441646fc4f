package dev.tcplab.lab.scaffold;

/**
 * The text of a scaffolded exercise. The script uses only the core DSL (title, check with
 * points and hidden, submission answers and parameters, expectations), so it runs on any engine
 * version; the README shows where the network goes.
 */
final class Templates {
    private Templates() {}

    static String script(String name, String title) {
        return """
            // %1$s: a tcplab exercise. Run it with `mvn lab:run -Dlab=%1$s`,
            // grade a submission with `mvn lab:grade -Dsubmission=DIR` (see README.md).
            title = "%2$s"

            // Each check is worth points; hidden checks show only once grades are published.
            // Read the submission inside checks: the grader lists the checks without it.
            check("names the listener's half-open state", points = 2) {
                submission.answer("half_open_state") shouldBe "TCP_NEW_SYN_RECV"
            }

            check("knows how often Linux retries a SYN (net.ipv4.tcp_syn_retries)", points = 2) {
                submission.param("tcp_syn_retries", 0) shouldBe 6
            }

            check("knows the initial retransmission timeout (RFC 6298 section 2)", points = 1, hidden = true) {
                submission.param("initial_rto", 0.s) shouldBe 1.s
            }
            """.formatted(name, title);
    }

    static String readme(String name, String title) {
        return """
            # %2$s

            An exercise for tcplab. Answer the questions in `answers.properties` and check your
            answers against the lab before you hand them in.

            ## What to do

            1. Copy `submission-template/` to a folder of your own, e.g. `my-submission/`.
            2. Fill in every answer in `my-submission/answers.properties`:
               * `half_open_state`: the state (kernel name, like `TCP_LISTEN`) a connection request
                 is in on the server between the SYN and the final ACK.
               * `tcp_syn_retries`: how many times Linux retransmits a SYN before `connect()` fails.
               * `initial_rto`: the initial retransmission timeout, with a unit (`200ms`, `1s`).
            3. Check it: `mvn lab:grade -Dsubmission=my-submission` (or
               `tcplab run %1$s/%1$s.lab.kts --submission my-submission`).
               The report is in `target/lab-reports/`; `results.json` holds your score.

            Some checks are hidden: they are graded but shown only after grades are published.

            ## For instructors

            * `%1$s.lab.kts` is the lab: its checks carry the points. Add a network (hosts, links,
              faults) and checks on the ladder as the DSL documents; keep reading the submission
              inside `check { }` blocks, because the grader lists the checks without a submission.
            * `solution/` is the reference solution; it must pass every check:
              `mvn lab:run -Dlab=%1$s -Dsubmission=<labs folder>/%1$s/solution`. The grader also
              runs the lab against it to list the checks and their points.
            * `submission-template/` is what students start from.
            """.formatted(name, title);
    }

    static String template() {
        return """
            # Your answers. One `key = value` a line; see README.md for what each key asks.
            half_open_state =
            tcp_syn_retries =
            initial_rto =
            """;
    }

    static String solution() {
        return """
            # Reference solution: the lab must give it full marks.
            half_open_state = TCP_NEW_SYN_RECV
            tcp_syn_retries = 6
            initial_rto = 1s
            """;
    }
}
