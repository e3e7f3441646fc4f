#!/bin/bash
# Regenerates the performance table in stack-core/README.md (between the perf-table markers):
# every figure measured here, min/median/max over repeated runs, with the command that measured it.
#
#   stack-core/bench/perf-table.sh [ROUNDS=5]   (COMPARE_N=100000 COMPARE_WARM=200000: the
#                                                 connections compare-handshake.sh measures / warms up)
#
# ~10-20 min on the shared 2-core machine. Needs what compare-handshake.sh needs, python3, and
# JMH in the Maven repository (-Pbench; MAVEN_REPO=... selects a local repository).
set -euo pipefail
rounds=${1:-5}
here=$(cd "$(dirname "$0")" && pwd)
core=$(dirname "$here")
repo=$(dirname "$core")
readme="$core/README.md"
mvnrepo=${MAVEN_REPO:+-Dmaven.repo.local=$MAVEN_REPO}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$repo"
mvn -B -q -o -pl stack-core -Pbench test-compile $mvnrepo >&2
cp="$core/target/test-classes:$core/target/classes"
rows="$work/rows"
: > "$rows"
row() { printf '| %s | %s | %s | `%s` |\n' "$1" "$2" "$3" "$4" >> "$rows"; }
stats() { sort -g | awk '{a[NR]=$1} END {m=(NR%2)?a[(NR+1)/2]:(a[NR/2]+a[NR/2+1])/2; printf "%s / %s / %s", a[1], m, a[NR]}'; }

jmh() { # jmh NAME BENCHMARK-REGEX [more JMH args]: JSON to $work/NAME.json
    local name=$1; shift
    mvn -B -q -o -pl stack-core -Pbench exec:exec@jmh $mvnrepo \
        -Djmh.args="$* -rf json -rff $work/$name.json" > "$work/$name.out" 2>&1 \
        || { cat "$work/$name.out" >&2; exit 1; }
}
# min/median/max of a benchmark's iteration scores, scaled: jmhstats FILE [PARAM=VALUE] SCALE FORMAT
jmhstats() {
    python3 - "$@" <<'PY'
import json, statistics, sys
f, sel, scale, fmt = sys.argv[1], sys.argv[2], float(sys.argv[3]), sys.argv[4]
for b in json.load(open(f)):
    if sel and sel != "-" and sel not in ["%s=%s" % kv for kv in b.get("params", {}).items()]:
        continue
    pm = b["primaryMetric"]
    if "rawDataHistogram" in pm:  # sampled: every call timed; min / median / max of the calls
        p = pm["scorePercentiles"]
        vals = (p["0.0"] * scale, p["50.0"] * scale, p["100.0"] * scale)
    else:  # one score per iteration
        xs = sorted(x * scale for fork in pm["rawData"] for x in fork)
        vals = (xs[0], statistics.median(xs), xs[-1])
    print(" / ".join(fmt % v for v in vals))
PY
}

echo "handshake ratio ..." >&2
cn=${COMPARE_N:-100000}
cw=${COMPARE_WARM:-200000}
SKIP_BUILD=1 "$here/compare-handshake.sh" "$rounds" "$cn" "$cw" > "$work/compare.out"
row "Full handshakes, model / Linux kernel on one core (connect, accept, 5 B each way, close; warm)" "≥ 2× (stretch 5×)" \
    "$(sed -n 's/model\/kernel ratio: *min \(.*\), median \(.*\), max \(.*\)/\1 \/ \2 \/ \3×/p' "$work/compare.out") (model $(sed -n 's/model  connections\/s: min \(.*\), median \(.*\), max \(.*\)/\1 \/ \2 \/ \3/p' "$work/compare.out"), kernel $(sed -n 's/kernel connections\/s: min \(.*\), median \(.*\), max \(.*\)/\1 \/ \2 \/ \3/p' "$work/compare.out") connections/s; $rounds rounds; by thread CPU time: $(sed -n 's/.*ratio min \(.*\), median \(.*\), max \(.*\)$/\1 \/ \2 \/ \3×/p' "$work/compare.out"))" \
    "stack-core/bench/compare-handshake.sh $rounds $cn $cw"

echo "JMH handshake ..." >&2
jmh handshake 'HandshakeJmh'
row "Model handshakes per second (JMH, one network, steady TIME_WAIT state)" "" \
    "$(jmhstats "$work/handshake.json" - 1 '%.0f') connections/s (10 × 2 s iterations after 10 s warm-up)" \
    "mvn -o -pl stack-core -Pbench test-compile exec:exec@jmh -Djmh.args=HandshakeJmh"

echo "JMH flood ..." >&2
jmh flood 'SynFloodJmh'
row "1,000,000 SYNs against a cookie listener, wall time after warm-up (JMH single shot)" "≤ 1.5 s" \
    "$(jmhstats "$work/flood.json" - 0.001 '%.2f') s (6 floods after 4 warm-up floods)" \
    "mvn -o -pl stack-core -Pbench test-compile exec:exec@jmh -Djmh.args=SynFloodJmh"

echo "flood heap ..." >&2
java -cp "$cp" dev.tcplab.stack.bench.SynFloodBenchmark 1000000 3 > "$work/floodmain.out"
row "The same flood: heap growth (after GC), legitimate client" "≤ 64 MB; gets in" \
    "$(sed -n 's/.*growth \(.*\)/\1/p' "$work/floodmain.out"); $(sed -n 's/.*max qlen \([0-9]*\).*-> \(.*\)/qlen max \1 (\2)/p' "$work/floodmain.out"); legit client data $(sed -n 's/.*data \([A-Z]*\)$/\1/p' "$work/floodmain.out") ($(sed -n 's/.*wall = \([0-9]*\) SYN\/s.*/\1 SYN\/s/p' "$work/floodmain.out"))" \
    "java -cp stack-core/target/test-classes:stack-core/target/classes dev.tcplab.stack.bench.SynFloodBenchmark 1000000 3"

echo "JMH SYN timeout ..." >&2
jmh syntimeout 'SynTimeoutJmh'
row "134 s SYN-timeout scenario (build, run to ETIMEDOUT; trace and pcap on), warm" "≤ 1 ms" \
    "$(jmhstats "$work/syntimeout.json" - 0.001 '%.3f') ms (every call timed over 5 × 1 s after 5 s warm-up)" \
    "mvn -o -pl stack-core -Pbench test-compile exec:exec@jmh -Djmh.args=SynTimeoutJmh"

echo "SYN timeout cold ..." >&2
for r in $(seq 1 "$rounds"); do
    java -cp "$cp" dev.tcplab.stack.bench.SynTimeoutBenchmark 1 0 | sed -n 's/.*cold first run \([0-9.]*\) ms.*/\1/p'
done > "$work/cold"
row "The same, first run in a new JVM" "≤ 100 ms" "$(stats < "$work/cold") ms ($rounds JVMs)" \
    "java -cp stack-core/target/test-classes:stack-core/target/classes dev.tcplab.stack.bench.SynTimeoutBenchmark 1 0"

echo "JMH capture cost ..." >&2
jmh capture 'CaptureCostJmh'
off=$(jmhstats "$work/capture.json" capture=false 1 '%.0f')
on=$(jmhstats "$work/capture.json" capture=true 1 '%.0f')
ratio=$(python3 -c "import sys; a=[float(x) for x in sys.argv[1].split(' / ')]; b=[float(x) for x in sys.argv[2].split(' / ')]; print('%.2f' % (a[1] / b[1]))" "$off" "$on")
row "Tracing and pcap on: cost (time per connection on / off, medians)" "≤ 1.5×" \
    "${ratio}× (off $off, on $on connections/s)" \
    "mvn -o -pl stack-core -Pbench test-compile exec:exec@jmh -Djmh.args=CaptureCostJmh"

{
    echo "<!-- perf-table:start (generated by stack-core/bench/perf-table.sh $rounds; do not edit) -->"
    echo "Measured $(date -u +%Y-%m-%d) on $(nproc) cpus ($(sed -n 's/^model name[^:]*: //p' /proc/cpuinfo | head -1)), $(java -version 2>&1 | head -1), load average at the start $(cut -d' ' -f1-3 /proc/loadavg) (shared machine). Figures: min / median / max."
    echo
    echo "| Figure | Target | Measured | Command |"
    echo "|---|---|---|---|"
    cat "$rows"
    echo "<!-- perf-table:end -->"
} > "$work/table"
python3 - "$readme" "$work/table" <<'PY'
import re, sys
readme, table = sys.argv[1], open(sys.argv[2]).read().rstrip("\n")
s = open(readme).read()
pat = re.compile(r"<!-- perf-table:start.*?<!-- perf-table:end -->", re.S)
if not pat.search(s):
    sys.exit("no perf-table markers in " + readme)
open(readme, "w").write(pat.sub(lambda m: table, s))
PY
cat "$work/table"
