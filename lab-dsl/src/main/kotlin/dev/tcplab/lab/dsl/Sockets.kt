package dev.tcplab.lab.dsl

import dev.tcplab.stack.host.TraceEvent
import dev.tcplab.stack.socket.Call
import dev.tcplab.stack.socket.Errno
import dev.tcplab.stack.socket.SockOpt
import dev.tcplab.stack.socket.Socket
import dev.tcplab.stack.tcp.TcpState
import java.io.ByteArrayOutputStream

/** A connected (or connecting) socket of a lab: state, its history, errno, data both ways. */
@LabDsl
class Connection internal constructor(
    val host: HostHandle,
    /** The stack-core socket, for anything the DSL does not wrap. */
    val socket: Socket,
    /** The connect() call (null for accepted connections). */
    val connectCall: Call<Void>?,
) {
    private val inbox = ByteArrayOutputStream()

    /** The TCP state now (TCP_TIME_WAIT / TCP_FIN_WAIT2 when a timewait minisock holds it). */
    val state: TcpState get() = socket.state()

    /** Every state this socket went through, in order, starting with the first. */
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

    /** connect()'s errno once it returned (OK, EINPROGRESS, ECONNREFUSED, ETIMEDOUT...), null while blocked. */
    val errno: Errno? get() = connectCall?.let { if (it.isDone) it.errno() else null }

    /** When connect() returned, null while blocked. */
    val connectedAt: VDuration? get() = connectCall?.let { if (it.isDone) VDuration(it.doneAt()) else null }

    val established: Boolean get() = state == TcpState.TCP_ESTABLISHED

    val localPort: Int get() = socket.localPort()
    val remotePort: Int get() = socket.remotePort()

    /** send(); the errno it returned. */
    fun send(text: String): Errno = socket.send(text).errno()

    fun send(bytes: ByteArray): Errno = socket.send(bytes).errno()

    /** Everything received so far (read without blocking and kept), as text. */
    val received: String
        get() {
            inbox.writeBytes(socket.received())
            return inbox.toString(Charsets.UTF_8)
        }

    /** A blocking recv(): completes in virtual time (data, "" at EOF, or an errno). */
    fun recv(max: Int = 65536): Call<ByteArray> = socket.recv(max)

    fun close(): Errno = socket.close()

    /** shutdown(SHUT_RD=0 / SHUT_WR=1 / SHUT_RDWR=2). */
    fun shutdown(how: Int = 1): Errno = socket.shutdown(how)

    fun setsockopt(opt: SockOpt, value: Int): Errno = socket.setsockopt(opt, value)

    /** getsockopt(SO_ERROR): the pending error, cleared by reading it. */
    fun soError(): Errno = socket.soError()

    override fun toString() = socket.toString()
}

/** A listening socket: its queues, and what it accepted. */
@LabDsl
class ListenerHandle internal constructor(val host: HostHandle, val socket: Socket) {
    private val acceptedList = ArrayList<Connection>()

    val state: TcpState get() = socket.state()

    /** The port it listens on: the one asked for, or the kernel's pick for listen(0). */
    val port: Int get() = socket.localPort()

    /** listen()'s backlog after the somaxconn clamp (sk_max_ack_backlog). */
    val backlog: Int get() = socket.sock().maxAckBacklog()

    /** Request socks (TCP_NEW_SYN_RECV) waiting for their third ACK. */
    val requests: List<RequestView>
        get() = socket.sock().acceptQueue()?.requestSocks()?.map { RequestView.of(it, host.world) } ?: emptyList()

    /** Completed connections waiting for accept() (the accept queue; `ss` Recv-Q). */
    val acceptQueue: List<TcpState>
        get() = socket.sock().acceptQueue()?.acceptedChildren()?.map { it.state() } ?: emptyList()

    /** Connections accepted so far (by [accept] or `listen(accept = true)`). */
    val accepted: List<Connection> get() = acceptedList.toList()

    /** accept() now, without waiting: null when the queue is empty (EAGAIN). */
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

    fun close(): Errno = socket.close()

    override fun toString() = socket.toString()
}
