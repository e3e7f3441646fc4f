#!/usr/bin/python3
"""Keepalive client: SO_KEEPALIVE with TCP_KEEPIDLE/KEEPINTVL/KEEPCNT, connect, send a line,
then wait for input until the connection ends (an error: logged with its time) or LIFE passes
(then close).
usage: keepalive_client.py NOTES LPORT IDLE INTVL CNT LIFE [snap_t1,...]"""
import socket, sys, os, time, errno, select
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
os.environ.setdefault("HS_ROLE", "client")
from hsutil import log, ss
notes, lport, idle, intvl, cnt, life = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4]), int(sys.argv[5]), float(sys.argv[6])
snaps = [float(x) for x in sys.argv[7].split(",")] if len(sys.argv) > 7 and sys.argv[7] else []
s = socket.socket()
s.setsockopt(socket.SOL_SOCKET, socket.SO_KEEPALIVE, 1)
s.setsockopt(socket.IPPROTO_TCP, socket.TCP_KEEPIDLE, idle)
s.setsockopt(socket.IPPROTO_TCP, socket.TCP_KEEPINTVL, intvl)
s.setsockopt(socket.IPPROTO_TCP, socket.TCP_KEEPCNT, cnt)
s.bind(("192.0.2.1", lport))
t0 = time.time()
s.connect(("192.0.2.2", 5000)); log(notes, f"connected (keepidle={idle} keepintvl={intvl} keepcnt={cnt})")
s.send(b"hello\n"); log(notes, "sent hello")
while True:
    now = time.time() - t0
    if now >= life:
        log(notes, "life over: close"); s.close(); break
    nxt = min([t for t in snaps if t > now] + [life])
    r, _, _ = select.select([s], [], [], max(0, nxt - now))
    if r:
        try:
            d = s.recv(100)
            log(notes, f"recv -> {d!r}")
            if not d:
                s.close(); break
        except OSError as e:
            log(notes, f"recv error {errno.errorcode.get(e.errno, e.errno)} after {time.time() - t0:.3f}s"); s.close(); break
    else:
        now = time.time() - t0
        snaps = [t for t in snaps if t > now + 0.01]
        ss(notes, f"client t={now:.2f}s")
