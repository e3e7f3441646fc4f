package dev.tcplab.lab.scaffold;

/**
 * The text of a scaffolded walk-through: a small network (client, server, one link) running the
 * three-way handshake, and checks on what Linux does at each step, grouped in steps a student
 * reads top to bottom, as the bundled labs 01-11 are. No submission: nothing is graded.
 */
final class Walkthroughs {
    private Walkthroughs() {}

    static String script(String name, String title) {
        return """
            // %1$s: a tcplab walk-through. Run it with `mvn lab:run -Dlab=%1$s` (from the labs folder)
            // or `tcplab run --lab %1$s LABS`. See README.md.
            title = "%2$s"

            // The network: two modelled Linux 6.18 hosts on one link with 10 ms of delay each way.
            val client = host("client", "192.0.2.1")
            val server = host("server", "192.0.2.2")
            link(client, server) { delay = 10.ms }

            val listener = server.listen(80, backlog = 8)
            val conn = client.connect(server, 80, nonBlocking = true)   // SYN at 0 s

            // Checks run top to bottom and move the virtual clock (at, eventually, runUntil); a step
            // groups the checks of one stage of the scenario. Replace these with your lab's story.
            step("SYN") {
                check("connect() on a non-blocking socket returns EINPROGRESS in TCP_SYN_SENT") {
                    conn.errno shouldBe EINPROGRESS
                    conn.state shouldBe TCP_SYN_SENT
                }
            }
            step("SYN-ACK") {
                check("the server holds a request sock in TCP_NEW_SYN_RECV, not yet a socket") {
                    at(15.ms) {
                        listener.requests.single().state shouldBe TCP_NEW_SYN_RECV
                        listener.acceptQueue shouldBe emptyList()
                    }
                }
            }
            step("ACK") {
                check("one round trip later both sides are ESTABLISHED") {
                    eventually(within = 1.s) {           // the server's child at 30 ms
                        conn.state shouldBe TCP_ESTABLISHED
                        listener.acceptQueue shouldBe listOf(TCP_ESTABLISHED)
                    }
                    wire.flags() shouldBe listOf("S", "SA", "A")
                }
                check("the server took the kernel's path") {
                    trace.on(server) shouldContainInOrder listOf("tcp_v4_rcv", "tcp_conn_request",
                        "tcp_v4_send_synack", "tcp_check_req", "tcp_v4_syn_recv_sock", "inet_csk_complete_hashdance")
                }
            }
            """.formatted(name, title);
    }

    static String readme(String name, String title) {
        return """
            # %2$s

            **Goal:** (one sentence: what a student understands after this lab).

            What you will see:
            * `connect()` on a non-blocking socket returns `EINPROGRESS`; the socket is `TCP_SYN_SENT`.
            * The server's request sock in `TCP_NEW_SYN_RECV` until the third ACK.
            * Both sides `ESTABLISHED` one round trip later, and the kernel functions on the way.

            Run: `mvn lab:run -Dlab=%1$s` (from the labs folder) or `tcplab run --lab %1$s LABS`.
            Open the ladder diagram in `target/lab-reports/%1$s/index.html` and the pcap in Wireshark.

            Try: change the link's delay, drop the first SYN-ACK
            (`link(client, server) { drop(first = 1) { it.tcp.synAck } }`), and predict what moves.

            ## For instructors

            `%1$s.lab.kts` is the lab: hosts, a link, a listener, a `connect()`, then checks in steps.
            The bundled labs (`labs/01-three-way-handshake` and on) show the rest of the DSL. To grade
            students' predictions instead, scaffold an exercise: `mvn lab:new -Dlab=NAME -Dlab.kind=exercise`.
            """.formatted(name, title);
    }
}
