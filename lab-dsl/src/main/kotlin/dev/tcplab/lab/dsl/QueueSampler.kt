package dev.tcplab.lab.dsl

import dev.tcplab.lab.result.LabTrace

/**
 * Samples every listener's queues (request socks: inet_csk_reqsk_queue_len; accept queue:
 * sk_ack_backlog) after each event the world runs and whenever the script's turn begins, and
 * keeps a sample only when a listener's numbers changed: the report's timeline chart. Not on
 * the wall clock (a lab with a Linux host): the model runs on the driver's thread there.
 */
internal class QueueSampler(private val world: World) {
    private val samples = ArrayList<LabTrace.QueueSample>()
    private val last = LinkedHashMap<String, LabTrace.QueueSample>()

    fun sample() {
        if (world.realTime) return
        val now = world.nowNanos
        val seen = HashSet<String>()
        for (h in world.hosts.values) {
            for (l in h.host.tcp().hashtables.listeners()) {
                val name = "${l.localAddress()}:${l.localPort()}"
                val key = "${h.name} $name"
                seen.add(key)
                val q = l.acceptQueue() ?: continue
                record(key, LabTrace.QueueSample(now, h.name, name, q.qlen(), q.ackBacklog(), l.maxAckBacklog()))
            }
        }
        for ((key, s) in last.entries.toList()) {
            if (key !in seen && s.backlog() >= 0) record(key, LabTrace.QueueSample(now, s.host(), s.listener(), 0, 0, -1))
        }
    }

    private fun record(key: String, s: LabTrace.QueueSample) {
        val prev = last[key]
        if (prev != null && prev.requests() == s.requests() && prev.acceptQueue() == s.acceptQueue()
            && prev.backlog() == s.backlog()) return
        // a later sample of the same instant replaces the earlier one: the chart shows where an instant ended
        if (prev != null && prev.timeNanos() == s.timeNanos()) samples.removeAt(samples.lastIndexOf(prev))
        samples.add(s)
        last[key] = s
    }

    fun samples(): List<LabTrace.QueueSample> {
        sample()
        return samples.toList()
    }
}
