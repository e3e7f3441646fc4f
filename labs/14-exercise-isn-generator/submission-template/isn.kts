// Your ISN generator. The last expression must be an object implementing Tcp.IsnHook.
// Returning null lets the kernel's own secure_tcp_seq_and_ts_off() choose (and fails the lab).
import dev.tcplab.stack.tcp.Tcp
import dev.tcplab.stack.wire.Ipv4Address

object : Tcp.IsnHook {
    override fun isn(saddr: Ipv4Address, daddr: Ipv4Address, sport: Int, dport: Int, nowNanos: Long): Int? {
        return null // TODO: RFC 6528: M + F(4-tuple, secret)
    }
}
