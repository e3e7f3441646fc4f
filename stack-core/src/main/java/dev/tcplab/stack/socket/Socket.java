package dev.tcplab.stack.socket;

import dev.tcplab.stack.sim.EventLoop;
import dev.tcplab.stack.tcp.SocketEvents;
import dev.tcplab.stack.tcp.TcpSock;
import dev.tcplab.stack.tcp.TcpState;
import dev.tcplab.stack.tcp.TcpUserOps;
import dev.tcplab.stack.wire.Ipv4Address;
import java.io.ByteArrayOutputStream;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.function.Predicate;

/**
 * A TCP socket as a program sees it (BSD/Linux API), with the errno each call returns in
 * Linux (linux-handshake.md 2). Calls never block the simulation: a blocking call returns a
 * {@link Call} that completes in virtual time.
 */
public final class Socket implements SocketEvents.Listener {
    /** SS_UNCONNECTED / SS_CONNECTING / SS_CONNECTED of struct socket. */
    private enum SockState { UNCONNECTED, CONNECTING, CONNECTED }

    private final EventLoop loop;
    private final TcpUserOps ops;
    private final Predicate<Ipv4Address> isLocal;
    private final String hostName;
    private final TcpSock sk;
    private SockState sockState = SockState.UNCONNECTED;
    private boolean nonBlocking;
    private boolean closed;
    private Call<Void> connectCall;
    private final Deque<Call<Socket>> acceptCalls = new ArrayDeque<>();
    private final Deque<RecvWait> recvCalls = new ArrayDeque<>();
    private final java.util.function.Function<TcpSock, Socket> childFactory;

    private record RecvWait(Call<byte[]> call, int max) {}

    public Socket(String hostName, EventLoop loop, TcpUserOps ops, Predicate<Ipv4Address> isLocal, TcpSock sk,
                  java.util.function.Function<TcpSock, Socket> childFactory) {
        this.hostName = hostName;
        this.loop = loop;
        this.ops = ops;
        this.isLocal = isLocal;
        this.sk = sk;
        this.childFactory = childFactory;
        ops.attach(sk, this);
    }

    /** For accept(): a socket for an already connected child. */
    void markConnected() {
        sockState = SockState.CONNECTED;
    }

    public TcpSock sock() {
        return sk;
    }

    public String host() {
        return hostName;
    }

    /** The protocol state (TCP_TIME_WAIT when a timewait minisock took over). */
    public TcpState state() {
        if (sk.state() == TcpState.TCP_CLOSE && ops.timeWaitSockOf(sk) != null
                && ops.timeWaitSockOf(sk).state() == TcpState.TCP_TIME_WAIT) {
            var tw = ops.timeWaitSockOf(sk);
            return tw.timerExpires() >= 0 ? tw.substate() : TcpState.TCP_CLOSE;
        }
        return sk.state();
    }

    public int localPort() {
        return sk.localPort();
    }

    public Ipv4Address localAddress() {
        return sk.localAddress();
    }

    public int remotePort() {
        return sk.remotePort();
    }

    public Ipv4Address remoteAddress() {
        return sk.remoteAddress();
    }

    public void setNonBlocking(boolean on) {
        this.nonBlocking = on;
    }

    public Errno bind(Ipv4Address addr, int port) {
        if (closed) {
            return Errno.EBADF;
        }
        return ops.bind(sk, addr, port, isLocal.test(addr));
    }

    public Errno listen(int backlog) {
        if (closed) {
            return Errno.EBADF;
        }
        if (sockState != SockState.UNCONNECTED) {
            return Errno.EINVAL;
        }
        return ops.listen(sk, backlog);
    }

    /**
     * connect(2) via __inet_stream_connect: EISCONN, EALREADY, EINPROGRESS (non-blocking),
     * or a call that completes OK / ECONNREFUSED / ETIMEDOUT.
     */
    public Call<Void> connect(Ipv4Address addr, int port) {
        long now = loop.now();
        if (closed) {
            return Call.completed("connect", now, Errno.EBADF, null);
        }
        switch (sockState) {
            case CONNECTED:
                return Call.completed("connect", now, Errno.EISCONN, null);
            case CONNECTING:
                if (sk.state() == TcpState.TCP_ESTABLISHED) {
                    sockState = SockState.CONNECTED;
                    return Call.completed("connect", now, Errno.OK, null);
                }
                if (sk.state() == TcpState.TCP_CLOSE) {
                    sockState = SockState.UNCONNECTED;
                    return Call.completed("connect", now, ops.takeError(sk), null);
                }
                return Call.completed("connect", now, Errno.EALREADY, null);
            default:
                break;
        }
        if (sk.state() != TcpState.TCP_CLOSE) {
            return Call.completed("connect", now, Errno.EISCONN, null);
        }
        Errno e = ops.connect(sk, addr, port);
        if (e != Errno.OK) {
            return Call.completed("connect", now, e, null);
        }
        sockState = SockState.CONNECTING;
        if (nonBlocking) {
            return Call.completed("connect", now, Errno.EINPROGRESS, null);
        }
        connectCall = new Call<>("connect");
        stateChanged(sk);
        return connectCall;
    }

    /** accept(2): a connected socket from the accept queue (EAGAIN when non-blocking and empty). */
    public Call<Socket> accept() {
        long now = loop.now();
        if (closed) {
            return Call.completed("accept", now, Errno.EBADF, null);
        }
        if (sk.state() != TcpState.TCP_LISTEN) {
            return Call.completed("accept", now, Errno.EINVAL, null);
        }
        Call<Socket> c = new Call<>("accept");
        acceptCalls.add(c);
        dataReady(sk);
        if (!c.isDone() && nonBlocking) {
            acceptCalls.remove(c);
            c.complete(now, Errno.EAGAIN, null);
        }
        return c;
    }

    /** send(2): queues all bytes (no send-buffer limit in the model). */
    public Call<Integer> send(byte[] data) {
        long now = loop.now();
        if (closed) {
            return Call.completed("send", now, Errno.EBADF, null);
        }
        if (sockState != SockState.CONNECTED && sk.state() != TcpState.TCP_ESTABLISHED
                && sk.state() != TcpState.TCP_CLOSE_WAIT) {
            Errno e = sk.state() == TcpState.TCP_CLOSE && sk.error() != Errno.OK ? ops.takeError(sk) : Errno.ENOTCONN;
            return Call.completed("send", now, e, null);
        }
        Errno e = ops.send(sk, data);
        if (e == Errno.ECONNRESET || e == Errno.EPIPE || e == Errno.ETIMEDOUT) {
            ops.takeError(sk);
        }
        return Call.completed("send", now, e, e == Errno.OK ? data.length : null);
    }

    public Call<Integer> send(String text) {
        return send(text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    /** recv(2): up to max bytes; an empty array at EOF; ECONNRESET after a reset. */
    public Call<byte[]> recv(int max) {
        long now = loop.now();
        if (closed) {
            return Call.completed("recv", now, Errno.EBADF, null);
        }
        Call<byte[]> c = new Call<>("recv");
        recvCalls.add(new RecvWait(c, max));
        dataReady(sk);
        if (!c.isDone() && nonBlocking) {
            recvCalls.removeIf(w -> w.call == c);
            c.complete(now, Errno.EAGAIN, null);
        }
        return c;
    }

    /** Reads everything that has arrived so far without waiting (for assertions). */
    public byte[] received() {
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        byte[] d;
        while ((d = ops.recv(sk, Integer.MAX_VALUE)) != null && d.length > 0) {
            o.writeBytes(d);
        }
        return o.toByteArray();
    }

    /** shutdown(2): how = 0 (SHUT_RD), 1 (SHUT_WR), 2 (SHUT_RDWR). */
    public Errno shutdown(int how) {
        if (closed) {
            return Errno.EBADF;
        }
        if (how < 0 || how > 2) {
            return Errno.EINVAL;
        }
        return ops.shutdown(sk, how + 1);
    }

    /** close(2). */
    public Errno close() {
        if (closed) {
            return Errno.EBADF;
        }
        closed = true;
        ops.close(sk);
        long now = loop.now();
        while (!acceptCalls.isEmpty()) {
            acceptCalls.poll().complete(now, Errno.EBADF, null);
        }
        return Errno.OK;
    }

    public Errno setsockopt(SockOpt opt, int value) {
        switch (opt) {
            case SO_REUSEADDR -> ops.setReuseAddr(sk, value != 0);
            case SO_LINGER -> ops.setLinger(sk, value);
            case SO_RCVBUF -> ops.setRcvbuf(sk, value);
            case TCP_MAXSEG -> {
                if (value < 88 || value > 32767) {
                    return Errno.EINVAL;
                }
                ops.setMaxSeg(sk, value);
            }
            case TCP_SYNCNT -> {
                if (value < 1 || value > 127) {
                    return Errno.EINVAL;
                }
                ops.setSynCount(sk, value);
            }
            case TCP_DEFER_ACCEPT -> ops.setDeferAccept(sk, secsToRetrans(value));
            case TCP_NODELAY -> ops.setNodelay(sk, value != 0);
            case SO_KEEPALIVE -> ops.setKeepalive(sk, value != 0);
            // do_tcp_setsockopt: 1..MAX_TCP_KEEPIDLE/KEEPINTVL (32767 s), 1..MAX_TCP_KEEPCNT (127)
            case TCP_KEEPIDLE, TCP_KEEPINTVL -> {
                if (value < 1 || value > 32767) {
                    return Errno.EINVAL;
                }
                if (opt == SockOpt.TCP_KEEPIDLE) {
                    ops.setKeepIdle(sk, value);
                } else {
                    ops.setKeepIntvl(sk, value);
                }
            }
            case TCP_USER_TIMEOUT -> { // milliseconds; 0 = off (do_tcp_setsockopt: negative is EINVAL)
                if (value < 0) {
                    return Errno.EINVAL;
                }
                ops.setUserTimeout(sk, value);
            }
            case TCP_KEEPCNT -> {
                if (value < 1 || value > 127) {
                    return Errno.EINVAL;
                }
                ops.setKeepCnt(sk, value);
            }
            case SO_ERROR -> {
                return Errno.ENOPROTOOPT;
            }
        }
        return Errno.OK;
    }

    /**
     * do_tcp_setsockopt(TCP_DEFER_ACCEPT) → secs_to_retrans: the value is in seconds and becomes
     * the number of SYN-ACK timeouts (1 s doubling, capped at TCP_RTO_MAX 120 s) that cover it.
     */
    static int secsToRetrans(int seconds) {
        int res = 0;
        if (seconds > 0) {
            int timeout = 1;
            int period = timeout;
            res = 1;
            while (seconds > period && res < 255) {
                res++;
                timeout = Math.min(timeout << 1, 120);
                period += timeout;
            }
        }
        return res;
    }

    /** getsockopt(SO_ERROR) reads and clears the pending error. */
    public Errno soError() {
        return ops.takeError(sk);
    }

    // ---------------------------------------------------------------- wake-ups

    @Override
    public void stateChanged(TcpSock s) {
        long now = loop.now();
        if (sockState == SockState.CONNECTING) {
            if (s.state() == TcpState.TCP_ESTABLISHED || s.state() == TcpState.TCP_CLOSE_WAIT) {
                if (connectCall != null) {
                    sockState = SockState.CONNECTED;
                    Call<Void> c = connectCall;
                    connectCall = null;
                    c.complete(now, Errno.OK, null);
                }
            } else if (s.state() == TcpState.TCP_CLOSE) {
                if (connectCall != null) {
                    sockState = SockState.UNCONNECTED;
                    Call<Void> c = connectCall;
                    connectCall = null;
                    c.complete(now, ops.takeError(s), null);
                }
            }
        }
        dataReady(s);
    }

    @Override
    public void dataReady(TcpSock s) {
        long now = loop.now();
        while (!acceptCalls.isEmpty()) {
            TcpSock child = ops.accept(sk);
            if (child == null) {
                break;
            }
            Socket cs = childFactory.apply(child);
            cs.markConnected();
            acceptCalls.poll().complete(now, Errno.OK, cs);
        }
        while (!recvCalls.isEmpty()) {
            RecvWait w = recvCalls.peek();
            if (sk.receiveQueueLength() == 0 && sk.state() == TcpState.TCP_CLOSE && sk.error() != Errno.OK) {
                recvCalls.poll().call.complete(now, ops.takeError(sk), null);
                continue;
            }
            byte[] d = ops.recv(sk, w.max);
            if (d == null) {
                break;
            }
            recvCalls.poll().call.complete(now, Errno.OK, d);
        }
    }

    @Override
    public void writeSpace(TcpSock s) {
    }

    @Override
    public String toString() {
        return "socket[" + hostName + " " + sk.describe() + " " + state() + "]";
    }
}
