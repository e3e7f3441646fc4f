package dev.tcplab.stack.tcp;

import dev.tcplab.stack.sim.Rng;
import dev.tcplab.stack.socket.Errno;
import dev.tcplab.stack.wire.Ipv4Address;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * net/ipv4/inet_hashtables.c and the port part of inet_connection_sock.c: the established hash
 * (full sockets, request socks and timewait socks by 4-tuple), the listening hash, the bind
 * hash, ephemeral port choice for connect() and bind(0), and bind conflicts.
 */
public final class InetHashtables {
    /** INET_TABLE_PERTURB_ORDER = 16 (5.19+). */
    static final int PERTURB_SIZE = 1 << 16;
    /** EPHEMERAL_PORT_SHUFFLE_PERIOD: the port offset's time seed changes every 10 s. */
    static final long SHUFFLE_PERIOD_NS = 10 * Tcp.SEC;

    private final Tcp tcp;
    private final Map<FourTuple, Sock> ehash = new LinkedHashMap<>();
    private final Map<Integer, List<TcpSock>> lhash = new HashMap<>();
    private final Map<Integer, BindBucket> bhash = new HashMap<>();
    private int[] tablePerturb;
    private final Rng portRng;

    /**
     * struct inet_bind_bucket: who holds a local port. fastreuse -1 = created by connect().
     * The owners are a set (insertion order, O(1) removal): a listener's bucket also holds every
     * child and TIME_WAIT sock on its port (~6,000 in the handshake benchmark), and removing
     * from a list scanned them all on every close.
     */
    static final class BindBucket {
        final int port;
        int fastreuse;
        final Set<Sock> owners = new LinkedHashSet<>();

        BindBucket(int port, int fastreuse) {
            this.port = port;
            this.fastreuse = fastreuse;
        }
    }

    InetHashtables(Tcp tcp) {
        this.tcp = tcp;
        this.portRng = tcp.rng.fork("ports");
    }

    // ---------------------------------------------------------------- lookups

    /** __inet_lookup_established: exact 4-tuple, local side first. */
    public Sock lookupEstablished(Ipv4Address laddr, int lport, Ipv4Address raddr, int rport) {
        return ehash.get(new FourTuple(laddr, lport, raddr, rport));
    }

    /** __inet_lookup_listener: an exact local address scores above a wildcard one. */
    public TcpSock lookupListener(Ipv4Address daddr, int dport) {
        List<TcpSock> l = lhash.get(dport);
        if (l == null) {
            return null;
        }
        TcpSock best = null;
        for (TcpSock sk : l) {
            if (sk.saddr.equals(daddr)) {
                return sk;
            }
            if (sk.saddr.isAny() && best == null) {
                best = sk;
            }
        }
        return best;
    }

    /** __inet_lookup_skb: established hash, then listeners. */
    Sock lookup(SkBuff skb) {
        Sock sk = lookupEstablished(skb.daddr(), skb.th().dstPort(), skb.saddr(), skb.th().srcPort());
        return sk != null ? sk : lookupListener(skb.daddr(), skb.th().dstPort());
    }

    public List<Sock> established() {
        return List.copyOf(ehash.values());
    }

    public List<TcpSock> listeners() {
        List<TcpSock> r = new ArrayList<>();
        lhash.values().forEach(r::addAll);
        return r;
    }

    // ---------------------------------------------------------------- (un)hashing

    void ehashInsert(Sock sk) {
        ehash.put(sk.tuple(), sk);
    }

    void ehashRemove(Sock sk) {
        ehash.remove(sk.tuple(), sk);
    }

    /** inet_ehash_nolisten: the child replaces the request sock in ehash; false if osk was gone. */
    boolean ehashNolisten(Sock newsk, Sock osk) {
        FourTuple key = newsk.tuple();
        boolean own = osk == null || ehash.get(key) == osk;
        if (own) {
            ehash.put(key, newsk);
        }
        return own;
    }

    /** inet_hash for a listener (lhash2). */
    void hashListener(TcpSock sk) {
        lhash.computeIfAbsent(sk.sport, p -> new ArrayList<>()).add(sk);
    }

    /** sk->sk_prot->unhash. */
    void unhash(TcpSock sk) {
        if (sk.state == TcpState.TCP_LISTEN || lhash.getOrDefault(sk.sport, List.of()).contains(sk)) {
            List<TcpSock> l = lhash.get(sk.sport);
            if (l != null) {
                l.remove(sk);
                if (l.isEmpty()) {
                    lhash.remove(sk.sport);
                }
            }
        }
        ehashRemove(sk);
    }

    // ---------------------------------------------------------------- bind hash

    /** inet_put_port: drop sk from its bind bucket. */
    void putPort(Sock sk) {
        BindBucket tb = bhash.get(sk.sport);
        if (tb == null) {
            return;
        }
        tb.owners.remove(sk);
        if (tb.owners.isEmpty()) {
            bhash.remove(sk.sport);
        }
    }

    /** __inet_inherit_port: the child shares the listener's port. */
    void inheritPort(TcpSock listener, TcpSock child) {
        BindBucket tb = bhash.get(listener.sport);
        if (tb != null) {
            tb.owners.add(child);
        }
    }

    /** inet_twsk_hashdance: the timewait sock takes over sk's ehash slot and bind bucket place. */
    void twHashdance(TcpSock sk, TimeWaitSock tw) {
        ehash.put(tw.tuple(), tw);
        BindBucket tb = bhash.get(sk.sport);
        if (tb != null) {
            tb.owners.remove(sk);
            tb.owners.add(tw);
        }
    }

    void twUnhash(TimeWaitSock tw) {
        ehashRemove(tw);
        putPort(tw);
    }

    /** inet_csk_get_port: bind() to a port, or port 0 = inet_csk_find_open_port. */
    Errno getPort(TcpSock sk, int port) {
        tcp.fn("inet_csk_get_port", () -> sk.saddr + ":" + port);
        if (port == 0) {
            return findOpenPort(sk);
        }
        BindBucket tb = bhash.get(port);
        if (tb != null && bindConflict(sk, tb, true)) {
            return Errno.EADDRINUSE;
        }
        addToBucket(sk, port, tb);
        return Errno.OK;
    }

    private void addToBucket(TcpSock sk, int port, BindBucket tb) {
        if (tb == null) {
            tb = new BindBucket(port, sk.reuseAddr ? 1 : 0);
            bhash.put(port, tb);
        } else if (tb.fastreuse < 0) {
            tb.fastreuse = sk.reuseAddr ? 1 : 0;
        }
        sk.sport = port;
        tb.owners.add(sk);
    }

    /**
     * inet_csk_bind_conflict: two owners conflict when their addresses overlap (a wildcard
     * overlaps everything) unless both set SO_REUSEADDR and the other is not listening.
     */
    private boolean bindConflict(TcpSock sk, BindBucket tb, boolean relax) {
        for (Sock sk2 : tb.owners) {
            if (sk2 == sk) {
                continue;
            }
            boolean reuse2;
            TcpState st2;
            if (sk2 instanceof TcpSock t2) {
                reuse2 = t2.reuseAddr;
                st2 = t2.state;
            } else if (sk2 instanceof TimeWaitSock tw) {
                reuse2 = twReuse.getOrDefault(tw, false);
                st2 = TcpState.TCP_TIME_WAIT;
            } else {
                continue;
            }
            if (sk.reuseAddr && reuse2 && st2 != TcpState.TCP_LISTEN) {
                continue;
            }
            if (sk.saddr.isAny() || sk2.saddr.isAny() || sk.saddr.equals(sk2.saddr)) {
                return true;
            }
        }
        return false;
    }

    private final Map<TimeWaitSock, Boolean> twReuse = new HashMap<>();

    void rememberTwReuse(TimeWaitSock tw, boolean reuse) {
        twReuse.put(tw, reuse);
    }

    void forgetTw(TimeWaitSock tw) {
        twReuse.remove(tw);
    }

    /** inet_csk_find_open_port: random start, odd ports first (connect() favours even ones). */
    private Errno findOpenPort(TcpSock sk) {
        int[] range = tcp.sysctls.getInts("net.ipv4.ip_local_port_range");
        int attemptHalf = sk.reuseAddr ? 1 : 0;
        while (true) {
            int low = range[0];
            int high = range[1] + 1;
            if (high - low < 4) {
                attemptHalf = 0;
            }
            if (attemptHalf != 0) {
                int half = low + (((high - low) >> 2) << 1);
                if (attemptHalf == 1) {
                    high = half;
                } else {
                    low = half;
                }
            }
            int remaining = high - low;
            if (remaining > 1) {
                remaining &= ~1;
            }
            int offset = portRng.nextInt(Math.max(1, remaining)) | 1;
            while (true) {
                int port = low + offset;
                for (int i = 0; i < remaining; i += 2, port += 2) {
                    if (port >= high) {
                        port -= remaining;
                    }
                    if (reserved(port)) {
                        continue;
                    }
                    BindBucket tb = bhash.get(port);
                    if (tb == null || !bindConflict(sk, tb, true)) {
                        addToBucket(sk, port, tb);
                        return Errno.OK;
                    }
                }
                offset--;
                if ((offset & 1) != 0) {
                    break;
                }
            }
            if (attemptHalf == 1) {
                attemptHalf = 2;
                continue;
            }
            return Errno.EADDRINUSE;
        }
    }

    private boolean reserved(int port) {
        for (int p : tcp.sysctls.getInts("net.ipv4.ip_local_reserved_ports")) {
            if (p == port) {
                return true;
            }
        }
        return false;
    }

    /**
     * inet_hash_connect / __inet_hash_connect: choose the source port for connect() (unless
     * bound) and insert the socket into the established hash. Ports of the same parity as the
     * range's low end first (even), starting at table_perturb[index] + the secure offset, then
     * the table slot is advanced by a small random even step (5.19+).
     */
    Errno hashConnect(TcpSock sk) {
        tcp.fn("inet_hash_connect", () -> sk.describe());
        if (sk.sport != 0) {
            FourTuple t = sk.tuple();
            Sock other = ehash.get(t);
            if (other != null && !(other instanceof TimeWaitSock tw && tcp.minisocks.twskUnique(sk, tw))) {
                return Errno.EADDRNOTAVAIL;
            }
            ehashInsert(sk);
            return Errno.OK;
        }
        if (tablePerturb == null) {
            tablePerturb = new int[PERTURB_SIZE];
            for (int i = 0; i < PERTURB_SIZE; i++) {
                tablePerturb[i] = portRng.nextInt();
            }
        }
        int[] range = tcp.sysctls.getInts("net.ipv4.ip_local_port_range");
        int low = range[0];
        int high = range[1] + 1;
        int remaining = high - low;
        if (remaining > 1) {
            remaining &= ~1;
        }
        long portOffset = tcp.secureSeq.portEphemeral(sk.saddr, sk.daddr, sk.dport);
        int index = (int) (portOffset & (PERTURB_SIZE - 1));
        long offset = (Integer.toUnsignedLong(tablePerturb[index]) + (portOffset >>> 32)) & 0xFFFFFFFFL;
        offset %= remaining;
        offset &= ~1L;
        while (true) {
            int port = (int) (low + offset);
            for (int i = 0; i < remaining; i += 2, port += 2) {
                if (port >= high) {
                    port -= remaining;
                }
                if (reserved(port)) {
                    continue;
                }
                BindBucket tb = bhash.get(port);
                if (tb != null) {
                    if (tb.fastreuse >= 0) {
                        continue;
                    }
                    if (!checkEstablished(sk, port)) {
                        continue;
                    }
                } else {
                    tb = new BindBucket(port, -1);
                    bhash.put(port, tb);
                    sk.sport = port;
                    if (ehash.containsKey(sk.tuple())) {
                        bhash.remove(port);
                        sk.sport = 0;
                        continue;
                    }
                }
                sk.sport = port;
                tb.owners.add(sk);
                ehashInsert(sk);
                int step = Math.max(i, portRng.nextInt(8) * 2);
                tablePerturb[index] += step + 2;
                return Errno.OK;
            }
            offset++;
            if ((offset & 1) != 0 && remaining > 1) {
                continue;
            }
            return Errno.EADDRNOTAVAIL;
        }
    }

    /** __inet_check_established: is the 4-tuple with this port free (a TIME_WAIT may be recycled)? */
    private boolean checkEstablished(TcpSock sk, int port) {
        FourTuple t = new FourTuple(sk.saddr, port, sk.daddr, sk.dport);
        Sock other = ehash.get(t);
        if (other == null) {
            return true;
        }
        if (other instanceof TimeWaitSock tw) {
            int saved = sk.sport;
            sk.sport = port;
            boolean ok = tcp.minisocks.twskUnique(sk, tw);
            sk.sport = saved;
            return ok;
        }
        return false;
    }
}
