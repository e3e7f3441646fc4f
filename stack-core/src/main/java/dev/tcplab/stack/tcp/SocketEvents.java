package dev.tcplab.stack.tcp;

/**
 * Wake-ups from the protocol to the socket layer (sk_state_change, sk_data_ready,
 * sk_write_space): the socket API registers one listener per socket to complete pending calls.
 */
public final class SocketEvents {
    /** Implemented by the user-side socket. */
    public interface Listener {
        void stateChanged(TcpSock sk);

        void dataReady(TcpSock sk);

        void writeSpace(TcpSock sk);
    }

    private SocketEvents() {}

    static void stateChanged(TcpSock sk) {
        if (sk.owner instanceof Listener l) {
            l.stateChanged(sk);
        }
    }

    static void dataReady(TcpSock sk) {
        if (sk.owner instanceof Listener l) {
            l.dataReady(sk);
        }
    }

    static void writeSpace(TcpSock sk) {
        if (sk.owner instanceof Listener l) {
            l.writeSpace(sk);
        }
    }

    /** Attaches the user-side socket to a protocol socket. */
    public static void attach(TcpSock sk, Listener listener) {
        sk.owner = listener;
    }
}
