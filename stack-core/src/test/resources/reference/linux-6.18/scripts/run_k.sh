#!/bin/bash
# Scenario k: keepalive (tcp_keepalive_timer), client SO_KEEPALIVE with TCP_KEEPIDLE=2,
# TCP_KEEPINTVL=1, TCP_KEEPCNT=3; it sends "hello\n", the server answers "world\n", then both idle.
#  k1_keepalive_answered: the server answers every probe; the client closes at 6.5 s
#  k2_keepalive_unanswered: from 1 s the server's OUTPUT drops everything (the way back is
#    broken): the probes go unanswered and the client gives up (RST, ETIMEDOUT)
# Run as root: setup_ns.sh first, teardown_ns.sh after. Writes fresh/k1_*, fresh/k2_*.
source "$(dirname "$0")/lib.sh"
CAP=$(dirname "$SCR")/fresh
for NAME in k1_keepalive_answered k2_keepalive_unanswered; do
  NOTES=$CAP/$NAME.notes.txt; : > $NOTES
  note "kernel: $(uname -r)"
  note "congestion control: $($CLI sysctl -n net.ipv4.tcp_congestion_control)"
  $SRV $PY $SCR/server_accept.py $NOTES 5000 128 1 15 & SP=$!
  sleep 0.3; nstat_reset hs_cli; nstat_reset hs_srv
  cap_start $NAME
  if [ $NAME = k2_keepalive_unanswered ]; then
    ( sleep 1.0; $SRV iptables -A OUTPUT -d 192.0.2.1 -j DROP
      note "  [hs_srv] iptables -A OUTPUT -d 192.0.2.1 -j DROP at $($PY -c 'import time; print(round(time.time(),3))')" ) &
    $CLI $PY $SCR/keepalive_client.py $NOTES 41001 2 1 3 10 1.5,2.5,3.5,4.5
  else
    $CLI $PY $SCR/keepalive_client.py $NOTES 41000 2 1 3 6.5 1.5,2.5,4.5
  fi
  [ $NAME = k1_keepalive_answered ] && sleep 1
  cap_stop
  note "=== nstat delta client (hs_cli) ==="; nstat_delta hs_cli >> $NOTES
  note "=== nstat delta server (hs_srv) ==="; nstat_delta hs_srv >> $NOTES
  kill $SP 2>/dev/null; wait $SP 2>/dev/null
  $SRV iptables -F
done
