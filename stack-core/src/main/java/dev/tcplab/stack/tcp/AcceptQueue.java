package dev.tcplab.stack.tcp;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * struct request_sock_queue: the accept queue of completed children, and the count of
 * pending request socks (qlen, young). There is no separate "SYN queue": the request socks
 * themselves live in the established hash; this counts them (linux-handshake.md 3.2).
 */
public final class AcceptQueue {
    final Deque<TcpSock> accepted = new ArrayDeque<>();
    /** Request socks of this listener, in creation order (for ss and for listen_stop). */
    final List<RequestSock> requests = new ArrayList<>();
    int qlen;
    int young;
    boolean synfloodWarned;
    /** tcp_synq_overflow's timestamp (jiffies-like, ns); Long.MIN_VALUE = never. */
    long lastOverflow = Long.MIN_VALUE;

    /** sk_ack_backlog: children waiting for accept(). */
    public int ackBacklog() {
        return accepted.size();
    }

    /** inet_csk_reqsk_queue_len. */
    public int qlen() {
        return qlen;
    }

    public int young() {
        return young;
    }

    public List<TcpSock> acceptedChildren() {
        return List.copyOf(accepted);
    }

    public List<RequestSock> requestSocks() {
        return List.copyOf(requests);
    }
}
