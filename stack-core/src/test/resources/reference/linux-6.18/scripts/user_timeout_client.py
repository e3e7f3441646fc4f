#!/usr/bin/python3
"""TCP_USER_TIMEOUT client. usage: user_timeout_client.py NOTES LPORT USER_TIMEOUT_MS MODE LIFE
MODE syn: connect() to 192.0.2.2:5000 (whose SYNs the server drops) and log when it fails.
MODE keepalive: also SO_KEEPALIVE, TCP_KEEPIDLE 2, TCP_KEEPINTVL 1, TCP_KEEPCNT 9; connect,
send hello, then wait until the connection ends or LIFE passes."""
import socket, sys, os, time, errno, select
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
os.environ.setdefault("HS_ROLE", "client")
from hsutil import log, wait_for_end
notes, lport, uto, mode, life = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), sys.argv[4], float(sys.argv[5])
s = socket.socket()
s.setsockopt(socket.IPPROTO_TCP, socket.TCP_USER_TIMEOUT, uto)
if mode == "keepalive":
    s.setsockopt(socket.SOL_SOCKET, socket.SO_KEEPALIVE, 1)
    s.setsockopt(socket.IPPROTO_TCP, socket.TCP_KEEPIDLE, 2)
    s.setsockopt(socket.IPPROTO_TCP, socket.TCP_KEEPINTVL, 1)
    s.setsockopt(socket.IPPROTO_TCP, socket.TCP_KEEPCNT, 9)
s.bind(("192.0.2.1", lport))
t0 = time.time()
try:
    s.connect(("192.0.2.2", 5000)); log(notes, f"connected (TCP_USER_TIMEOUT={uto} ms, {mode})")
except OSError as e:
    log(notes, f"connect error {errno.errorcode.get(e.errno, e.errno)} after {time.time() - t0:.3f}s"); sys.exit(0)
s.send(b"hello\n"); log(notes, "sent hello")
wait_for_end(notes, s, t0, life)
s.close()
