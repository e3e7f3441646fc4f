package dev.tcplab.stack.robust;

import java.util.Set;

/**
 * An independent classifier of received frames, written from the kernel's receive path (not from
 * the model's wire classes), so the fuzz test can predict every counter the model must move.
 * Order follows netif_receive_skb → arp_rcv | ip_rcv_core → ip_rcv_finish → ip_local_deliver →
 * tcp_v4_rcv. Where the model deliberately simplifies (fragments discarded, no ICMP/UDP), the
 * oracle follows the model and {@link FrameClass} says so.
 */
final class FrameOracle {
    private final long mac;
    private final Set<Integer> localAddresses;

    FrameOracle(long mac, Set<Integer> localAddresses) {
        this.mac = mac;
        this.localAddresses = localAddresses;
    }

    FrameClass classify(byte[] f) {
        if (f.length < 14) {
            return FrameClass.ETH_SHORT;
        }
        long dst = be48(f, 0);
        if (dst != mac && dst != 0xFFFF_FFFF_FFFFL) {
            return FrameClass.ETH_OTHERHOST;
        }
        int type = u16(f, 12);
        if (type == 0x0806) {
            return arp(f);
        }
        if (type != 0x0800) {
            return FrameClass.ETH_UNKNOWN_TYPE;
        }
        return ip(f, 14, f.length - 14, dst == mac);
    }

    private static FrameClass arp(byte[] f) {
        int o = 14;
        if (f.length - o < 28 || u16(f, o) != 1 || u16(f, o + 2) != 0x0800 || u8(f, o + 4) != 6 || u8(f, o + 5) != 4) {
            return FrameClass.ARP_BAD;
        }
        return FrameClass.ARP_OK;
    }

    private FrameClass ip(byte[] f, int o, int len, boolean packetHost) {
        if (len < 20) {
            return FrameClass.IP_BAD_HEADER;
        }
        int ihl = (u8(f, o) & 0x0f) * 4;
        if ((u8(f, o) >>> 4) != 4 || ihl < 20 || ihl > len) {
            return FrameClass.IP_BAD_HEADER;
        }
        if (internetSum(f, o, ihl, 0) != 0xffff) {
            return FrameClass.IP_BAD_CSUM;
        }
        int total = u16(f, o + 2);
        if (len < total) {
            return FrameClass.IP_TRUNCATED;
        }
        if (total < ihl) {
            return FrameClass.IP_BAD_TOTAL_LENGTH;
        }
        if (!localAddresses.contains(i32(f, o + 16))) {
            return FrameClass.IP_NOT_LOCAL;
        }
        if ((u16(f, o + 6) & 0x3fff) != 0) {
            return FrameClass.IP_FRAGMENT;
        }
        if (u8(f, o + 9) != 6) {
            return FrameClass.IP_NOT_TCP;
        }
        if (!packetHost) {
            return FrameClass.TCP_NOT_HOST;
        }
        return tcp(f, o, o + ihl, total - ihl);
    }

    private static FrameClass tcp(byte[] f, int ipOff, int o, int len) {
        if (len < 20) {
            return FrameClass.TCP_SHORT;
        }
        int doff = (u8(f, o + 12) >>> 4) * 4;
        if (doff < 20) {
            return FrameClass.TCP_BAD_DOFF;
        }
        if (doff > len) {
            return FrameClass.TCP_OPTIONS_TRUNCATED;
        }
        int pseudo = pseudoHeaderSum(f, ipOff, len);
        if (internetSum(f, o, len, pseudo) != 0xffff) {
            return FrameClass.TCP_BAD_CSUM;
        }
        return FrameClass.TCP_OK;
    }

    /** Sum of the TCP pseudo header (src, dst, zero, protocol 6, length), not folded. */
    static int pseudoHeaderSum(byte[] f, int ipOff, int tcpLen) {
        return u16(f, ipOff + 12) + u16(f, ipOff + 14) + u16(f, ipOff + 16) + u16(f, ipOff + 18) + 6 + tcpLen;
    }

    /** RFC 1071 one's complement sum, folded to 16 bits (0xffff when a checksummed region is right). */
    static int internetSum(byte[] b, int off, int len, int initial) {
        long s = initial;
        int i = 0;
        for (; i + 1 < len; i += 2) {
            s += ((b[off + i] & 0xff) << 8) | (b[off + i + 1] & 0xff);
        }
        if (i < len) {
            s += (b[off + i] & 0xff) << 8;
        }
        while ((s >>> 16) != 0) {
            s = (s & 0xffff) + (s >>> 16);
        }
        return (int) s;
    }

    static int u8(byte[] b, int o) {
        return b[o] & 0xff;
    }

    static int u16(byte[] b, int o) {
        return ((b[o] & 0xff) << 8) | (b[o + 1] & 0xff);
    }

    static int i32(byte[] b, int o) {
        return (u16(b, o) << 16) | u16(b, o + 2);
    }

    static long be48(byte[] b, int o) {
        long v = 0;
        for (int i = 0; i < 6; i++) {
            v = (v << 8) | (b[o + i] & 0xff);
        }
        return v;
    }
}
