package dev.tcplab.stack.robust;

import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Seeded frame fuzzer: mutations of real captured frames (flipped bytes, truncation, extension,
 * wrong lengths, bad checksums, random header fields with checksums fixed up so the frame gets
 * deeper), plus random garbage and ARP garbage. It only makes bytes; {@link FrameOracle} says
 * what they are.
 */
final class FrameMutator {
    enum Kind {
        FLIP_BYTES, BAD_IP_CSUM, BAD_TCP_CSUM, TRUNCATE, EXTEND, IP_TOTAL_LENGTH, VERSION_IHL, TCP_DOFF,
        RANDOM_HEADER, IP_FIELDS, ETHERNET, GARBAGE, ARP_GARBAGE
    }

    private static final Kind[] KINDS = Kind.values();

    private final SplittableRandom rnd;
    private final List<byte[]> seeds;
    private final long mac;

    FrameMutator(long seed, List<byte[]> capturedFrames, long mac) {
        this.rnd = new SplittableRandom(seed);
        this.seeds = capturedFrames;
        this.mac = mac;
    }

    Kind nextKind() {
        return KINDS[rnd.nextInt(KINDS.length)];
    }

    byte[] make(Kind kind) {
        byte[] f = seeds.get(rnd.nextInt(seeds.size())).clone();
        switch (kind) {
            case FLIP_BYTES -> {
                int n = 1 + rnd.nextInt(4);
                for (int i = 0; i < n; i++) {
                    f[rnd.nextInt(f.length)] ^= (byte) (1 + rnd.nextInt(255));
                }
            }
            case BAD_IP_CSUM -> {
                // any header byte but the version/IHL byte, so the header stays parseable
                int at = 14 + 1 + rnd.nextInt(19);
                f[at] ^= (byte) (1 + rnd.nextInt(255));
            }
            case BAD_TCP_CSUM -> {
                int at = 34 + rnd.nextInt(f.length - 34);
                if (at == 34 + 12) {
                    at++; // keep the data offset: this kind is about the checksum
                }
                f[Math.min(at, f.length - 1)] ^= (byte) (1 + rnd.nextInt(255));
            }
            case TRUNCATE -> f = Arrays.copyOf(f, rnd.nextInt(f.length));
            case EXTEND -> {
                int old = f.length;
                f = Arrays.copyOf(f, old + 1 + rnd.nextInt(64));
                for (int i = old; i < f.length; i++) {
                    f[i] = (byte) rnd.nextInt(256);
                }
            }
            case IP_TOTAL_LENGTH -> {
                int total = switch (rnd.nextInt(3)) {
                    case 0 -> rnd.nextInt(0x10000);
                    case 1 -> rnd.nextInt(20); // shorter than the header itself
                    default -> f.length - 14 + rnd.nextInt(41) - 20;
                };
                putU16(f, 16, total & 0xffff);
                fixIp(f);
            }
            case VERSION_IHL -> {
                f[14] = (byte) rnd.nextInt(256);
                fixIp(f);
            }
            case TCP_DOFF -> {
                int doff = rnd.nextInt(16);
                if (doff >= 5 && doff <= (f[34 + 12] & 0xff) >>> 4) {
                    // the option bytes now read as payload at the captured seq, which may be rcv_nxt:
                    // genuine in-order data. Move it half the sequence space away (out of window).
                    putI32(f, 38, FrameOracle.i32(f, 38) + 0x8000_0000);
                }
                f[34 + 12] = (byte) ((doff << 4) | (f[34 + 12] & 0x0f));
                fixTcp(f);
            }
            case RANDOM_HEADER -> {
                if (rnd.nextInt(4) == 0) {
                    putU16(f, 34, rnd.nextInt(0x10000)); // another source port: listeners, closed ports
                }
                putI32(f, 38, rnd.nextInt());
                putI32(f, 42, rnd.nextInt());
                f[34 + 13] = (byte) rnd.nextInt(256);
                putU16(f, 34 + 14, rnd.nextInt(0x10000));
                fixTcp(f);
            }
            case IP_FIELDS -> {
                switch (rnd.nextInt(4)) {
                    case 0 -> f[14 + 9] = (byte) rnd.nextInt(256);
                    case 1 -> putU16(f, 14 + 6, rnd.nextInt(0x10000));
                    case 2 -> putI32(f, 14 + 16, rnd.nextInt());
                    default -> putI32(f, 14 + 12, rnd.nextInt());
                }
                fixIp(f);
                if (rnd.nextBoolean()) {
                    fixTcp(f);
                }
            }
            case ETHERNET -> {
                if (rnd.nextBoolean()) {
                    putU16(f, 12, rnd.nextInt(0x10000));
                } else {
                    long dst = rnd.nextInt(3) == 0 ? 0xFFFF_FFFF_FFFFL : rnd.nextLong() & 0xFFFF_FFFF_FFFFL;
                    putMac(f, 0, dst);
                }
            }
            case GARBAGE -> {
                f = new byte[rnd.nextInt(rnd.nextBoolean() ? 40 : 1600)];
                rnd.nextBytes(f);
                if (f.length >= 14 && rnd.nextBoolean()) {
                    putMac(f, 0, mac);
                    if (rnd.nextBoolean()) {
                        putU16(f, 12, rnd.nextBoolean() ? 0x0800 : 0x0806);
                    }
                }
            }
            case ARP_GARBAGE -> f = arpGarbage();
        }
        return f;
    }

    /**
     * ARP requests with one field broken (hardware/protocol type, address lengths, length) or
     * well-formed ones from addresses in 203.0.113.0/24 (never a real host's: ARP spoofing of a
     * real peer would rightly cut the established connections).
     */
    private byte[] arpGarbage() {
        byte[] f = new byte[42];
        putMac(f, 0, rnd.nextBoolean() ? mac : 0xFFFF_FFFF_FFFFL);
        putMac(f, 6, 0x0200_0000_0000L | (rnd.nextLong() & 0xFFFF_FFFFL));
        putU16(f, 12, 0x0806);
        putU16(f, 14, 1);
        putU16(f, 16, 0x0800);
        f[18] = 6;
        f[19] = 4;
        putU16(f, 20, 1 + rnd.nextInt(2));
        putMac(f, 22, 0x0200_0000_0000L | (rnd.nextLong() & 0xFFFF_FFFFL));
        putI32(f, 28, 0xCB007100 | rnd.nextInt(256));
        putI32(f, 38, rnd.nextInt());
        switch (rnd.nextInt(6)) {
            case 0 -> putU16(f, 14, rnd.nextInt(0x10000));
            case 1 -> putU16(f, 16, rnd.nextInt(0x10000));
            case 2 -> f[18] = (byte) rnd.nextInt(256);
            case 3 -> f[19] = (byte) rnd.nextInt(256);
            case 4 -> f = Arrays.copyOf(f, 14 + rnd.nextInt(28));
            default -> { }
        }
        return f;
    }

    /** Recomputes the IPv4 header checksum when the IHL fits the frame. */
    static void fixIp(byte[] f) {
        int ihl = (f[14] & 0x0f) * 4;
        if (ihl < 20 || 14 + ihl > f.length) {
            return;
        }
        putU16(f, 24, 0);
        putU16(f, 24, ~FrameOracle.internetSum(f, 14, ihl, 0) & 0xffff);
    }

    /** Recomputes the TCP checksum over tot_len - ihl*4 bytes when they lie within the frame. */
    static void fixTcp(byte[] f) {
        int ihl = (f[14] & 0x0f) * 4;
        if (ihl < 20 || 14 + ihl + 18 > f.length) {
            return;
        }
        int tcpOff = 14 + ihl;
        int len = FrameOracle.u16(f, 16) - ihl;
        if (len < 18 || tcpOff + len > f.length) {
            return;
        }
        putU16(f, tcpOff + 16, 0);
        int pseudo = FrameOracle.pseudoHeaderSum(f, 14, len);
        putU16(f, tcpOff + 16, ~FrameOracle.internetSum(f, tcpOff, len, pseudo) & 0xffff);
    }

    static void putU16(byte[] b, int o, int v) {
        b[o] = (byte) (v >>> 8);
        b[o + 1] = (byte) v;
    }

    static void putI32(byte[] b, int o, int v) {
        putU16(b, o, v >>> 16);
        putU16(b, o + 2, v);
    }

    static void putMac(byte[] b, int o, long v) {
        for (int i = 0; i < 6; i++) {
            b[o + i] = (byte) (v >>> (40 - 8 * i));
        }
    }
}
