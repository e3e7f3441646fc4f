#!/bin/bash
# The model's handshake rate against the Linux kernel doing the same conversation, interleaved.
#
#   stack-core/bench/compare-handshake.sh [ROUNDS=5] [CONNECTIONS=100000] [WARMUP=200000]
#
# Each round runs both sides, alternating which goes first, each pinned to the same core
# (CPU=1; MODEL_PIN=0 leaves the JVM unpinned), and prints connections/s; at the end min/median/
# max of each side and of the per-round ratio model/kernel (by wall time, warm).
#   model:  HandshakeBenchmark CONNECTIONS nocapture WARMUP (a JVM per round; connect, accept,
#           5 bytes each way, close client then server, 10 ms virtual per connection)
#   kernel: bench/kernel_handshake.c, built here with gcc, in a private network namespace
#           (unshare -n) over loopback: the same calls in the same order. TIME_WAIT: the model
#           holds ~6,000 per side (60 s at 10 ms virtual per connection); the kernel's
#           tcp_max_tw_buckets is set to 6,000 in the namespace, so it holds a like number
#           instead of the ~1.2 M a 60 s TIME_WAIT would pile up at wall-clock rates.
# Needs root (unshare -n), gcc, taskset, and stack-core's test classes (built here unless
# SKIP_BUILD=1). Prints nothing else on stdout; exit 1 if a side fails.
set -euo pipefail
rounds=${1:-5}
n=${2:-100000}
warm=${3:-200000}
cpu=${CPU:-1}
here=$(cd "$(dirname "$0")" && pwd)
core=$(dirname "$here")
repo=$(dirname "$core")
if [ "${SKIP_BUILD:-0}" != 1 ]; then
    (cd "$repo" && mvn -B -q -o -pl stack-core test-compile ${MAVEN_REPO:+-Dmaven.repo.local=$MAVEN_REPO} >&2)
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
gcc -O2 -Wall -o "$work/kernel_handshake" "$here/kernel_handshake.c"
cp="$core/target/test-classes:$core/target/classes"
pin_model=()
if [ "${MODEL_PIN:-1}" = 1 ]; then pin_model=(taskset -c "$cpu"); fi

model() {
    "${pin_model[@]}" java -cp "$cp" dev.tcplab.stack.bench.HandshakeBenchmark "$n" nocapture "$warm" \
        | tee -a "$work/model.log" | sed -n 's/.*= \([0-9]*\) connections\/s.*/\1/p' | head -1
}
kernel() {
    unshare -n sh -c "ip link set lo up && sysctl -q -w net.ipv4.tcp_max_tw_buckets=6000 \
        && taskset -c $cpu '$work/kernel_handshake' $n $warm && echo \"TIME_WAIT at the end: \$(ss -tanH state time-wait | wc -l)\"" \
        | tee -a "$work/kernel.log" | sed -n 's/.*= \([0-9]*\) connections\/s.*/\1/p' | head -1
}

stats() { # min median max of the numbers on stdin
    sort -g | awk '{a[NR]=$1} END {m=(NR%2)?a[(NR+1)/2]:(a[NR/2]+a[NR/2+1])/2; printf "min %s, median %s, max %s", a[1], m, a[NR]}'
}

echo "compare-handshake: $rounds rounds, $n connections measured after $warm warm-up, CPU $cpu, $(nproc) cpus, load $(cut -d' ' -f1-3 /proc/loadavg)"
: > "$work/ratios"; : > "$work/cratios"; : > "$work/m"; : > "$work/k"
for r in $(seq 1 "$rounds"); do
    if [ $((r % 2)) = 1 ]; then m=$(model); k=$(kernel); else k=$(kernel); m=$(model); fi
    if [ -z "$m" ] || [ -z "$k" ]; then
        echo "round $r: a side failed" >&2; cat "$work"/*.log >&2; exit 1
    fi
    ratio=$(awk -v m="$m" -v k="$k" 'BEGIN {printf "%.2f", m / k}')
    echo "$m" >> "$work/m"; echo "$k" >> "$work/k"; echo "$ratio" >> "$work/ratios"
    mc=$(sed -n 's/.*= \([0-9]*\) connections\/s of CPU.*/\1/p' "$work/model.log" | tail -1)
    kc=$(sed -n 's/.*= \([0-9]*\) connections\/s of CPU.*/\1/p' "$work/kernel.log" | tail -1)
    cratio=$(awk -v m="$mc" -v k="$kc" 'BEGIN {printf "%.2f", m / k}')
    echo "$cratio" >> "$work/cratios"
    echo "round $r: model $m connections/s, kernel $k connections/s, model/kernel $ratio (by CPU time: model $mc, kernel $kc, $cratio)"
done
echo "model  connections/s: $(stats < "$work/m")"
echo "kernel connections/s: $(stats < "$work/k")"
echo "model/kernel ratio:   $(stats < "$work/ratios")"
cpu_m=$(sed -n 's/.*= \([0-9]*\) connections\/s of CPU.*/\1/p' "$work/model.log" | stats)
cpu_k=$(sed -n 's/.*= \([0-9]*\) connections\/s of CPU.*/\1/p' "$work/kernel.log" | stats)
echo "by CPU time (not the target's measure; a loaded machine distorts it less): model $cpu_m, kernel $cpu_k connections/s; ratio $(stats < "$work/cratios")"
echo "model last run:  $(grep -m1 'in TIME_WAIT' <(tac "$work/model.log") | sed 's/.*; //')"
echo "kernel last run: $(grep -m1 'TIME_WAIT' <(tac "$work/kernel.log"))"
