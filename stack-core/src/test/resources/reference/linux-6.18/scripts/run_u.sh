#!/bin/bash
# Scenario u: TCP_USER_TIMEOUT (icsk_user_timeout), client side.
#  u1_user_timeout_syn: TCP_USER_TIMEOUT 2500 ms; the server's INPUT drops SYNs: when does connect() give up?
#  u2_user_timeout_keepalive: TCP_USER_TIMEOUT 3500 ms with SO_KEEPALIVE (idle 2, intvl 1, cnt 9);
#    from ~1 s the server's OUTPUT drops everything: the user timeout, not KEEPCNT, ends it
# Run as root: setup_ns.sh first, teardown_ns.sh after. Writes fresh/u1_*, fresh/u2_*.
source "$(dirname "$0")/lib.sh"
CAP=$(dirname "$SCR")/fresh
NAME=u1_user_timeout_syn; NOTES=$CAP/$NAME.notes.txt; : > $NOTES
note "kernel: $(uname -r)"; note "congestion control: $($CLI sysctl -n net.ipv4.tcp_congestion_control)"
$SRV iptables -A INPUT -p tcp --syn -j DROP; note "  [hs_srv] iptables -A INPUT -p tcp --syn -j DROP"
nstat_reset hs_cli; nstat_reset hs_srv; cap_start $NAME
$CLI $PY $SCR/user_timeout_client.py $NOTES 42000 2500 syn 10
cap_stop; $SRV iptables -F
note "=== nstat delta client (hs_cli) ==="; nstat_delta hs_cli >> $NOTES

NAME=u2_user_timeout_keepalive; NOTES=$CAP/$NAME.notes.txt; : > $NOTES
note "kernel: $(uname -r)"; note "congestion control: $($CLI sysctl -n net.ipv4.tcp_congestion_control)"
$SRV $PY $SCR/server_accept.py $NOTES 5000 128 1 15 & SP=$!
sleep 0.3; nstat_reset hs_cli; nstat_reset hs_srv; cap_start $NAME
( sleep 1.0; $SRV iptables -A OUTPUT -d 192.0.2.1 -j DROP
  note "  [hs_srv] iptables -A OUTPUT -d 192.0.2.1 -j DROP at $($PY -c 'import time; print(round(time.time(),3))')" ) &
$CLI $PY $SCR/user_timeout_client.py $NOTES 42001 3500 keepalive 10
cap_stop
note "=== nstat delta client (hs_cli) ==="; nstat_delta hs_cli >> $NOTES
note "=== nstat delta server (hs_srv) ==="; nstat_delta hs_srv >> $NOTES
kill $SP 2>/dev/null; wait $SP 2>/dev/null; $SRV iptables -F
