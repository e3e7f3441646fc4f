package dev.tcplab.lab.dsl

import dev.tcplab.stack.linux.ErrnoException
import dev.tcplab.stack.linux.LinuxHost
import dev.tcplab.stack.realif.KernelPeer
import dev.tcplab.stack.realif.RealInterfaces
import dev.tcplab.stack.socket.Errno
import dev.tcplab.stack.wire.Ipv4Address
import java.time.Duration

/*
 * A host that *is* the Linux kernel of this machine, for comparing the model with it:
 *
 *   val client = host("client", "192.0.2.1")          // the model
 *   val server = linuxHost("server", "192.0.2.2")     // a lab-owned namespace, veth to client
 *   server.listen(5000)
 *   val conn = client.connect(server, 5000)
 *   eventually(within = 1.s) { conn.state shouldBe TCP_ESTABLISHED }
 *   server.nstat["TcpPassiveOpens"] shouldBe 1L
 *
 * From the declaration on, the lab runs on the wall clock (World.kt). Without root, libpcap or
 * iproute2 the lab ends as SKIPPED with what is missing and how to install it.
 */

private val MODEL_ONLY = Any()

/**
 * The real Linux kernel as a host of the lab, at [address] (TEST-NET only: 192.0.2.0/24,
 * 198.51.100.0/24, 203.0.113.0/24), joined by a veth to the model host [peer] - by default the
 * lab's only model host, which must not be linked to anything else. Declare it before time moves.
 * Everything it creates (namespace, veth, agent process) is removed when the lab ends. Without
 * root, libpcap or iproute2 the lab ends as SKIPPED, saying what is missing.
 *
 * ```kotlin
 * val client = host("client", "192.0.2.1")
 * val server = linuxHost("server", "192.0.2.2")
 * server.listen(5000)
 * ```
 */
fun LabScope.linuxHost(name: String, address: String, peer: HostHandle? = null): LinuxHostHandle {
    if (lab.attachment(MODEL_ONLY) { false }) throw LabScriptError("linuxHost cannot be declared inside modelOnly { }")
    val available = RealInterfaces.availability()
    if (!available.ok()) {
        throw LabSkipped("linux host '$name' needs the real kernel: ${available.reason()}")
    }
    val w = world
    if (w.kernel != null) throw LabScriptError("a lab has at most one Linux host")
    if (lab.simulation.nowNanos != 0L) throw LabScriptError("declare linuxHost(\"$name\", ...) before time moves (now $now)")
    val model = peer ?: w.hosts.values.singleOrNull()
        ?: throw LabScriptError("linuxHost(\"$name\") needs exactly one model host declared before it, or peer = ...")
    if (!model.host.ip().interfaces().isEmpty()) {
        throw LabScriptError("${model.name} is already linked; a Linux host needs a model host of its own")
    }
    if (w.hosts.containsKey(name)) throw LabScriptError("host $name is declared twice")
    val cidr = if ('/' in address) address else "$address/${model.prefix}"
    val kernel = try {
        KernelPeer.open(w.network, model.host, "${model.address}/${model.prefix}", name, cidr)
    } catch (e: IllegalArgumentException) {
        throw LabScriptError("linux host $name: ${e.message}")
    }
    lab.onEnd { kernel.close() }
    w.kernel = kernel
    return LinuxHostHandle(w, kernel, name)
}

/**
 * Runs [block] as a separate, model-only lab in virtual time (its own hosts, links and clock,
 * seeded like this lab) and returns what it returns - typically `ladder(client)`, to compare
 * with the real kernel's. Its timers fire at their exact nominal times: its ladder is the nominal
 * reference the kernel's timer slack is measured from (`timerWheel()` inside the block changes
 * that). Checks belong outside.
 *
 * ```kotlin
 * val model = modelOnly {
 *     val c = host("client", "192.0.2.1"); val s = host("server", "192.0.2.2"); link(c, s)
 *     s.listen(5000); c.connect(s, 5000); runUntil(1.s); ladder(c)
 * }
 * ```
 */
fun <T> LabScope.modelOnly(block: LabScope.() -> T): T {
    val sub = LabContext("${lab.id}-model", lab.scriptName, lab.scriptFileName, lab.seed, null, lab.submission) {
        throw LabScriptError("checks cannot be declared inside modelOnly { }: return what you compare and check it outside")
    }
    sub.attachment(MODEL_ONLY) { true }
    World.of(sub).timers("modelOnly { }") { it.exactTimers() }
    return LabBody(sub).block()
}

/**
 * The Linux host of a lab, as `linuxHost(...)` returns it: its sockets (calls run while the model
 * keeps running), sysctls, ss and nstat.
 *
 * ```kotlin
 * val server = linuxHost("server", "192.0.2.2")
 * check("one passive open") { server.counter("TcpPassiveOpens") shouldBe 1L }
 * ```
 *
 * @property name the host's name, as in reports
 */
@LabDsl
class LinuxHostHandle internal constructor(
    private val world: World,
    /** The stack-core plumbing: namespace, veth, pcap device, capture: `server.peer.pcap()`. */
    val peer: KernelPeer,
    val name: String,
) {
    /** The kernel's IPv4 address on the veth: `server.address.toString() == "192.0.2.2"`. */
    val address: Ipv4Address get() = peer.kernelAddress()

    /** The agent driving the kernel's sockets, for calls the DSL does not wrap (run them with [call]): `server.call { linux.ss() }`. */
    val linux: LinuxHost get() = peer.linux()

    /**
     * Runs a kernel call while the model keeps running, waiting up to [timeout]; an errno failure comes back as [KernelError].
     *
     * ```kotlin
     * val fd = server.call { socket() }
     * ```
     */
    fun <T> call(timeout: VDuration = 3.s, body: LinuxHost.() -> T): T = try {
        peer.call({ linux.body() }, Duration.ofNanos(timeout.nanos))
    } catch (e: ErrnoException) {
        throw KernelError(name, e.errno(), e.message ?: e.errno())
    } finally {
        world.caughtUp()
    }

    /**
     * sysctl -w inside the lab's namespace.
     *
     * ```kotlin
     * server.sysctl("net.ipv4.tcp_syncookies", 0)
     * ```
     */
    fun sysctl(name: String, value: Any) = try {
        linux.sysctl(name, value.toString())
    } catch (e: RuntimeException) {
        throw LabScriptError("${this.name}: sysctl $name=$value failed: ${e.message}")
    }

    /** sysctl -n inside the lab's namespace: `server.sysctl("net.core.somaxconn")`. */
    fun sysctl(name: String): String = linux.sysctl(name)

    /**
     * socket(), SO_REUSEADDR, bind(address, port), listen(backlog) in the kernel.
     *
     * ```kotlin
     * val listener = server.listen(5000)
     * val conn = listener.accept()
     * ```
     */
    fun listen(port: Int, backlog: Int = 128, reuseAddr: Boolean = true): KernelListener {
        requirePort(port, "$name.listen($port)")
        val fd = call {
            val fd = socket()
            if (reuseAddr) setsockopt(fd, "SO_REUSEADDR", 1)
            bind(fd, address.toString(), port)
            listen(fd, backlog)
            fd
        }
        return KernelListener(this, fd, port)
    }

    /**
     * A blocking connect() to [to]:[port] while the model runs: returns when the kernel's
     * connect() returned; [KernelConnection.errno] says how (OK, ECONNREFUSED, ETIMEDOUT...).
     *
     * ```kotlin
     * val conn = linuxClient.connect(server, 5000)
     * conn.errno shouldBe OK
     * ```
     */
    fun connect(to: HostHandle, port: Int, timeout: VDuration = 3.s): KernelConnection = connect(to.address.toString(), port, timeout)

    /** The same to an IPv4 [address]: `linuxClient.connect("192.0.2.1", 5000)`. */
    fun connect(address: String, port: Int, timeout: VDuration = 3.s): KernelConnection {
        requirePort(port, "$name.connect($address, $port)")
        val fd = call { socket() }
        return try {
            val local = call(timeout) { connect(fd, address, port, Duration.ofNanos(timeout.nanos)) }
            KernelConnection(this, fd, Errno.OK, local)
        } catch (e: KernelError) {
            KernelConnection(this, fd, e.errno, -1)
        }
    }

    /** `ss -tanoei` in the namespace, as printed: `println(server.ss)`. */
    val ss: String get() = linux.ss()

    /** The kernel's counters since this host was created (nstat names: "TcpPassiveOpens"): `server.nstat["TcpPassiveOpens"]`. */
    val nstat: Map<String, Long> get() = peer.nstat()

    /**
     * One kernel counter by nstat name (as [HostHandle.counter]); an unknown name is an error at its line.
     *
     * ```kotlin
     * server.counter("TcpExtListenOverflows") shouldBe 0L
     * ```
     */
    fun counter(name: String): Long = nstat[name] ?: throw LabScriptError("the kernel has no counter named $name")

    /** `server (192.0.2.2, Linux)`. */
    override fun toString() = "$name ($address, Linux)"
}

/**
 * A kernel call failed with errno.
 *
 * ```kotlin
 * try {
 *     server.call { bind(socket(), "192.0.2.2", 5000) } // the listener holds port 5000
 * } catch (e: KernelError) {
 *     e.errnoName shouldBe "EADDRINUSE"
 * }
 * ```
 *
 * @property errnoName the errno's name as the kernel reported it ("ECONNREFUSED")
 */
class KernelError(host: String, val errnoName: String, message: String) : IllegalStateException("$host: $errnoName $message") {
    /** As the model's Errno when it knows the name, else null: `e.errno shouldBe ECONNREFUSED`. */
    val errno: Errno? get() = Errno.entries.firstOrNull { it.name == errnoName }
}

/**
 * A listening socket in the kernel, as [LinuxHostHandle.listen] returns it.
 *
 * ```kotlin
 * val conn = server.listen(5000).accept(timeout = 2.s)
 * ```
 *
 * @property host the Linux host
 * @property fd the socket's file descriptor in the agent
 * @property port the port it listens on
 */
@LabDsl
class KernelListener internal constructor(val host: LinuxHostHandle, val fd: Int, val port: Int) {
    /** accept(): waits (the model running) up to [timeout]: `val conn = listener.accept()`. */
    fun accept(timeout: VDuration = 3.s): KernelConnection {
        val a = host.call(timeout) { accept(fd, Duration.ofNanos(timeout.nanos)) }
        return KernelConnection(host, a.fd(), Errno.OK, port)
    }

    /** close() of the listening socket: `listener.close()`. */
    fun close() = host.call { close(fd) }
}

/**
 * A kernel socket: connected (errno OK) or not (the errno connect() returned).
 *
 * ```kotlin
 * val conn = server.listen(5000).accept()
 * conn.recv() shouldBe "hello"
 * ```
 *
 * @property host the Linux host
 * @property fd the socket's file descriptor in the agent
 * @property localPort its local port, -1 when connect() failed
 */
@LabDsl
class KernelConnection internal constructor(
    val host: LinuxHostHandle,
    val fd: Int,
    /** connect()'s result, null when the kernel's errno has no name in the model: `conn.errno shouldBe OK`. */
    val errno: Errno?,
    val localPort: Int,
) {
    /** send() of [text] as UTF-8; the bytes sent: `conn.send("hello") shouldBe 5`. */
    fun send(text: String): Int = host.call { send(fd, text.toByteArray()) }

    /** recv() up to [max] bytes, waiting up to [timeout]; "" at end of stream (the peer's FIN): `conn.recv() shouldBe "hello"`. */
    fun recv(max: Int = 65536, timeout: VDuration = 1.s): String =
        String(host.call(timeout) { recv(fd, max, Duration.ofNanos(timeout.nanos)) }, Charsets.UTF_8)

    /** shutdown: "RD", "WR" or "RDWR"; "WR" (the default) sends a FIN: `conn.shutdown()`. */
    fun shutdown(how: String = "WR") = host.call { shutdown(fd, how) }

    /** close(): a FIN, or a RST with unread data: `conn.close()`. */
    fun close() = host.call { close(fd) }

    /** `server fd 7`. */
    override fun toString() = "${host.name} fd $fd"
}

/**
 * A model host's connect() to the Linux host (non-blocking: the model's call completes as the wall clock runs).
 *
 * ```kotlin
 * val conn = client.connect(server, 5000)
 * eventually(within = 1.s) { conn.state shouldBe TCP_ESTABLISHED }
 * ```
 */
fun HostHandle.connect(to: LinuxHostHandle, port: Int, nonBlocking: Boolean = false, bindPort: Int? = null): Connection =
    connect(to.address.toString(), port, nonBlocking, bindPort)
