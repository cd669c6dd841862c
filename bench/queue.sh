#!/usr/bin/env bash
# Queue benchmark (issue 10), not a test: a private redis-server on a free
# loopback port; a 100-unit scenario experiment (financial-only, 1,000
# agents, 120 steps) with 1, then 2 worker processes (one thread each); and
# the queue's cost per unit on the trivial ishigami model (1,000 units, one
# worker) against a local run in one thread. Run from the repository root
# after `npm run build`. Prints wall seconds. SCS_AGENTS and SCS_STEPS set the
# scenario units' size (bench/queue-cases.sh), e.g. SCS_AGENTS=5000 SCS_STEPS=730.
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
# shellcheck source=bench/queue-cases.sh
. "$ROOT/bench/queue-cases.sh"
write_queue_cases "$W"
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
