package dev.tcplab.stack.wire;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;

/**
 * TCP options as values. {@code mss} and {@code windowScale} are -1 when absent.
 * {@code kinds} lists option kinds in wire order as parsed (NOP=1 and EOL=0 included), so a
 * comparison can check "option kinds and order" against a capture. When {@code raw} is non-null,
 * emit writes those bytes verbatim (padded to 4) - for crafted segments in labs.
 * Emit otherwise follows tcp_options_write: MSS; then SACK-permitted+TS as 04 02 08 0a when both,
 * 01 01 08 0a TS when TS alone; 01 01 04 02 when SACK-permitted alone; 01 03 03 ws; then SACK blocks
 * as 01 01 05 len ....
 *
 * <p>{@link #parse} keeps {@code raw} (a copy of the option bytes) exactly when the bytes are not
 * what the canonical layout of the parsed values would emit, so parse then emit reproduces any
 * option area byte for byte. equals/hashCode compare {@code raw} by content.
 */
public record TcpOptions(int mss, int windowScale, boolean sackPermitted, boolean timestamps,
                         int tsVal, int tsEcr, List<SackBlock> sackBlocks, List<Integer> kinds,
                         byte[] raw) {
    public static final TcpOptions NONE = new TcpOptions(-1, -1, false, false, 0, 0, List.of(), List.of(), null);

    /** The TCP header has room for 40 bytes of options (data offset 15 words). */
    public static final int MAX_LENGTH = 40;

    // option sizes (include/net/tcp.h TCPOLEN_*)
    private static final int LEN_MSS = 4;
    private static final int LEN_WINDOW = 3;
    private static final int LEN_SACK_PERM = 2;
    private static final int LEN_TIMESTAMP = 10;
    private static final int LEN_SACK_BASE = 2;
    private static final int LEN_SACK_PERBLOCK = 8;

    /** Null lists become empty; lists are copied; raw longer than 40 bytes is refused. */
    public TcpOptions {
        sackBlocks = sackBlocks == null ? List.of() : List.copyOf(sackBlocks);
        kinds = kinds == null ? List.of() : List.copyOf(kinds);
        if (raw != null && raw.length > MAX_LENGTH) {
            throw new IllegalArgumentException("raw TCP options are " + raw.length + " bytes; at most " + MAX_LENGTH + " fit");
        }
    }

    /**
     * Parses leniently like tcp_parse_options: a bad length or an option running past the end
     * stops parsing (what was parsed so far is kept); never throws. Unknown kinds are skipped by
     * their length and recorded in {@code kinds}. An option whose size is wrong for its kind
     * (e.g. MSS with length 3) is skipped like Linux does, but its kind is recorded.
     * A region outside buf gives {@link #NONE}.
     */
    public static TcpOptions parse(byte[] buf, int off, int len) {
        if (!NetworkOrder.inBounds(buf, off, len) || len == 0) {
            return NONE;
        }
        int mss = -1;
        int ws = -1;
        boolean sackOk = false;
        boolean ts = false;
        int tsVal = 0;
        int tsEcr = 0;
        List<SackBlock> blocks = List.of();
        List<Integer> kinds = new ArrayList<>();
        int p = off;
        int end = off + len;
        while (p < end) {
            int kind = NetworkOrder.u8(buf, p);
            if (kind == TcpOptionKind.EOL) {
                kinds.add(kind);
                break;
            }
            if (kind == TcpOptionKind.NOP) {
                kinds.add(kind);
                p++;
                continue;
            }
            if (end - p < 2) {
                break;
            }
            int size = NetworkOrder.u8(buf, p + 1);
            if (size < 2 || size > end - p) {
                break; // "silly options" / partial option: tcp_parse_options returns
            }
            kinds.add(kind);
            switch (kind) {
                case TcpOptionKind.MSS -> {
                    if (size == LEN_MSS) {
                        mss = NetworkOrder.u16(buf, p + 2);
                    }
                }
                case TcpOptionKind.WINDOW_SCALE -> {
                    if (size == LEN_WINDOW) {
                        ws = NetworkOrder.u8(buf, p + 2); // raw; the stack clamps to 14
                    }
                }
                case TcpOptionKind.SACK_PERMITTED -> {
                    if (size == LEN_SACK_PERM) {
                        sackOk = true;
                    }
                }
                case TcpOptionKind.TIMESTAMPS -> {
                    if (size == LEN_TIMESTAMP) {
                        ts = true;
                        tsVal = NetworkOrder.i32(buf, p + 2);
                        tsEcr = NetworkOrder.i32(buf, p + 6);
                    }
                }
                case TcpOptionKind.SACK -> {
                    if (size >= LEN_SACK_BASE + LEN_SACK_PERBLOCK && (size - LEN_SACK_BASE) % LEN_SACK_PERBLOCK == 0) {
                        int n = (size - LEN_SACK_BASE) / LEN_SACK_PERBLOCK;
                        List<SackBlock> list = new ArrayList<>(n);
                        for (int i = 0; i < n; i++) {
                            int b = p + LEN_SACK_BASE + i * LEN_SACK_PERBLOCK;
                            list.add(new SackBlock(NetworkOrder.i32(buf, b), NetworkOrder.i32(buf, b + 4)));
                        }
                        blocks = list;
                    }
                }
                default -> { }
            }
            p += size;
        }
        TcpOptions canonical = new TcpOptions(mss, ws, sackOk, ts, tsVal, tsEcr, blocks, kinds, null);
        if (canonical.emitsExactly(buf, off, len)) {
            return canonical;
        }
        byte[] raw = len <= MAX_LENGTH ? Arrays.copyOfRange(buf, off, off + len) : null;
        return new TcpOptions(mss, ws, sackOk, ts, tsVal, tsEcr, blocks, kinds, raw);
    }

    /** Options for a SYN or SYN-ACK the way Linux lays them out (kinds filled in). mss/windowScale -1 = absent. */
    public static TcpOptions syn(int mss, boolean sackPermitted, boolean timestamps, int tsVal, int tsEcr, int windowScale) {
        return canonical(mss, windowScale, sackPermitted, timestamps, tsVal, tsEcr, List.of());
    }

    /** Options for a segment after the handshake: TS (nop,nop,TS) if timestamps, plus SACK blocks. */
    public static TcpOptions established(boolean timestamps, int tsVal, int tsEcr, List<SackBlock> sackBlocks) {
        return canonical(-1, -1, false, timestamps, tsVal, tsEcr, sackBlocks);
    }

    private static TcpOptions canonical(int mss, int ws, boolean sackOk, boolean ts, int tsVal, int tsEcr,
                                        List<SackBlock> blocks) {
        int fixed = (mss >= 0 ? 4 : 0) + (ts ? 12 : sackOk ? 4 : 0) + (ws >= 0 ? 4 : 0);
        boolean sackBlocks = !blocks.isEmpty() && (MAX_LENGTH - fixed - 4) / LEN_SACK_PERBLOCK > 0;
        int shape = (mss >= 0 ? 1 : 0) | (ts ? 2 : 0) | (sackOk ? 4 : 0) | (ws >= 0 ? 8 : 0) | (sackBlocks ? 16 : 0);
        List<Integer> kinds = KINDS[shape];
        if (kinds == null) {
            // every segment builds its options: the 32 possible kind lists are made once (immutable, so a race is harmless)
            TcpOptions s = new TcpOptions(mss, ws, sackOk, ts, tsVal, tsEcr, blocks, List.of(), null);
            kinds = List.copyOf(s.canonicalKinds());
            KINDS[shape] = kinds;
        }
        return new TcpOptions(mss, ws, sackOk, ts, tsVal, tsEcr, blocks, kinds, null);
    }

    /** The canonical kinds by shape: mss, TS, SACK-permitted, wscale, SACK blocks (bits 0-4). */
    @SuppressWarnings("unchecked")
    private static final List<Integer>[] KINDS = new List[32];

    /** Emitted length in bytes, a multiple of 4, at most 40. */
    public int length() {
        if (raw != null) {
            return (raw.length + 3) & ~3;
        }
        int n = fixedLength();
        int blocks = sackBlocksEmitted(n);
        return blocks == 0 ? n : n + 4 + blocks * LEN_SACK_PERBLOCK;
    }

    /** Writes {@link #length()} bytes at off. */
    public void emit(byte[] buf, int off) {
        if (raw != null) {
            System.arraycopy(raw, 0, buf, off, raw.length);
            Arrays.fill(buf, off + raw.length, off + length(), (byte) TcpOptionKind.EOL);
            return;
        }
        // tcp_options_write (net/ipv4/tcp_output.c), 32-bit words in this order
        int p = off;
        if (mss >= 0) {
            NetworkOrder.putI32(buf, p, (TcpOptionKind.MSS << 24) | (LEN_MSS << 16) | (mss & 0xffff));
            p += 4;
        }
        if (timestamps) {
            if (sackPermitted) {
                NetworkOrder.putI32(buf, p, (TcpOptionKind.SACK_PERMITTED << 24) | (LEN_SACK_PERM << 16)
                        | (TcpOptionKind.TIMESTAMPS << 8) | LEN_TIMESTAMP);
            } else {
                NetworkOrder.putI32(buf, p, (TcpOptionKind.NOP << 24) | (TcpOptionKind.NOP << 16)
                        | (TcpOptionKind.TIMESTAMPS << 8) | LEN_TIMESTAMP);
            }
            NetworkOrder.putI32(buf, p + 4, tsVal);
            NetworkOrder.putI32(buf, p + 8, tsEcr);
            p += 12;
        } else if (sackPermitted) {
            NetworkOrder.putI32(buf, p, (TcpOptionKind.NOP << 24) | (TcpOptionKind.NOP << 16)
                    | (TcpOptionKind.SACK_PERMITTED << 8) | LEN_SACK_PERM);
            p += 4;
        }
        if (windowScale >= 0) {
            NetworkOrder.putI32(buf, p, (TcpOptionKind.NOP << 24) | (TcpOptionKind.WINDOW_SCALE << 16)
                    | (LEN_WINDOW << 8) | (windowScale & 0xff));
            p += 4;
        }
        int blocks = sackBlocksEmitted(p - off);
        if (blocks > 0) {
            NetworkOrder.putI32(buf, p, (TcpOptionKind.NOP << 24) | (TcpOptionKind.NOP << 16)
                    | (TcpOptionKind.SACK << 8) | (LEN_SACK_BASE + blocks * LEN_SACK_PERBLOCK));
            p += 4;
            for (int i = 0; i < blocks; i++) {
                NetworkOrder.putI32(buf, p, sackBlocks.get(i).start());
                NetworkOrder.putI32(buf, p + 4, sackBlocks.get(i).end());
                p += 8;
            }
        }
    }

    /** tcpdump's spelling: "mss 1460,sackOK,TS val 1 ecr 0,nop,wscale 10"; "" when none. */
    public String tcpdump() {
        if (!kinds.isEmpty()) {
            return describe(kinds);
        }
        if (raw != null) {
            TcpOptions parsed = parse(raw, 0, raw.length);
            return parsed.describe(parsed.kinds);
        }
        return describe(canonicalKinds());
    }

    private String describe(List<Integer> order) {
        StringBuilder sb = new StringBuilder();
        for (int kind : order) {
            if (sb.length() > 0) {
                sb.append(',');
            }
            switch (kind) {
                case TcpOptionKind.EOL -> sb.append("eol");
                case TcpOptionKind.NOP -> sb.append("nop");
                case TcpOptionKind.MSS -> sb.append(mss >= 0 ? "mss " + mss : "mss [bad opt]");
                case TcpOptionKind.WINDOW_SCALE -> sb.append(windowScale >= 0 ? "wscale " + windowScale : "wscale [bad opt]");
                case TcpOptionKind.SACK_PERMITTED -> sb.append(sackPermitted ? "sackOK" : "sackOK [bad opt]");
                case TcpOptionKind.TIMESTAMPS -> sb.append(timestamps
                        ? "TS val " + Integer.toUnsignedString(tsVal) + " ecr " + Integer.toUnsignedString(tsEcr)
                        : "TS [bad opt]");
                case TcpOptionKind.SACK -> {
                    if (sackBlocks.isEmpty()) {
                        sb.append("sack [bad opt]");
                    } else {
                        sb.append("sack ").append(sackBlocks.size()).append(' ');
                        for (SackBlock b : sackBlocks) {
                            sb.append('{').append(Integer.toUnsignedString(b.start())).append(':')
                                    .append(Integer.toUnsignedString(b.end())).append('}');
                        }
                    }
                }
                default -> sb.append("unknown-").append(kind);
            }
        }
        return sb.toString();
    }

    /** The kinds the canonical (tcp_options_write) layout of these values puts on the wire. */
    private List<Integer> canonicalKinds() {
        List<Integer> k = new ArrayList<>();
        if (mss >= 0) {
            k.add(TcpOptionKind.MSS);
        }
        if (timestamps && sackPermitted) {
            k.addAll(List.of(TcpOptionKind.SACK_PERMITTED, TcpOptionKind.TIMESTAMPS));
        } else if (timestamps) {
            k.addAll(List.of(TcpOptionKind.NOP, TcpOptionKind.NOP, TcpOptionKind.TIMESTAMPS));
        } else if (sackPermitted) {
            k.addAll(List.of(TcpOptionKind.NOP, TcpOptionKind.NOP, TcpOptionKind.SACK_PERMITTED));
        }
        if (windowScale >= 0) {
            k.addAll(List.of(TcpOptionKind.NOP, TcpOptionKind.WINDOW_SCALE));
        }
        if (sackBlocksEmitted(fixedLength()) > 0) {
            k.addAll(List.of(TcpOptionKind.NOP, TcpOptionKind.NOP, TcpOptionKind.SACK));
        }
        return k;
    }

    /** Bytes of everything before the SACK blocks in the canonical layout. */
    private int fixedLength() {
        int n = 0;
        if (mss >= 0) {
            n += 4;
        }
        if (timestamps) {
            n += 12; // SACK-permitted, if any, shares the TS word
        } else if (sackPermitted) {
            n += 4;
        }
        if (windowScale >= 0) {
            n += 4;
        }
        return n;
    }

    /** tcp_established_options: as many SACK blocks as fit in the remaining option space. */
    private int sackBlocksEmitted(int used) {
        int room = (MAX_LENGTH - used - 4) / LEN_SACK_PERBLOCK;
        return Math.max(0, Math.min(sackBlocks.size(), room));
    }

    /** emitsExactly's scratch: parsing runs once per received segment, and this need not allocate. */
    private static final ThreadLocal<byte[]> SCRATCH = ThreadLocal.withInitial(() -> new byte[MAX_LENGTH]);

    private boolean emitsExactly(byte[] buf, int off, int len) {
        if (length() != len) {
            return false;
        }
        byte[] mine = SCRATCH.get();
        emit(mine, 0);
        return Arrays.equals(mine, 0, len, buf, off, off + len);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TcpOptions t && mss == t.mss && windowScale == t.windowScale
                && sackPermitted == t.sackPermitted && timestamps == t.timestamps
                && tsVal == t.tsVal && tsEcr == t.tsEcr && sackBlocks.equals(t.sackBlocks)
                && kinds.equals(t.kinds) && Arrays.equals(raw, t.raw);
    }

    @Override
    public int hashCode() {
        return Objects.hash(mss, windowScale, sackPermitted, timestamps, tsVal, tsEcr, sackBlocks, kinds)
                * 31 + Arrays.hashCode(raw);
    }

    @Override
    public String toString() {
        return "TcpOptions[" + tcpdump() + (raw == null ? "" : ", raw=" + HexFormat.of().formatHex(raw)) + "]";
    }
}
