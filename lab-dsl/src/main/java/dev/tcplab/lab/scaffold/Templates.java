package dev.tcplab.lab.scaffold;

/**
 * The text of a scaffolded exercise: a small network (client, server, one link) running the
 * three-way handshake, checks on what happened (one of them hidden), and checks that grade a
 * student's predictions in {@code answers.properties} against what the model did, so a right
 * answer is right because Linux behaves that way, not because it matches a key.
 */
final class Templates {
    private Templates() {}

    static String script(String name, String title) {
        return """
            // %1$s: a tcplab exercise. Run it with `mvn lab:run -Dlab=%1$s -Dlab.solutions=true`
            // (or `tcplab run --submission %1$s/solution %1$s`); grade a student's folder with
            // `mvn lab:grade -Dsubmission=DIR` or `tcplab grade --submission DIR %1$s`. See README.md.
            title = "%2$s"

            // The network: two modelled Linux 6.18 hosts on one link with 10 ms of delay each way.
            val client = host("client", "192.0.2.1")
            val server = host("server", "192.0.2.2")
            link(client, server) { delay = 10.ms }

            val listener = server.listen(80, backlog = 8)
            val conn = client.connect(server, 80, nonBlocking = true)   // SYN at 0 s

            // Checks run top to bottom and move the virtual clock (at, eventually, runUntil).
            // Each is worth points; hidden checks count but show only once grades are published.
            step("The handshake") {
                check("after the SYN the server holds a request sock in TCP_NEW_SYN_RECV", points = 2) {
                    at(15.ms) {
                        listener.requests.single().state shouldBe TCP_NEW_SYN_RECV
                        listener.acceptQueue shouldBe emptyList()
                    }
                }
                check("one round trip later both sides are ESTABLISHED", points = 2) {
                    eventually(within = 1.s) {           // the server's child at 30 ms
                        conn.state shouldBe TCP_ESTABLISHED
                        listener.acceptQueue shouldBe listOf(TCP_ESTABLISHED)
                    }
                    wire.flags() shouldBe listOf("S", "SA", "A")
                }
                check("the server took the kernel's path (tcp_conn_request ... complete_hashdance)", points = 1, hidden = true) {
                    trace.on(server) shouldContainInOrder listOf("tcp_v4_rcv", "tcp_conn_request",
                        "tcp_v4_send_synack", "tcp_check_req", "tcp_v4_syn_recv_sock", "inet_csk_complete_hashdance")
                }
            }

            // The student's predictions (answers.properties), compared with what the model did.
            // Read the submission only inside check { }: the grader lists the checks without it.
            // The messages name the wrong answer, never the right one (students see them).
            step("Your predictions") {
                check("the state of a connection request between SYN and final ACK (half_open_state)", points = 2) {
                    val given = submission.answer("half_open_state")
                    val seen = trace.states(server).first { it.socket().startsWith("req") }.to()
                    expectThat(given == seen) {
                        "half_open_state = '$given' is not the state the server's request sock was in (a kernel name like TCP_LISTEN)"
                    }
                }
                check("the client's SYN retransmissions before connect() fails (tcp_syn_retries)", points = 1) {
                    val given = submission.answer("tcp_syn_retries")
                    expectThat(given.toIntOrNull() == client.sysctl("net.ipv4.tcp_syn_retries").toInt()) {
                        "tcp_syn_retries = '$given' is not Linux 6.18's default (a whole number)"
                    }
                }
            }
            """.formatted(name, title);
    }

    static String readme(String name, String title) {
        return """
            # %2$s

            An exercise for tcplab: a client connects to a server over a link with 10 ms delay.
            Predict what Linux does, write your predictions into `answers.properties`, and let the
            lab check them against what happened on the (modelled) wire.

            ## What to do

            1. Copy `submission-template/` to a folder of your own, e.g. `my-submission/`.
            2. Fill in every answer in `my-submission/answers.properties`:
               * `half_open_state`: the state (kernel name, like `TCP_LISTEN`) a connection request
                 is in on the server between the SYN and the final ACK.
               * `tcp_syn_retries`: how many times Linux 6.18 retransmits a SYN before `connect()`
                 fails (the default of `net.ipv4.tcp_syn_retries`).
            3. Check it (from the labs folder):
               `mvn lab:run -Dlab=%1$s -Dsubmission=path/to/my-submission`, or
               `tcplab run --submission path/to/my-submission %1$s`.
               A wrong answer is named in the output. The report is in
               `target/lab-reports/%1$s/index.html`: the ladder diagram shows the handshake.

            Some checks are hidden: they are graded but shown only after grades are published.

            ## For instructors

            * `%1$s.lab.kts` is the lab: hosts, a link, a listener, a `connect()`, then checks with
              points. Change the network (faults on the link: `drop(first = 1) { it.tcp.synAck }`,
              sysctls: `host(...) { sysctl("net.ipv4.tcp_syn_retries", 3) }`) and the checks;
              `labs/01-three-way-handshake` and the other bundled labs show the rest of the DSL.
            * Keep reading the submission inside `check { }` blocks: the grader lists the checks by
              running the lab against `solution/`.
            * `solution/` is the reference solution and must pass every check:
              `mvn lab:run -Dlab=%1$s -Dlab.solutions=true` or
              `tcplab run --submission %1$s/solution %1$s`.
            * Grade a student: `mvn lab:grade -Dsubmission=DIR` or
              `tcplab grade --submission DIR --reports out %1$s` (Gradescope `out/results.json`).
            * `submission-template/` is what students start from: keys, no answers.
            """.formatted(name, title);
    }

    static String template() {
        return """
            # Your answers. One `key = value` a line; see README.md for what each key asks.
            half_open_state =
            tcp_syn_retries =
            """;
    }

    static String solution() {
        return """
            # Reference solution: the lab must give it full marks.
            half_open_state = TCP_NEW_SYN_RECV
            tcp_syn_retries = 6
            """;
    }
}
