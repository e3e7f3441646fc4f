package dev.tcplab.stack.packetdrill;

import java.util.HashMap;
import java.util.Map;

/**
 * packetdrill's "socket under test" on the wire: the 4-tuple's ports and the mapping between
 * the script's relative sequence numbers / TS values and the live ones.
 */
final class Conn {
    /**
     * The live remote ISN minus the script's: 0, as in packetdrill, which injects the script's
     * own SYN / SYN-ACK sequence number (handle_listen_for_script_packet, do_inbound_script_packet).
     */
    static final long REMOTE_SEQ_OFFSET = 0;

    final int remotePort;
    int localPort;
    /** The model's ISN, learnt from its SYN or SYN-ACK; 0 until then. */
    long localIsn;
    boolean localIsnKnown;
    /** The script's ISN for the model's side (the seq of the script's SYN or SYN-ACK line). */
    long scriptLocalIsn;
    /** Script TS val -> live TS val of outbound packets (to map inbound TS ecr). */
    final Map<Long, Long> tsValMap = new HashMap<>();
    boolean foundFirstTs;
    long firstScriptTsVal;
    long firstActualTsVal;

    Conn(int remotePort, int localPort) {
        this.remotePort = remotePort;
        this.localPort = localPort;
    }
}
