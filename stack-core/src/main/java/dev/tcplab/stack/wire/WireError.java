package dev.tcplab.stack.wire;

/**
 * Why a view refused its bytes. The receive path maps each to the counter Linux increments
 * (see IpInput and TcpIpv4 in the stack): nothing here throws.
 */
public enum WireError {
    OK,
    /** Fewer bytes than the fixed header needs. */
    TRUNCATED,
    /** IPv4 version field is not 4. */
    BAD_VERSION,
    /** IPv4 IHL below 5 words, or beyond the buffer. */
    BAD_HEADER_LENGTH,
    /** IPv4 total length below the header length. */
    BAD_TOTAL_LENGTH,
    /** IPv4 total length beyond the bytes received. */
    TRUNCATED_PACKET,
    /** Header checksum (IPv4) or checksum over pseudo header (TCP) wrong. */
    BAD_CHECKSUM,
    /** TCP data offset below 5 words. */
    BAD_DATA_OFFSET,
    /** TCP data offset beyond the segment. */
    OPTIONS_TRUNCATED,
    /** ARP not Ethernet/IPv4, or with wrong address lengths. */
    UNSUPPORTED
}
