// The kernels' timers run on Linux's timer wheel by default (HZ=250): a SYN timer of 1 s fires
// on a jiffy tick after it, never before, up to its wheel bucket late; timerWheel(hz) picks another CONFIG_HZ.
title = "Timers on the wheel"
val client = host("client", "192.0.2.1") { sysctl("net.ipv4.tcp_syn_retries", 1) }
val server = host("server", "192.0.2.2")
link(client, server) { delay = 1.ms }
server.dropInput("--syn -j DROP") { it.tcp.syn && !it.tcp.ack }
val conn = at(0.s) { client.connect(server, 80) }

check("each retransmission is late by at most its wheel bucket, as the kernel's") {
    runUntil(10.s)
    val times = wire.from(client).syns().times()
    times.size shouldBe 3
    times[0] shouldBe 0.s
    // 1 s nominal each (linear SYN timeouts): 250 jiffies, in a level-1 bucket 8 jiffies (32 ms) wide
    (times[1] - times[0]) shouldBeIn 1.s..1.032.s
    (times[2] - times[1]) shouldBeIn 1.s..1.032.s
    expectThat(times[1] != 1.s || times[2] != 2.s) { "the timers fired at their exact nominal times" }
}
