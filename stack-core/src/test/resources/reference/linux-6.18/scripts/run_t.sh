#!/bin/bash
# Scenario t: the tail loss probe (tcp_early_retrans=3, the default) and an established give-up.
#  t1_tlp_one_lost: the client sends one 100-byte segment (TCP_NODELAY) 0.1 s after connecting;
#    the server's INPUT drops it once ("SEG1", first match only): the probe resends it
#  t2_retries2_all_dropped: client tcp_retries2=3; from 0.05 s the server's INPUT drops
#    everything; the client sends 4 bytes: probe, RTO retransmissions, ETIMEDOUT
# Run as root: setup_ns.sh first, teardown_ns.sh after. Writes fresh/t1_*, fresh/t2_*.
source "$(dirname "$0")/lib.sh"
CAP=$(dirname "$SCR")/fresh
NAME=t1_tlp_one_lost; NOTES=$CAP/$NAME.notes.txt; : > $NOTES
note "kernel: $(uname -r)"; note "congestion control: $($CLI sysctl -n net.ipv4.tcp_congestion_control)"
note "tcp_early_retrans: $($CLI sysctl -n net.ipv4.tcp_early_retrans)"
$SRV iptables -A INPUT -p tcp --dport 5000 -m string --string SEG1 --algo bm -m statistic --mode nth --every 1000 --packet 0 -j DROP
note "  [hs_srv] iptables -A INPUT -p tcp --dport 5000 -m string --string SEG1 --algo bm -m statistic --mode nth --every 1000 --packet 0 -j DROP (first SEG1 only)"
$SRV $PY $SCR/server_accept.py $NOTES 5000 128 1 3 & SP=$!
sleep 0.3; nstat_reset hs_cli; nstat_reset hs_srv; cap_start $NAME
$CLI $PY $SCR/data_client.py $NOTES 43000 100 1.5
wait $SP; cap_stop; $SRV iptables -F
note "=== nstat delta client (hs_cli) ==="; nstat_delta hs_cli >> $NOTES
note "=== nstat delta server (hs_srv) ==="; nstat_delta hs_srv >> $NOTES

NAME=t2_retries2_all_dropped; NOTES=$CAP/$NAME.notes.txt; : > $NOTES
note "kernel: $(uname -r)"; note "congestion control: $($CLI sysctl -n net.ipv4.tcp_congestion_control)"
$CLI sysctl -qw net.ipv4.tcp_retries2=3; note "  [hs_cli] tcp_retries2=3"
$SRV $PY $SCR/server_accept.py $NOTES 5000 128 1 12 & SP=$!
sleep 0.3; nstat_reset hs_cli; nstat_reset hs_srv; cap_start $NAME
( sleep 0.05; $SRV iptables -A INPUT -s 192.0.2.1 -j DROP
  note "  [hs_srv] iptables -A INPUT -s 192.0.2.1 -j DROP at $($PY -c 'import time; print(round(time.time(),3))')" ) &
$CLI $PY $SCR/data_client.py $NOTES 43001 4 11
cap_stop
note "=== nstat delta client (hs_cli) ==="; nstat_delta hs_cli >> $NOTES
kill $SP 2>/dev/null; wait $SP 2>/dev/null; $SRV iptables -F; $CLI sysctl -qw net.ipv4.tcp_retries2=15
