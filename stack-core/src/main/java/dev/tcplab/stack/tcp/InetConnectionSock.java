package dev.tcplab.stack.tcp;

import dev.tcplab.stack.host.Counter;
import dev.tcplab.stack.socket.Errno;
import java.util.ArrayList;
import java.util.List;

/**
 * net/ipv4/inet_connection_sock.c: listen start/stop, the accept queue and its N+1 bound,
 * request socks in ehash with their own timers (reqsk_timer_handler, young/old pruning),
 * inet_csk_complete_hashdance and accept.
 */
public final class InetConnectionSock {
    private final Tcp tcp;

    InetConnectionSock(Tcp tcp) {
        this.tcp = tcp;
    }

    /** sk_acceptq_is_full: strictly greater, so backlog + 1 children fit. */
    boolean acceptqIsFull(TcpSock listener) {
        return listener.acceptQueue.ackBacklog() > listener.maxAckBacklog;
    }

    /** inet_csk_reqsk_queue_is_full: qlen &gt; backlog, so backlog + 1 request socks fit. */
    boolean reqskQueueIsFull(TcpSock listener) {
        return listener.acceptQueue.qlen > listener.maxAckBacklog;
    }

    /**
     * inet_listen / inet_csk_listen_start: backlog clamped to somaxconn (negative → somaxconn);
     * a second listen() only updates the bound.
     */
    Errno listen(TcpSock sk, int backlog) {
        int somaxconn = tcp.sysctls.getInt("net.core.somaxconn");
        if (backlog < 0 || backlog > somaxconn) {
            backlog = somaxconn;
        }
        if (sk.state == TcpState.TCP_LISTEN) {
            sk.maxAckBacklog = backlog;
            return Errno.OK;
        }
        if (sk.state != TcpState.TCP_CLOSE) {
            return Errno.EINVAL;
        }
        tcp.fn("inet_csk_listen_start", "backlog " + backlog);
        sk.maxAckBacklog = backlog;
        if (sk.sport == 0) {
            Errno e = tcp.hashtables.getPort(sk, 0);
            if (e != Errno.OK) {
                return e;
            }
        }
        sk.acceptQueue = new AcceptQueue();
        tcp.setState(sk, TcpState.TCP_LISTEN);
        tcp.hashtables.hashListener(sk);
        return Errno.OK;
    }

    /** inet_csk_reqsk_queue_hash_add: into ehash, timer armed, qlen++ and young++. */
    void reqskQueueHashAdd(TcpSock listener, RequestSock req, long timeout) {
        tcp.fn("inet_csk_reqsk_queue_hash_add", () -> req.describe());
        tcp.hashtables.ehashInsert(req);
        tcp.stateChange(req, TcpState.TCP_LISTEN, TcpState.TCP_NEW_SYN_RECV);
        req.rskTimer = tcp.loop.kernelTimer(tcp, () -> reqskTimerHandler(req));
        req.rskTimer.mod(timeout);
        AcceptQueue q = listener.acceptQueue;
        q.qlen++;
        q.young++;
        q.requests.add(req);
    }

    /**
     * reqsk_timer_handler (linux-handshake.md 4.3): while more than half the queue is taken,
     * old requests get fewer retries (not below 2); resend the SYN-ACK, num_timeout++, re-arm at
     * timeout &lt;&lt; num_timeout; expire silently (no RST) after the retries.
     */
    void reqskTimerHandler(RequestSock req) {
        TcpSock listener = req.listener;
        tcp.fn("reqsk_timer_handler", () -> req.describe() + " num_timeout=" + req.numTimeout);
        if (listener.state != TcpState.TCP_LISTEN) {
            reqskQueueDrop(listener, req);
            return;
        }
        AcceptQueue q = listener.acceptQueue;
        int maxRetries = listener.synRetries > 0 ? listener.synRetries : tcp.sysctl("tcp_synack_retries");
        int qlen = q.qlen;
        if ((qlen << 1) > Math.max(8, listener.maxAckBacklog)) {
            int young = q.young << 1;
            while (maxRetries > 2) {
                if (qlen < young) {
                    break;
                }
                maxRetries--;
                young <<= 1;
            }
        }
        boolean expire;
        boolean resend;
        int defer = listener.deferAcceptTimeouts;
        if (defer == 0) {
            expire = req.numTimeout >= maxRetries;
            resend = true;
        } else {
            expire = req.numTimeout >= maxRetries && (!req.acked || req.numTimeout >= defer);
            resend = !req.acked || req.numTimeout >= defer - 1;
        }
        tcp.inc(Counter.TcpExtTCPTimeouts); // syn_ack_timeout
        if (!expire && (!resend || rtxSynAck(listener, req) || req.acked)) {
            if (req.numTimeout++ == 0) {
                q.young--;
            }
            long rtoMax = tcp.sysctl("tcp_rto_max_ms") * Tcp.MS;
            req.rskTimer.mod(Math.min(req.timeout << req.numTimeout, rtoMax));
            return;
        }
        tcp.fn("inet_csk_reqsk_queue_drop_and_put", () -> req.describe() + " expired");
        reqskQueueDrop(listener, req);
    }

    /** inet_rtx_syn_ack → tcp_rtx_synack: RetransSegs, TCPSynRetrans, num_retrans++. */
    boolean rtxSynAck(TcpSock listener, RequestSock req) {
        tcp.fn("inet_rtx_syn_ack", () -> req.describe());
        tcp.ipv4.sendSynack(listener, req);
        tcp.inc(Counter.TcpRetransSegs);
        tcp.inc(Counter.TcpExtTCPSynRetrans);
        req.numRetrans++;
        return true;
    }

    /** inet_csk_reqsk_queue_drop: unlink from ehash, qlen--, stop the timer. True if it was linked. */
    boolean reqskQueueDrop(TcpSock listener, RequestSock req) {
        AcceptQueue q = listener.acceptQueue;
        boolean linked = q != null && q.requests.remove(req);
        if (linked) {
            tcp.hashtables.ehashRemove(req);
            q.qlen--;
            if (req.numTimeout == 0) {
                q.young--;
            }
            tcp.stateChange(req, TcpState.TCP_NEW_SYN_RECV, TcpState.TCP_CLOSE);
        }
        if (req.rskTimer != null) {
            req.rskTimer.del();
        }
        return linked;
    }

    void reqskQueueDropAndPut(TcpSock listener, RequestSock req) {
        reqskQueueDrop(listener, req);
    }

    /** inet_csk_reqsk_queue_add: the child joins the accept queue (sk_ack_backlog++). */
    boolean reqskQueueAdd(TcpSock listener, RequestSock req, TcpSock child) {
        if (listener.state != TcpState.TCP_LISTEN) {
            childForget(listener, child);
            return false;
        }
        listener.acceptQueue.accepted.add(child);
        return true;
    }

    /**
     * inet_csk_complete_hashdance: the request leaves the request queue, the child enters the
     * accept queue.
     */
    TcpSock completeHashdance(TcpSock listener, TcpSock child, RequestSock req) {
        tcp.fn("inet_csk_complete_hashdance", () -> child.describe());
        AcceptQueue q = listener.acceptQueue;
        if (q.requests.remove(req)) {
            q.qlen--;
            if (req.numTimeout == 0) {
                q.young--;
            }
        }
        if (req.rskTimer != null) {
            req.rskTimer.del();
        }
        tcp.stateChange(req, TcpState.TCP_NEW_SYN_RECV, TcpState.TCP_CLOSE);
        if (reqskQueueAdd(listener, req, child)) {
            return child;
        }
        return null;
    }

    /** inet_child_forget: an un-accepted child of a closing listener is disconnected (RST). */
    private void childForget(TcpSock listener, TcpSock child) {
        TcpState st = child.state;
        if (st.in(TcpState.TCP_ESTABLISHED, TcpState.TCP_CLOSE_WAIT, TcpState.TCP_FIN_WAIT1,
                TcpState.TCP_FIN_WAIT2, TcpState.TCP_SYN_RECV)) {
            tcp.output.sendActiveReset(child);
        }
        child.dead = true;
        tcp.setState(child, TcpState.TCP_CLOSE);
        tcp.timers.clearXmitTimers(child);
        tcp.hashtables.putPort(child);
    }

    /** inet_csk_listen_stop: children in the accept queue are reset, pending requests dropped. */
    void listenStop(TcpSock listener) {
        tcp.fn("inet_csk_listen_stop", () -> listener.describe());
        AcceptQueue q = listener.acceptQueue;
        if (q == null) {
            return;
        }
        List<TcpSock> children = new ArrayList<>(q.accepted);
        q.accepted.clear();
        for (TcpSock child : children) {
            childForget(listener, child);
        }
        for (RequestSock req : new ArrayList<>(q.requests)) {
            reqskQueueDrop(listener, req);
        }
    }

    /** inet_csk_accept: the head of the accept queue, or null (EAGAIN). */
    TcpSock accept(TcpSock listener) {
        TcpSock child = listener.acceptQueue.accepted.poll();
        if (child != null) {
            tcp.fn("inet_csk_accept", () -> child.describe());
            child.parent = null;
        }
        return child;
    }
}
