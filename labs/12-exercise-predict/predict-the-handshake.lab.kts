// Lab 12 (graded exercise): predict what Linux does, then let the model show you.
// The student writes predictions in answers.properties (see README.md); every check runs a
// scenario and compares the prediction with what happened on the wire, so a right answer is
// right because Linux (and the model) behave that way - not because it matches a key.
// The grader lists the checks by running this lab against solution/: every check is declared
// whatever the submission holds, and the submission is read only inside check { }.
// Without a submission (`tcplab run labs/`) the lab grades its own solution/ folder, so the
// bundled curriculum shows what full marks look like.
import java.nio.file.Path

title = "Exercise: predict the handshake"

val answers: Submission =
    if (submission.present) submission
    else Submission(Path.of(lab.scriptName).toAbsolutePath().parent.resolve("solution")) { _, _ ->
        throw LabScriptError("this exercise has no code to load")
    }

// Scenario 1 (Q1-Q3): tcp_syn_retries = 2 against a host that drops SYNs (lab 3).
// The questions ask for the kernel's rules, so the timers fire at their nominal times; a real
// kernel's timer wheel makes each up to 12.5 % late (the b2 capture gave up at 7.17 s, not 7 s).
// Exact timers keep the ±50 ms tolerance below from accepting a wrong rule that lands near a late time.
exactTimers()
val client = host("client", "192.0.2.1") { sysctl("net.ipv4.tcp_syn_retries", 2) }
val server = host("server", "192.0.2.2")
val others = (1..5).map { host("c$it", "192.0.2.${10 + it}") }
lan("lan", client, server, *others.toTypedArray())
server.dropInput("-s client --dport 5000 --syn") {
    it.tcp.syn && !it.tcp.ack && it.from(client) && it.tcp.dstPort == 5000
}
val blackholed = client.connect(server, 5000)

// Scenario 2 (Q4): a closed port (lab 2).
val refused = client.connect(server, 6000, nonBlocking = true)

// Scenario 3 (Q5-Q6): listen(2), never accept(), five clients (lab 6).
val listener = server.listen(5000, backlog = 2)
val queued = others.mapIndexed { i, c -> at((100 * i).ms) { c.connect(server, 5000, nonBlocking = true) } }

runUntil(20.s)

/*
 * Failure messages must not give the answer away: they say which answer is wrong and where to
 * look, never what was measured. The report's ladder diagram still shows the run.
 */
fun wrong(key: String, given: String, hint: String): Nothing =
    fail(null, given, "$key = \"$given\" does not match what happened on the wire ($hint)")

fun number(key: String): Int = answers.answer(key).let { it.toIntOrNull() ?: fail("a whole number", it, "$key: \"$it\" is not a whole number") }

fun duration(key: String): VDuration = answers.answer(key).let {
    try { Submission.parseDuration(it) } catch (e: IllegalArgumentException) { fail("a duration like 2.5s", it, "$key: \"$it\" is not a duration (write e.g. 2.5s)") }
}

fun secondsList(text: String): List<VDuration> = text.split(',', ' ').filter { it.isNotBlank() }.map {
    it.trim().toDoubleOrNull()?.s ?: fail("seconds, e.g. 0, 1, 3", it, "syn_times: \"$it\" is not a number of seconds")
}

fun close(a: VDuration, b: VDuration) = Math.abs((a - b).nanos) <= 50.ms.nanos

step("SYN retransmission") {
    check("Q1: the times the SYNs are sent (syn_times)", points = 3) {
        val given = answers.answer("syn_times")
        val predicted = secondsList(given)
        val measured = wire.from(client).syns().port(5000).times()
        if (predicted.size != measured.size || predicted.zip(measured).any { (p, m) -> !close(p, m) }) {
            wrong("syn_times", given, "lab 3; count the SYNs too")
        }
    }
    check("Q2: what connect() returns (connect_errno)", points = 1) {
        val given = answers.answer("connect_errno")
        if (given.uppercase() != blackholed.errno.toString()) wrong("connect_errno", given, "an errno name such as EAGAIN")
    }
    check("Q3: when connect() gives up (give_up_after)", points = 2, hidden = true) {
        if (!close(duration("give_up_after"), blackholed.connectedAt!!)) {
            wrong("give_up_after", answers.answer("give_up_after"), "Linux gives up by elapsed time, not by counting SYNs")
        }
    }
}

step("Closed port") {
    check("Q4: the flags of the reply to a SYN for a closed port (refused_reply_flags)", points = 1) {
        val reply = wire.from(server).port(6000).single()
        refused.state shouldBe TCP_CLOSE
        val given = answers.answer("refused_reply_flags")
        if (given.uppercase().toSet() != reply.flags().toSet()) wrong("refused_reply_flags", given, "lab 2")
    }
}

step("Accept queue") {
    check("Q5: how many of the five connections complete with listen(2) (completed_connections)", points = 2) {
        val completed = queued.count { it.state == TCP_ESTABLISHED }
        listener.acceptQueue.size shouldBe completed // both sides agree here
        val given = number("completed_connections")
        if (given != completed) wrong("completed_connections", given.toString(), "lab 6")
    }
    check("Q6: the nstat counter that counts SYNs dropped on a full accept queue (overflow_counter)", points = 2) {
        val name = answers.answer("overflow_counter")
        val dropped = others.sumOf { wire.from(it).syns().size }.toLong() - listener.acceptQueue.size
        // ListenDrops counts them too (it also counts other drops): either is accepted if it matches
        val counted = try { server.counter(name) } catch (e: LabScriptError) { wrong("overflow_counter", name, "an nstat name such as TcpExtTW") }
        if (name !in listOf("TcpExtListenOverflows", "TcpExtListenDrops") || counted != dropped) {
            wrong("overflow_counter", name, "lab 6")
        }
    }
}

step("States") {
    check("Q7: the state of a connection request between SYN and final ACK (request_state)", points = 1, hidden = true) {
        // the state the server's request socks (ids "req...") entered, from the trace
        val seen = trace.states(server).first { it.socket().startsWith("req") }.to()
        val given = answers.answer("request_state")
        if (given != seen) wrong("request_state", given, "a kernel state name such as TCP_LISTEN")
    }
}
