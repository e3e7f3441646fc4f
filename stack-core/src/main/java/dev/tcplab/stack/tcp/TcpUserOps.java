package dev.tcplab.stack.tcp;

import dev.tcplab.stack.host.Counter;
import dev.tcplab.stack.socket.Errno;
import dev.tcplab.stack.wire.Ipv4Address;

/**
 * What system calls reach in the protocol (net/ipv4/af_inet.c and net/ipv4/tcp.c): inet_bind,
 * inet_listen, tcp_v4_connect, inet_csk_accept, tcp_sendmsg, tcp_recvmsg, tcp_shutdown,
 * tcp_close, tcp_disconnect. Blocking is the socket layer's business; these never wait.
 */
public final class TcpUserOps {
    private final Tcp tcp;

    public TcpUserOps(Tcp tcp) {
        this.tcp = tcp;
    }

    /** inet_bind. */
    public Errno bind(TcpSock sk, Ipv4Address addr, int port, boolean addressIsLocal) {
        tcp.fn("inet_bind", () -> addr + ":" + port);
        if (sk.state != TcpState.TCP_CLOSE || sk.sport != 0) {
            return Errno.EINVAL;
        }
        if (!addr.isAny() && !addressIsLocal) {
            return Errno.EADDRNOTAVAIL;
        }
        sk.saddr = addr;
        Errno e = tcp.hashtables.getPort(sk, port);
        if (e != Errno.OK) {
            sk.saddr = Ipv4Address.ANY;
            return e;
        }
        sk.userBoundPort = true;
        sk.userBoundAddr = !addr.isAny();
        return Errno.OK;
    }

    public Errno listen(TcpSock sk, int backlog) {
        return tcp.icsk.listen(sk, backlog);
    }

    public Errno connect(TcpSock sk, Ipv4Address daddr, int dport) {
        return tcp.ipv4.connect(sk, daddr, dport);
    }

    public TcpSock accept(TcpSock listener) {
        return tcp.icsk.accept(listener);
    }

    /** tcp_sendmsg: queue bytes (no send-buffer limit is modelled) and push. */
    public Errno send(TcpSock sk, byte[] data) {
        if (sk.skErr != Errno.OK) {
            return sk.skErr;
        }
        if ((sk.skShutdown & 2) != 0) {
            return Errno.EPIPE;
        }
        if (!sk.state.in(TcpState.TCP_ESTABLISHED, TcpState.TCP_CLOSE_WAIT)) {
            return sk.state == TcpState.TCP_SYN_SENT || sk.state == TcpState.TCP_SYN_RECV ? Errno.EAGAIN : Errno.EPIPE;
        }
        tcp.fn("tcp_sendmsg", () -> data.length + " bytes");
        sk.sendQueue.add(data);
        sk.writeSeq += data.length;
        tcp.output.writeXmit(sk, true);
        return Errno.OK;
    }

    /** tcp_recvmsg: up to max bytes; an empty array at EOF; null when nothing is there yet. */
    public byte[] recv(TcpSock sk, int max) {
        int n = Math.min(max, sk.receiveQueue.size());
        if (n == 0) {
            return (sk.skShutdown & 1) != 0 || sk.state == TcpState.TCP_CLOSE ? new byte[0] : null;
        }
        byte[] d = sk.receiveQueue.take(n);
        sk.copiedSeq += n;
        tcp.fn("tcp_recvmsg", () -> n + " bytes");
        // tcp_cleanup_rbuf: a window update may be due now that space opened
        if (sk.state.in(TcpState.TCP_ESTABLISHED, TcpState.TCP_FIN_WAIT1, TcpState.TCP_FIN_WAIT2)) {
            int curWin = sk.rcvWup + sk.rcvWnd - sk.rcvNxt;
            if (curWin <= sk.rcvMss && TcpOutput.fullSpace(sk.rcvbuf) - sk.receiveQueue.size() > 2 * curWin) {
                tcp.output.sendAck(sk);
            }
        }
        return d;
    }

    /** tcp_shutdown(SEND_SHUTDOWN): FIN in ESTABLISHED/SYN_RECV/CLOSE_WAIT (tcp_close_state). */
    public Errno shutdown(TcpSock sk, int how) {
        if (!sk.state.in(TcpState.TCP_ESTABLISHED, TcpState.TCP_SYN_SENT, TcpState.TCP_SYN_RECV,
                TcpState.TCP_CLOSE_WAIT, TcpState.TCP_FIN_WAIT1, TcpState.TCP_FIN_WAIT2, TcpState.TCP_CLOSING,
                TcpState.TCP_LAST_ACK, TcpState.TCP_LISTEN)) {
            return Errno.ENOTCONN;
        }
        if ((how & 1) != 0) {
            sk.skShutdown |= 1;
        }
        if ((how & 2) != 0 && (sk.skShutdown & 2) == 0) {
            sk.skShutdown |= 2;
            if (closeState(sk)) {
                tcp.output.sendFin(sk);
            }
        }
        return Errno.OK;
    }

    /**
     * tcp_close_state: the new state when the user closes the sending side; true if a FIN goes
     * out (ESTABLISHED → FIN_WAIT1, CLOSE_WAIT → LAST_ACK, SYN_RECV → FIN_WAIT1).
     */
    private boolean closeState(TcpSock sk) {
        switch (sk.state) {
            case TCP_ESTABLISHED, TCP_SYN_RECV -> {
                tcp.setState(sk, TcpState.TCP_FIN_WAIT1);
                return true;
            }
            case TCP_CLOSE_WAIT -> {
                tcp.setState(sk, TcpState.TCP_LAST_ACK);
                return true;
            }
            case TCP_SYN_SENT, TCP_LISTEN -> {
                tcp.setState(sk, TcpState.TCP_CLOSE);
                return false;
            }
            default -> {
                return false;
            }
        }
    }

    /**
     * tcp_close: a listener stops; unread data or SO_LINGER 0 → RST (TCPAbortOnClose /
     * TCPAbortOnLinger); otherwise the FIN path via tcp_close_state. The socket is orphaned.
     */
    public void close(TcpSock sk) {
        tcp.fn("tcp_close", () -> sk.describe());
        sk.skShutdown = 3;
        boolean wasOrphan = sk.dead;
        sk.dead = true;
        if (sk.state == TcpState.TCP_LISTEN) {
            tcp.setState(sk, TcpState.TCP_CLOSE);
            tcp.icsk.listenStop(sk);
            tcp.hashtables.putPort(sk);
            return;
        }
        if (wasOrphan) {
            return;
        }
        int unread = sk.receiveQueue.size();
        sk.receiveQueue.clear();
        if (sk.state == TcpState.TCP_CLOSE) {
            tcp.hashtables.putPort(sk);
            return;
        }
        if (unread > 0) {
            tcp.inc(Counter.TcpExtTCPAbortOnClose);
            tcp.setState(sk, TcpState.TCP_CLOSE);
            tcp.output.sendActiveReset(sk);
            tcp.timers.clearXmitTimers(sk);
            tcp.hashtables.putPort(sk);
            return;
        }
        if (sk.lingerSeconds == 0) {
            tcp.inc(Counter.TcpExtTCPAbortOnLinger);
            disconnect(sk);
            tcp.hashtables.putPort(sk);
            return;
        }
        if (closeState(sk)) {
            tcp.output.sendFin(sk);
        }
        if (sk.state == TcpState.TCP_CLOSE) {
            tcp.timers.clearXmitTimers(sk);
            tcp.hashtables.putPort(sk);
        } else if (sk.state == TcpState.TCP_FIN_WAIT2) {
            // already FIN_WAIT2 (after shutdown): becomes a timewait minisock now
            long tmo = tcp.timers.finTime(sk);
            tcp.minisocks.timeWait(sk, TcpState.TCP_FIN_WAIT2, tmo);
        }
    }

    /** tcp_disconnect: RST when a connection was up (tcp_need_reset), then CLOSE. */
    public void disconnect(TcpSock sk) {
        TcpState old = sk.state;
        if (old.in(TcpState.TCP_ESTABLISHED, TcpState.TCP_CLOSE_WAIT, TcpState.TCP_FIN_WAIT1,
                TcpState.TCP_FIN_WAIT2, TcpState.TCP_SYN_RECV, TcpState.TCP_CLOSING, TcpState.TCP_LAST_ACK)) {
            tcp.output.sendActiveReset(sk);
        }
        tcp.setState(sk, TcpState.TCP_CLOSE);
        tcp.timers.clearXmitTimers(sk);
    }

    public void setReuseAddr(TcpSock sk, boolean on) {
        sk.reuseAddr = on;
    }

    public void setLinger(TcpSock sk, int seconds) {
        sk.lingerSeconds = seconds;
    }

    public void setMaxSeg(TcpSock sk, int mss) {
        sk.userMss = mss;
    }

    public void setSynCount(TcpSock sk, int count) {
        sk.synRetries = count;
    }

    public void setDeferAccept(TcpSock sk, int timeouts) {
        sk.deferAcceptTimeouts = timeouts;
    }

    /** SO_KEEPALIVE → tcp_set_keepalive: arm (or delete) the keepalive timer unless CLOSE or LISTEN. */
    public void setKeepalive(TcpSock sk, boolean on) {
        if (!sk.state.in(TcpState.TCP_CLOSE, TcpState.TCP_LISTEN)) {
            if (on && !sk.keepOpen) {
                tcp.timers.resetKeepalive(sk, tcp.timers.keepaliveTimeWhen(sk));
            } else if (!on && sk.keepaliveTimer != null) {
                sk.keepaliveTimer.del();
            }
        }
        sk.keepOpen = on;
    }

    /**
     * TCP_KEEPIDLE (tcp_sock_set_keepidle_locked): a running keepalive timer is re-armed for
     * what is left of the new idle time since data or an ACK last arrived.
     */
    public void setKeepIdle(TcpSock sk, int seconds) {
        sk.keepaliveTime = seconds * Tcp.SEC;
        if (sk.keepOpen && !sk.state.in(TcpState.TCP_CLOSE, TcpState.TCP_LISTEN)) {
            long elapsed = tcp.timers.keepaliveTimeElapsed(sk);
            tcp.timers.resetKeepalive(sk, Math.max(0, sk.keepaliveTime - elapsed));
        }
    }

    /** TCP_USER_TIMEOUT (icsk_user_timeout, ms; 0 = off). */
    public void setUserTimeout(TcpSock sk, int millis) {
        sk.userTimeoutMs = millis;
    }

    public void setKeepIntvl(TcpSock sk, int seconds) {
        sk.keepaliveIntvl = seconds * Tcp.SEC;
    }

    public void setKeepCnt(TcpSock sk, int probes) {
        sk.keepaliveProbes = probes;
    }

    public void setNodelay(TcpSock sk, boolean on) {
        sk.nodelay = on;
    }

    public void setRcvbuf(TcpSock sk, int bytes) {
        sk.rcvbuf = Math.max(2304, bytes * 2);
    }

    public void attach(TcpSock sk, SocketEvents.Listener l) {
        SocketEvents.attach(sk, l);
    }

    public TimeWaitSock timeWaitSockOf(TcpSock sk) {
        return sk.timeWaitSock;
    }

    /** The user-side error and clears it (SO_ERROR). */
    public Errno takeError(TcpSock sk) {
        Errno e = sk.skErr;
        sk.skErr = Errno.OK;
        return e;
    }
}
