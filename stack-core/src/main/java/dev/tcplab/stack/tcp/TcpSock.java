package dev.tcplab.stack.tcp;

import dev.tcplab.stack.sim.Timer;
import dev.tcplab.stack.socket.Errno;
import java.io.ByteArrayOutputStream;
import java.util.TreeMap;

/**
 * A full TCP socket: struct tcp_sock + inet_connection_sock + sock, with the fields the
 * connection code reads. Fields keep the kernel's names in camel case (snd_una → sndUna).
 */
public final class TcpSock extends Sock {
    final Tcp tcp;

    // --- sock ---
    Errno skErr = Errno.OK;
    /** sk_shutdown bits: RCV_SHUTDOWN=1, SEND_SHUTDOWN=2. */
    int skShutdown;
    /** SOCK_DEAD: close() was called, no user holds it (an orphan). */
    boolean dead;
    boolean reuseAddr;
    int lingerSeconds = -1;
    /** SOCK_BINDPORT_LOCK / SOCK_BINDADDR_LOCK: the user bound explicitly. */
    boolean userBoundPort;
    boolean userBoundAddr;
    int rcvbuf = 131072;
    boolean nodelay;

    // --- inet_connection_sock ---
    /** icsk_accept_queue (listener only). */
    AcceptQueue acceptQueue;
    int maxAckBacklog;
    long rto;
    int retransmits;
    int backoff;
    /** tp->total_rto: RTO events since the last forward progress (used for linear SYN timeouts). */
    int totalRto;
    /** TCP_SYNCNT (0 = sysctl). */
    int synRetries;
    int deferAcceptTimeouts;
    boolean pingpong;
    int ackQuick;
    long ato;
    boolean ackPending;
    Timer retransmitTimer;
    Timer delackTimer;
    Timer keepaliveTimer;

    // --- tcp_sock ---
    int writeSeq;
    int sndUna;
    int sndNxt;
    int sndWnd;
    int sndWl1;
    int maxWindow;
    int sndWscale;
    int rcvWscale;
    boolean wscaleOk;
    boolean sackOk;
    boolean tstampOk;
    int tsRecent;
    long tsRecentStamp;
    int tsOffset;
    int rcvNxt;
    int rcvWup;
    int rcvWnd;
    int rcvSsthresh;
    int windowClamp;
    int copiedSeq;
    int mssCache = 524;
    int advmss = 1460;
    int mssClamp = 536;
    int userMss;
    int rcvMss = 536;
    int tcpHeaderLen = 20;
    long retransStamp;
    long lastOowAckTime = -1;
    int cwnd = 10;
    int ssthresh = Integer.MAX_VALUE;
    int cwndCnt;
    int dupAcks;
    long srttUs;
    long rttvarUs;
    long synSentAt;
    boolean finQueued;
    int finSeq;
    /** inet->inet_id: IP ID of the next packet (random base, +1 per packet; DF set). */
    int inetId;
    boolean rttTiming;
    /** advmss already lost the 12 timestamp bytes. */
    boolean advmssTsAdjusted;
    int rttSeq;
    long rttStart;
    /** tp->duplicate_sack[0] while rx_opt.dsack is set: sent once on the next ACK (tcp_dsack_set). */
    dev.tcplab.stack.wire.SackBlock dsack;
    /** tp->undo_marker (snd_una at the RTO that started loss recovery), valid while inLoss. */
    int undoMarker;
    /** tp->undo_retrans: retransmissions not yet shown spurious by a D-SACK. */
    int undoRetrans;
    /** icsk_ca_state == TCP_CA_Loss (entered by the RTO, left when snd_una passes highSeq). */
    boolean inLoss;
    int highSeq;
    int priorCwnd;
    int priorSsthresh;
    /** tp->total_retrans and tp->dsack_dups (tcp_dsack_seen's dubious-D-SACK test). */
    int totalRetrans;
    int dsackDups;
    /** tp->bytes_acked: sequence space acked so far (bounds the RFC 5961 5.2 old-ACK window). */
    long bytesAcked;
    /** icsk_ack.lrcvtime: when data last arrived (or the connection was established); -1 = never. */
    long lastRcvTime = -1;
    /** tp->rcv_tstamp: when an acceptable ACK last arrived (tcp_ack). */
    long rcvTstamp;
    /** SOCK_KEEPOPEN (SO_KEEPALIVE). */
    boolean keepOpen;
    /** TCP_KEEPIDLE / TCP_KEEPINTVL (ns) and TCP_KEEPCNT; 0 = the tcp_keepalive_* sysctls. */
    long keepaliveTime;
    long keepaliveIntvl;
    int keepaliveProbes;
    /** tcp_info counters: segs_out/in, data_segs_out/in, bytes_sent/retrans/received; lsndtime (ns). */
    long segsOut;
    long segsIn;
    long dataSegsOut;
    long dataSegsIn;
    long bytesSent;
    long bytesRetrans;
    long bytesReceived;
    long lsndtime;
    /** icsk_pending == ICSK_TIME_LOSS_PROBE: the retransmit timer is armed as the tail loss probe. */
    boolean lossProbePending;
    /** tp->tlp_high_seq (while tlpHigh: a probe is out) and tp->tlp_retrans (it was a retransmission). */
    boolean tlpHigh;
    int tlpHighSeq;
    boolean tlpRetrans;
    /**
     * The retransmit queue's segments, oldest first, as {start seq, end seq, last sent (ns)}:
     * the boundaries a tail loss probe resends and the head's transmission time the RTO counts from.
     */
    final java.util.ArrayDeque<long[]> inFlightSegs = new java.util.ArrayDeque<>();
    /** TCP_USER_TIMEOUT: icsk_user_timeout in ms, 0 = off. */
    int userTimeoutMs;
    /** icsk_probes_out: keepalive probes sent without an answer. */
    int probesOut;

    /** Bytes from sndUna onward that are unacknowledged or not yet sent (the write queue). */
    final ByteQueue sendQueue = new ByteQueue();
    /** In-order bytes received and not yet read by the user. */
    final ByteQueue receiveQueue = new ByteQueue();
    /** Out-of-order segments by start sequence. */
    final TreeMap<Integer, byte[]> outOfOrder = new TreeMap<>((a, b) -> Integer.compare(a - b, 0));

    /** The timewait minisock that took over after tcp_time_wait, for ss and the user side. */
    TimeWaitSock timeWaitSock;

    /** The user-side socket object, null for a child not yet accepted. */
    Object owner;
    /** Listener this child was created from (until accepted). */
    TcpSock parent;

    TcpSock(Tcp tcp, String id) {
        super(id, TcpState.TCP_CLOSE);
        this.tcp = tcp;
    }

    public Errno error() {
        return skErr;
    }

    public int sndUna() {
        return sndUna;
    }

    public int sndNxt() {
        return sndNxt;
    }

    public int rcvNxt() {
        return rcvNxt;
    }

    public int writeSeq() {
        return writeSeq;
    }

    public long rto() {
        return rto;
    }

    public int retransmits() {
        return retransmits;
    }

    public int mss() {
        return mssCache;
    }

    /** tp->advmss: the MSS this end advertises (tcp_info's tcpi_advmss). */
    public int advmss() {
        return advmss;
    }

    public int sndWscale() {
        return sndWscale;
    }

    public int rcvWscale() {
        return rcvWscale;
    }

    public int sndWnd() {
        return sndWnd;
    }

    public int receiveQueueLength() {
        return receiveQueue.size();
    }

    public int sendQueueLength() {
        return sendQueue.size();
    }

    public AcceptQueue acceptQueue() {
        return acceptQueue;
    }

    public int maxAckBacklog() {
        return maxAckBacklog;
    }

    /** The timewait minisock that took over after close (tcp_time_wait), or null. */
    public TimeWaitSock timeWaitSock() {
        return timeWaitSock;
    }

    public boolean isOrphan() {
        return dead;
    }

    /** A growable byte FIFO. */
    static final class ByteQueue {
        private byte[] buf = new byte[256];
        private int head;
        private int tail;

        int size() {
            return tail - head;
        }

        void add(byte[] b) {
            ensure(b.length);
            System.arraycopy(b, 0, buf, tail, b.length);
            tail += b.length;
        }

        byte[] peek(int off, int len) {
            byte[] r = new byte[len];
            System.arraycopy(buf, head + off, r, 0, len);
            return r;
        }

        byte[] take(int len) {
            byte[] r = peek(0, len);
            drop(len);
            return r;
        }

        void drop(int len) {
            head += Math.min(len, size());
            if (head == tail) {
                head = tail = 0;
            }
        }

        void clear() {
            head = tail = 0;
        }

        private void ensure(int more) {
            if (tail + more <= buf.length) {
                return;
            }
            int size = size();
            int cap = Math.max(buf.length, 256);
            while (cap < size + more) {
                cap *= 2;
            }
            byte[] n = new byte[cap];
            System.arraycopy(buf, head, n, 0, size);
            buf = n;
            head = 0;
            tail = size;
        }

        byte[] toArray() {
            ByteArrayOutputStream o = new ByteArrayOutputStream();
            o.write(buf, head, size());
            return o.toByteArray();
        }
    }
}
