#!/bin/bash
# Scenario g5: a simultaneous open whose two SYN timers are 5 ms apart (issue "timers that share
# a tick"): run_g.sh with B connecting 5 ms after A. Both first SYNs are lost, so each side's 1 s
# SYN retransmission timer, armed 5 ms apart, decides when its SYN leaves again. On the timer
# wheel (HZ=250) a 1 s timer sits in a level-1 bucket 8 jiffies (32 ms) wide, so the two usually
# fire in the same tick, the retransmitted SYNs cross and the open is fully simultaneous; with
# exact timers they would leave 5 ms apart and the later one would meet the other's SYN-ACK.
# Writes fresh/g5_simopen_5ms.* (g5b_simopen_5ms_split is a run of this where they split).
# Run as root: setup_ns.sh first, teardown_ns.sh after.
SCR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
NAME=${NAME:-g5_simopen_5ms} B_DELAY=0.005 CAP=$(dirname "$SCR")/fresh exec bash "$SCR/run_g.sh"
