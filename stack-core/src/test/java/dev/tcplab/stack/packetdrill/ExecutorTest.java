package dev.tcplab.stack.packetdrill;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ExecutorTest {
    private static final String SERVER = """
            `../common/defaults.sh`
            0 socket(..., SOCK_STREAM, IPPROTO_TCP) = 3
            +0 setsockopt(3, SOL_SOCKET, SO_REUSEADDR, [1], 4) = 0
            +0 bind(3, ..., ...) = 0
            +0 listen(3, 1) = 0
            +0 < S 0:0(0) win 32792 <mss 1000,sackOK,nop,nop,nop,wscale 7>
            +0 > S. 0:0(0) ack 1 <mss 1460,nop,nop,sackOK,nop,wscale 8>
            +.1 < . 1:1(0) ack 1 win 257
            +0 accept(3, ..., ...) = 4
            """;

    private static PacketdrillRunner.Result run(String text) {
        return PacketdrillRunner.run("x.pkt", text);
    }

    @Test
    void passiveOpenDataAndCloseOfTheModelMatchLinux() {
        PacketdrillRunner.Result r = run(SERVER + """
                +0 write(4, ..., 1000) = 1000
                +0 > P. 1:1001(1000) ack 1
                +.1 < . 1:1(0) ack 1001 win 257
                +0 close(4) = 0
                +0 > F. 1001:1001(0) ack 1
                +.1 < F. 1:1(0) ack 1002 win 257
                +0 > . 1002:1002(0) ack 2
                """);
        assertEquals(PacketdrillRunner.Status.PASS, r.status(), r.message());
    }

    @Test
    void aWrongExpectedPacketFailsNamingTheFieldLineAndBothPackets() {
        PacketdrillRunner.Result r = run(SERVER + """
                +0 write(4, ..., 1000) = 1000
                +0 > P. 1:1001(1000) ack 1 win 1234
                """);
        assertEquals(PacketdrillRunner.Status.FAIL, r.status());
        assertEquals(11, r.line());
        assertTrue(r.message().startsWith("x.pkt:11: error handling packet: live packet field tcp_window: expected: 1234 (0x4d2) vs actual: "),
                r.message());
        assertTrue(r.message().contains("script packet: 0.100000 P. 1:1001(1000) ack 1 win 1234"), r.message());
        assertTrue(r.message().contains("actual packet: 0.100000 P. 1:1001(1000) ack 1 win "), r.message());
    }

    @Test
    void aMissingPacketTimesOutAndAnEarlyOneIsATimingError() {
        PacketdrillRunner.Result r = run(SERVER + "+1 > F. 1:1(0) ack 1\n");
        assertEquals(PacketdrillRunner.Status.FAIL, r.status());
        assertTrue(r.message().startsWith("x.pkt:10: error handling packet: Timed out waiting for packet"), r.message());

        r = run(SERVER + "+0 close(4) = 0\n+.5 > F. 1:1(0) ack 1\n");
        assertTrue(r.message().startsWith("x.pkt:11: error handling packet: timing error: expected outbound packet at 0.600000 sec but happened at "
                + "0.100000 sec; tolerance 0.062500 sec"), r.message());
    }

    @Test
    void wrongReturnValuesAndErrnosAreReportedLikePacketdrill() {
        PacketdrillRunner.Result r = run(SERVER + "+0 close(4) = 0\n+0 close(4) = -1 ENOTCONN (Not connected)\n");
        assertEquals("x.pkt:11: runtime error in close call: Expected errno 107 (Transport endpoint is not connected) "
                + "but got 9 (Bad file descriptor)", r.message());
        r = run("0 socket(..., SOCK_STREAM, IPPROTO_TCP) = 3\n+0 connect(3, ..., ...) = 0\n");
        assertEquals(PacketdrillRunner.Status.FAIL, r.status());
        assertEquals("x.pkt:2: connect blocked, but the script expects it to return at once (no '...' end time)", r.message());
    }

    @Test
    void aBlockingCallReturnsWhenThePeerAnswers() {
        PacketdrillRunner.Result r = run("""
                0 socket(..., SOCK_STREAM, IPPROTO_TCP) = 3
                +0...0.100 connect(3, ..., ...) = 0
                +0 > S 0:0(0) <...>
                +.1 < S. 0:0(0) ack 1 win 5792 <mss 1460,nop,wscale 2>
                +0 > . 1:1(0) ack 1
                +0...0.200 read(3, ..., 100) = 100
                +.2 < P. 1:101(100) ack 1 win 5792
                """);
        assertEquals(PacketdrillRunner.Status.PASS, r.status(), r.message());
        r = run("""
                0 socket(..., SOCK_STREAM, IPPROTO_TCP) = 3
                +0...0.500 connect(3, ..., ...) = 0
                +0 > S 0:0(0) <...>
                +.1 < S. 0:0(0) ack 1 win 5792 <mss 1460,nop,wscale 2>
                """);
        assertEquals("x.pkt:2: timing error: expected connect call to return at 0.500000 sec but happened at "
                + "0.100000 sec; tolerance 0.004000 sec", r.message());
    }

    @Test
    void unsupportedConstructsFailAtTheirLineNeverPass() {
        PacketdrillRunner.Result r = run(SERVER + "+0 %{ assert tcpi_snd_cwnd == 10 }%\n");
        assertEquals(PacketdrillRunner.Status.UNSUPPORTED, r.status());
        assertEquals("x.pkt:10: unsupported: %{ }% Python block reading tcpi_snd_cwnd", r.message());
        r = run(SERVER + "+0 `ethtool -K tun0 tso off`\n");
        assertEquals("x.pkt:10: unsupported: shell command 'ethtool -K tun0 tso off'", r.message());
        r = run("`sysctl -q net.ipv4.tcp_no_such_thing=1`\n0 socket(..., SOCK_STREAM, IPPROTO_TCP) = 3\n");
        assertEquals(PacketdrillRunner.Status.UNSUPPORTED, r.status());
        assertEquals(1, r.line());
        r = run("0 socket(..., SOCK_DGRAM, IPPROTO_UDP) = 3\n");
        assertEquals(PacketdrillRunner.Status.UNSUPPORTED, r.status());
    }

    @Test
    void setupSysctlsReachTheModel() {
        // with timestamps off, the SYN carries no TS option
        PacketdrillRunner.Result r = run("""
                `sysctl -q net.ipv4.tcp_timestamps=0`
                0 socket(..., SOCK_STREAM, IPPROTO_TCP) = 3
                +0 fcntl(3, F_SETFL, O_RDWR|O_NONBLOCK) = 0
                +0 connect(3, ..., ...) = -1 EINPROGRESS (Operation now in progress)
                +0 > S 0:0(0) <mss 1460,nop,nop,sackOK,nop,wscale 10>
                """);
        assertEquals(PacketdrillRunner.Status.PASS, r.status(), r.message());
    }
}
