#!/usr/bin/env bash
# Queue benchmark (issue 10), not a test: a private redis-server on a free
# loopback port; a 100-unit scenario experiment (financial-only, 1,000
# agents, 120 steps) with 1, then 2 worker processes (one thread each); and
# the queue's cost per unit on the trivial ishigami model (1,000 units, one
# worker) against a local run in one thread. Run from the repository root
# after `npm run build`. Prints wall seconds.
set -euo pipefail
ROOT=$(pwd)
S="node $ROOT/bin/scsim.js"
W=$(mktemp -d /tmp/scsim-qbench-XXXXXX)
PORT=$(node -e 'const s=require("net").createServer().listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})')
redis-server --port "$PORT" --bind 127.0.0.1 --dir "$W" --appendonly yes --maxmemory-policy noeviction --save '' --logfile "$W/redis.log" &
RPID=$!
PIDS=()
cleanup() { for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done; kill "$RPID" 2>/dev/null || true; wait 2>/dev/null || true; rm -rf "$W"; }
trap cleanup EXIT
sleep 0.5
URL=redis://127.0.0.1:$PORT/0
cat > "$W/scs100.yaml" <<'YAML'
version: 1
name: queue benchmark
base:
  preset: financial-only
  overrides: {agents: 1000, steps: 120, burnIn: 0}
factors:
  - path: mechanisms.financial.deterrence
    levels: [0, 0.25, 0.5, 0.75, 1]
design: {type: grid}
replications: 20
seed: 7
metrics:
  - metric: listed
YAML
printf 'version: 1\nmodel: ishigami\ndesign: {type: sobol, n: 200, bootstrap: 100}\nseed: 5\n' > "$W/ish.yaml"
secs() { local t0 t1; t0=$(date +%s.%N); "$@" >/dev/null 2>&1; t1=$(date +%s.%N); echo "$t1 - $t0" | bc; }
workers() { # start N worker processes of one thread each
  PIDS=()
  for _ in $(seq "$1"); do $S worker --queue "$URL" -c 1 -q & PIDS+=($!); done
  sleep 2
}
stop_workers() { for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done; for p in "${PIDS[@]}"; do wait "$p" 2>/dev/null || true; done; PIDS=(); }
echo "load before: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "scs100 local, 1 thread:    $(secs $S experiment "$W/scs100.yaml" --out "$W/l1" --workers 1 -q) s"
workers 1
echo "scs100 queue, 1 worker:    $(secs $S experiment "$W/scs100.yaml" --out "$W/q1" --queue "$URL" -q) s"
stop_workers
workers 2
echo "scs100 queue, 2 workers:   $(secs $S experiment "$W/scs100.yaml" --out "$W/q2" --queue "$URL" -q) s"
stop_workers
cmp "$W/q1/analysis.json" "$W/l1/analysis.json" && cmp "$W/q2/analysis.json" "$W/l1/analysis.json" && echo "analysis.json equal"
echo "ishigami 1000 local, 1 thread: $(secs $S experiment "$W/ish.yaml" --out "$W/il" --workers 1 -q) s"
workers 1
echo "ishigami 1000 queue, 1 worker: $(secs $S experiment "$W/ish.yaml" --out "$W/iq" --queue "$URL" -q) s"
stop_workers
cmp "$W/iq/analysis.json" "$W/il/analysis.json" && echo "analysis.json equal"
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
