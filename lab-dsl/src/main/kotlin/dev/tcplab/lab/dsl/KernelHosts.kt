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
 * Everything it creates (namespace, veth, agent process) is removed when the lab ends.
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
 * with the real kernel's. Checks belong outside.
 */
fun <T> LabScope.modelOnly(block: LabScope.() -> T): T {
    val sub = LabContext("${lab.id}-model", lab.scriptName, lab.scriptFileName, lab.seed, null, lab.submission) {
        throw LabScriptError("checks cannot be declared inside modelOnly { }: return what you compare and check it outside")
    }
    sub.attachment(MODEL_ONLY) { true }
    return LabBody(sub).block()
}

/** The Linux host of a lab: its sockets (calls run while the model keeps running), sysctls, ss and nstat. */
@LabDsl
class LinuxHostHandle internal constructor(
    private val world: World,
    /** The stack-core plumbing: namespace, veth, pcap device, capture. */
    val peer: KernelPeer,
    val name: String,
) {
    val address: Ipv4Address get() = peer.kernelAddress()

    /** The agent driving the kernel's sockets, for calls the DSL does not wrap (run them with [call]). */
    val linux: LinuxHost get() = peer.linux()

    /** Runs a kernel call while the model keeps running; an errno failure comes back as [KernelError]. */
    fun <T> call(timeout: VDuration = 3.s, body: LinuxHost.() -> T): T = try {
        peer.call({ linux.body() }, Duration.ofNanos(timeout.nanos))
    } catch (e: ErrnoException) {
        throw KernelError(name, e.errno(), e.message ?: e.errno())
    } finally {
        world.caughtUp()
    }

    /** sysctl -w inside the namespace. */
    fun sysctl(name: String, value: Any) = try {
        linux.sysctl(name, value.toString())
    } catch (e: RuntimeException) {
        throw LabScriptError("${this.name}: sysctl $name=$value failed: ${e.message}")
    }

    fun sysctl(name: String): String = linux.sysctl(name)

    /** socket(), SO_REUSEADDR, bind(address, port), listen(backlog). */
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
     */
    fun connect(to: HostHandle, port: Int, timeout: VDuration = 3.s): KernelConnection = connect(to.address.toString(), port, timeout)

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

    /** `ss -tanoei` in the namespace, as printed. */
    val ss: String get() = linux.ss()

    /** The kernel's counters since this host was created (nstat names: "TcpPassiveOpens"). */
    val nstat: Map<String, Long> get() = peer.nstat()

    fun counter(name: String): Long = nstat[name] ?: throw LabScriptError("the kernel has no counter named $name")

    override fun toString() = "$name ($address, Linux)"
}

/** A kernel call failed with errno. */
class KernelError(host: String, val errnoName: String, message: String) : IllegalStateException("$host: $errnoName $message") {
    /** As the model's Errno when it knows the name, else null. */
    val errno: Errno? get() = Errno.entries.firstOrNull { it.name == errnoName }
}

@LabDsl
class KernelListener internal constructor(val host: LinuxHostHandle, val fd: Int, val port: Int) {
    /** accept(): waits (the model running) up to [timeout]. */
    fun accept(timeout: VDuration = 3.s): KernelConnection {
        val a = host.call(timeout) { accept(fd, Duration.ofNanos(timeout.nanos)) }
        return KernelConnection(host, a.fd(), Errno.OK, port)
    }

    fun close() = host.call { close(fd) }
}

/** A kernel socket: connected (errno OK) or not (the errno connect() returned). */
@LabDsl
class KernelConnection internal constructor(
    val host: LinuxHostHandle,
    val fd: Int,
    /** connect()'s result, null when the kernel's errno has no name in the model. */
    val errno: Errno?,
    val localPort: Int,
) {
    /** send(); the bytes sent. */
    fun send(text: String): Int = host.call { send(fd, text.toByteArray()) }

    /** recv() up to [max] bytes, waiting up to [timeout]; "" at end of stream (the peer's FIN). */
    fun recv(max: Int = 65536, timeout: VDuration = 1.s): String =
        String(host.call(timeout) { recv(fd, max, Duration.ofNanos(timeout.nanos)) }, Charsets.UTF_8)

    /** shutdown: "RD", "WR" or "RDWR". */
    fun shutdown(how: String = "WR") = host.call { shutdown(fd, how) }

    fun close() = host.call { close(fd) }

    override fun toString() = "${host.name} fd $fd"
}

/** A model host's connect() to the Linux host (non-blocking: the model's call completes as the wall clock runs). */
fun HostHandle.connect(to: LinuxHostHandle, port: Int, nonBlocking: Boolean = false, bindPort: Int? = null): Connection =
    connect(to.address.toString(), port, nonBlocking, bindPort)
