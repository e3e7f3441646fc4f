package dev.tcplab.lab.dsl

import dev.tcplab.stack.host.TraceEvent
import dev.tcplab.stack.socket.Call
import dev.tcplab.stack.socket.Errno
import dev.tcplab.stack.socket.SockOpt
import dev.tcplab.stack.socket.Socket
import dev.tcplab.stack.tcp.InetDiag
import dev.tcplab.stack.tcp.TcpInfo
import dev.tcplab.stack.tcp.TcpState
import java.io.ByteArrayOutputStream

/**
 * A connected (or connecting) socket of a lab, as `connect(...)` returns it or a listener accepted
 * it: state, its history, errno, data both ways.
 *
 * ```kotlin
 * val conn = client.connect(server, 80, nonBlocking = true)
 * eventually(within = 1.s) { conn.state shouldBe TCP_ESTABLISHED }
 * conn.states shouldBe listOf(TCP_CLOSE, TCP_SYN_SENT, TCP_ESTABLISHED)
 * ```
 *
 * @property host the host this socket is on
 */
@LabDsl
class Connection internal constructor(
    val host: HostHandle,
    /** The stack-core socket, for anything the DSL does not wrap: `conn.socket.sock()`. */
    val socket: Socket,
    /** The connect() call (null for accepted connections): `conn.connectCall?.isDone`. */
    val connectCall: Call<Void>?,
) {
    private val inbox = ByteArrayOutputStream()

    /**
     * The TCP state now (TCP_TIME_WAIT / TCP_FIN_WAIT2 when a timewait minisock holds it).
     *
     * ```kotlin
     * at(1.s) { conn.state shouldBe TCP_ESTABLISHED }
     * ```
     */
    val state: TcpState get() = socket.state()

    /**
     * Every state this socket went through, in order, starting with the first (a timewait
     * minisock's states continue the socket's).
     *
     * ```kotlin
     * conn.states shouldBe listOf(TCP_CLOSE, TCP_SYN_SENT, TCP_ESTABLISHED)
     * ```
     */
    val states: List<TcpState>
        get() {
            val r = transitions(socket.sock().id())
            val tw = socket.sock().timeWaitSock() ?: return r
            // tcp_time_wait: the full socket is done (CLOSE) and a timewait minisock carries on
            if (r.lastOrNull() == TcpState.TCP_CLOSE) r.removeAt(r.size - 1)
            for (s in transitions(tw.id()).drop(1)) {
                if (s != r.lastOrNull()) r.add(s)
            }
            return r
        }

    /**
     * What `ss -i` shows for this connection now (tcp_get_info): rto, rtt/rttvar, mss, cwnd,
     * ssthresh, bytes and segments in and out, retransmissions, window scales, rcv_space,
     * rcv_ssthresh, snd_wnd - compared field by field with the kernel's in the reference tests
     * (fresh/k1, k2). [TcpInfo.ssText] prints it as ss does.
     *
     * ```kotlin
     * conn.info.rtoMs shouldBe 204L           // 200 ms + srtt, in whole jiffies at HZ=250
     * conn.info.cwnd shouldBe 10
     * println(conn.info.ssText())             // ts sack wscale:10,10 rto:204 rtt:0.04/0.02 mss:1448 ...
     * ```
     */
    val info: TcpInfo get() = InetDiag.info(host.host.tcp(), socket.sock())

    private fun transitions(id: String): MutableList<TcpState> {
        val prefix = "$id "
        val r = ArrayList<TcpState>()
        for (e in host.world.network.trace().events()) {
            if (e is TraceEvent.StateChange && e.host() == host.name && e.socket().startsWith(prefix)) {
                if (r.isEmpty()) r.add(TcpState.valueOf(e.from()))
                r.add(TcpState.valueOf(e.to()))
            }
        }
        return r
    }

    /**
     * connect()'s errno once it returned (OK, EINPROGRESS, ECONNREFUSED, ETIMEDOUT...), null while blocked.
     *
     * ```kotlin
     * client.connect(server, 6000).errno shouldBe ECONNREFUSED // nothing listens on 6000: RST
     * ```
     */
    val errno: Errno? get() = connectCall?.let { if (it.isDone) it.errno() else null }

    /**
     * When connect() returned, null while blocked.
     *
     * ```kotlin
     * conn.connectedAt shouldBe 20.ms // one RTT over a 10 ms link
     * ```
     */
    val connectedAt: VDuration? get() = connectCall?.let { if (it.isDone) VDuration(it.doneAt()) else null }

    /** Whether the state is TCP_ESTABLISHED now: `expectThat(conn.established) { "not connected" }`. */
    val established: Boolean get() = state == TcpState.TCP_ESTABLISHED

    /** The local port (the ephemeral one connect() picked, from net.ipv4.ip_local_port_range): `conn.localPort shouldBeIn 32768..60999`. */
    val localPort: Int get() = socket.localPort()
    /** The peer's port: `conn.remotePort shouldBe 80`. */
    val remotePort: Int get() = socket.remotePort()

    /**
     * send() of [text] as UTF-8; the errno it returned.
     *
     * ```kotlin
     * conn.send("hello") shouldBe OK
     * ```
     */
    fun send(text: String): Errno = socket.send(text).errno()

    /** send() of raw bytes; the errno it returned: `conn.send(ByteArray(1460))`. */
    fun send(bytes: ByteArray): Errno = socket.send(bytes).errno()

    /**
     * Everything received so far (read without blocking and kept), as text.
     *
     * ```kotlin
     * eventually(within = 1.s) { server.accepted.single().received shouldBe "hello" }
     * ```
     */
    val received: String
        get() {
            inbox.writeBytes(socket.received())
            return inbox.toString(Charsets.UTF_8)
        }

    /** A blocking recv() of up to [max] bytes: completes in virtual time (data, empty at EOF, or an errno): `val r = conn.recv()`. */
    fun recv(max: Int = 65536): Call<ByteArray> = socket.recv(max)

    /**
     * close(): a FIN (or a RST with unread data or SO_LINGER 0); the errno it returned.
     *
     * ```kotlin
     * at(1.s) { conn.close() }
     * after(100.ms) { conn.state shouldBe TCP_FIN_WAIT2 }
     * ```
     */
    fun close(): Errno = socket.close()

    /** shutdown(SHUT_RD=0 / SHUT_WR=1 / SHUT_RDWR=2); SHUT_WR (the default) sends a FIN: `conn.shutdown()`. */
    fun shutdown(how: Int = 1): Errno = socket.shutdown(how)

    /** setsockopt() with an integer value: `conn.setsockopt(SO_LINGER, 0)`. */
    fun setsockopt(opt: SockOpt, value: Int): Errno = socket.setsockopt(opt, value)

    /**
     * getsockopt(SO_ERROR): the pending error, cleared by reading it.
     *
     * ```kotlin
     * val c = client.connect(server, 6000, nonBlocking = true) // EINPROGRESS
     * after(100.ms) { c.soError() shouldBe ECONNREFUSED }
     * ```
     */
    fun soError(): Errno = socket.soError()

    /** The socket as stack-core prints it. */
    override fun toString() = socket.toString()
}

/**
 * A listening socket, as `listen(...)` returns it: its queues, and what it accepted.
 *
 * ```kotlin
 * val listener = server.listen(5000, backlog = 1)
 * at(2.s) { listener.acceptQueue.size shouldBe 2 } // listen(1) holds backlog + 1
 * ```
 *
 * @property host the host it listens on
 * @property socket the stack-core socket, for anything the DSL does not wrap
 */
@LabDsl
class ListenerHandle internal constructor(val host: HostHandle, val socket: Socket) {
    private val acceptedList = ArrayList<Connection>()

    /** The TCP state: TCP_LISTEN until closed: `listener.state shouldBe TCP_LISTEN`. */
    val state: TcpState get() = socket.state()

    /**
     * The port it listens on: the one asked for, or the kernel's pick for listen(0).
     *
     * ```kotlin
     * val any = server.listen(0)
     * any.port shouldBeIn 32768..60999
     * ```
     */
    val port: Int get() = socket.localPort()

    /**
     * listen()'s backlog after the somaxconn clamp (sk_max_ack_backlog): the accept queue holds one more.
     *
     * ```kotlin
     * server.listen(80, backlog = -1).backlog shouldBe 4096 // negative: somaxconn, as __sys_listen does
     * ```
     */
    val backlog: Int get() = socket.sock().maxAckBacklog()

    /**
     * Request socks (TCP_NEW_SYN_RECV) waiting for their third ACK: what is often called the SYN
     * queue (Linux keeps them in ehash and counts them in the listener's qlen).
     *
     * ```kotlin
     * at(10.ms) { listener.requests.single().numRetrans shouldBe 0 }
     * ```
     */
    val requests: List<RequestView>
        get() = socket.sock().acceptQueue()?.requestSocks()?.map { RequestView.of(it, host.world) } ?: emptyList()

    /**
     * Completed connections waiting for accept() (the accept queue; `ss` Recv-Q), by state.
     *
     * ```kotlin
     * listener.acceptQueue shouldBe listOf(TCP_ESTABLISHED, TCP_ESTABLISHED)
     * ```
     */
    val acceptQueue: List<TcpState>
        get() = socket.sock().acceptQueue()?.acceptedChildren()?.map { it.state() } ?: emptyList()

    /** Connections accepted so far (by [accept] or `listen(accept = true)`): `web.accepted.size shouldBe 3`. */
    val accepted: List<Connection> get() = acceptedList.toList()

    /**
     * accept() now, without waiting: null when the queue is empty (EAGAIN).
     *
     * ```kotlin
     * val conn = at(5.s) { listener.accept() } ?: fail("a connection", null, "the accept queue is empty")
     * ```
     */
    fun accept(): Connection? {
        socket.setNonBlocking(true)
        val c = socket.accept()
        socket.setNonBlocking(false)
        val s = c.value() ?: return null
        return Connection(host, s, null).also { acceptedList.add(it) }
    }

    /** A server loop: accept every connection as it arrives. */
    internal fun acceptForever() {
        socket.accept().onDone { c ->
            if (c.errno() == Errno.OK) {
                acceptedList.add(Connection(host, c.value(), null))
                acceptForever()
            }
        }
    }

    /** close(): the socket stops listening (inet_csk_listen_stop); the errno it returned: `listener.close()`. */
    fun close(): Errno = socket.close()

    /** The socket as stack-core prints it. */
    override fun toString() = socket.toString()
}
