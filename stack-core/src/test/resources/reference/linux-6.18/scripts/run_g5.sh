#!/bin/bash
# Scenario g5: a simultaneous open whose two SYN timers are 5 ms apart (issue "timers that share
# a tick"). As run_g.sh, but B connects 5 ms after A: both first SYNs are lost (incoming pure
# SYNs dropped in both namespaces for ~0.6 s), so each side's SYN retransmission timer, armed
# 5 ms apart for 1 s, decides when its SYN leaves again. On the timer wheel (HZ=250) a 1 s timer
# sits in a level-1 bucket 8 jiffies (32 ms) wide, so the two usually fire in the same tick, the
# retransmitted SYNs cross and the open is fully simultaneous; with exact timers they would leave
# 5 ms apart and the later one would meet the other's SYN-ACK. Writes fresh/g5_simopen_5ms.*.
# Run as root: setup_ns.sh first, teardown_ns.sh after.
source "$(dirname "$0")/lib.sh"
CAP=$(dirname "$SCR")/fresh
NAME=g5_simopen_5ms
NOTES=$CAP/$NAME.notes.txt; : > $NOTES
note "kernel: $(uname -r)"
note "congestion control: $($CLI sysctl -n net.ipv4.tcp_congestion_control)"
for ns in hs_cli hs_srv; do ip netns exec $ns iptables -A INPUT -p tcp --syn -j DROP; note "  [$ns] iptables -A INPUT -p tcp --syn -j DROP (removed at t~0.6s)"; done
nstat_reset hs_cli; nstat_reset hs_srv
cap_start $NAME
START=$($PY -c "import time; print(time.time()+1.0)")
START_B=$($PY -c "print($START + 0.005)")
note "A connects at $START, B at $START_B (5 ms later)"
$CLI $PY $SCR/simopen.py $NOTES A 192.0.2.1 40000 192.0.2.2 40001 $START 0.5 & PA=$!
$SRV $PY $SCR/simopen.py $NOTES B 192.0.2.2 40001 192.0.2.1 40000 $START_B 0.5 & PB=$!
$PY -c "import time; time.sleep(max(0, $START + 0.6 - time.time()))"
for ns in hs_cli hs_srv; do ip netns exec $ns iptables -F; done
note "  iptables flushed at $($PY -c 'import time; print(round(time.time(),3))')"
wait $PA $PB
cap_stop
note "=== nstat delta client (A, hs_cli) ==="; nstat_delta hs_cli >> $NOTES
note "=== nstat delta server (B, hs_srv) ==="; nstat_delta hs_srv >> $NOTES
