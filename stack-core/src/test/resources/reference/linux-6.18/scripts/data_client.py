#!/usr/bin/python3
"""Connect from LPORT, send PAYLOAD once (TCP_NODELAY), then wait for input until the
connection ends (an error: logged with its time) or LIFE passes (then close).
usage: data_client.py NOTES LPORT PAYLOAD_BYTES LIFE"""
import socket, sys, os, time, errno, select
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
os.environ.setdefault("HS_ROLE", "client")
from hsutil import log, wait_for_end
notes, lport, n, life = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), float(sys.argv[4])
s = socket.socket(); s.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
s.bind(("192.0.2.1", lport)); t0 = time.time()
s.connect(("192.0.2.2", 5000)); log(notes, "connected")
time.sleep(0.1)
payload = (b"SEG1" + b"x" * n)[:n]
s.send(payload); log(notes, f"sent {n} bytes")
wait_for_end(notes, s, t0, life)
s.close(); log(notes, "closed")
