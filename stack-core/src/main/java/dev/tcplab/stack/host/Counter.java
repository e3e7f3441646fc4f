package dev.tcplab.stack.host;

/**
 * MIB counters by their nstat names (/proc/net/snmp "Ip:"/"Tcp:", /proc/net/netstat "TcpExt:").
 * Incremented where Linux increments them; see linux-handshake.md section 11.
 */
public enum Counter {
    IpInReceives, IpInHdrErrors, IpInAddrErrors, IpInUnknownProtos, IpInDiscards, IpInDelivers,
    IpOutRequests, IpOutDiscards, IpOutTransmits, IpOutNoRoutes, IpExtInCsumErrors, IpExtInTruncatedPkts, IpExtInOctets, IpExtOutOctets,
    TcpActiveOpens, TcpPassiveOpens, TcpAttemptFails, TcpEstabResets, TcpCurrEstab, TcpInSegs, TcpOutSegs,
    TcpRetransSegs, TcpInErrs, TcpOutRsts, TcpInCsumErrors,
    TcpExtSyncookiesSent, TcpExtSyncookiesRecv, TcpExtSyncookiesFailed, TcpExtEmbryonicRsts,
    TcpExtTW, TcpExtTWRecycled, TcpExtTWKilled, TcpExtPAWSActiveRejected, TcpExtPAWSEstabRejected,
    TcpExtDelayedACKs, TcpExtListenOverflows, TcpExtListenDrops, TcpExtTCPPureAcks, TcpExtTCPHPAcks,
    TcpExtTCPAbortOnData, TcpExtTCPAbortOnClose, TcpExtTCPAbortOnLinger, TcpExtTCPAbortOnTimeout, TcpExtTCPKeepAlive, TcpExtTCPLossProbes, TcpExtTCPLossProbeRecovery,
    TcpExtTCPTimeouts, TcpExtTCPSynRetrans, TcpExtTCPLostRetransmit, TcpExtTcpTimeoutRehash,
    TcpExtTCPReqQFullDoCookies, TcpExtTCPReqQFullDrop, TcpExtTCPChallengeACK, TcpExtTCPSYNChallenge,
    TcpExtTCPACKSkippedSynRecv, TcpExtTCPACKSkippedPAWS, TcpExtTCPACKSkippedSeq, TcpExtTCPACKSkippedChallenge,
    TcpExtTCPACKSkippedTimeWait, TcpExtTCPDeferAcceptDrop, TcpExtTCPOrigDataSent, TcpExtTCPDelivered,
    TcpExtTCPRcvCoalesce, TcpExtTCPDSACKOldSent, TcpExtTCPDSACKRecv, TcpExtDelayedACKLost, TcpExtTCPLossUndo,
    TcpExtTCPBacklogDrop, TcpExtTCPRcvQDrop, TcpExtTCPZeroWindowDrop, TcpExtTCPToZeroWindowAdv,
    TcpExtTCPFromZeroWindowAdv, TcpExtTCPWantZeroWindowAdv, TcpExtOutOfWindowIcmps,
    TcpExtTCPOFOQueue, TcpExtTCPFastRetrans, TcpExtTCPSlowStartRetrans, TcpExtTCPRetransFail,
    /** Not a Linux counter: frames a device dropped because they were shorter than an Ethernet header or of an unknown type. */
    DevRxDropped,
    /** Not a Linux counter: ARP packets that were not Ethernet/IPv4 or were too short. */
    ArpInErrors
}
