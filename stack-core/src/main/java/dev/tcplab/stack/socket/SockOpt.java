package dev.tcplab.stack.socket;

/** The socket options the labs need, with Linux's level/name. */
public enum SockOpt {
    SO_REUSEADDR, SO_LINGER, SO_RCVBUF, SO_ERROR, SO_KEEPALIVE, TCP_MAXSEG, TCP_SYNCNT, TCP_DEFER_ACCEPT, TCP_NODELAY,
    TCP_KEEPIDLE, TCP_KEEPINTVL, TCP_KEEPCNT, TCP_USER_TIMEOUT
}
