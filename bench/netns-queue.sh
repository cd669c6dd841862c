#!/usr/bin/env bash
# The queue across "machines" on one host (issue 10 benchmark, not a test):
# Redis in one network namespace, each worker in its own, the coordinator in
# the root namespace, joined by veth pairs on a bridge, with DELAY of one-way
# latency (tc netem) on every worker's and Redis's link. Needs root, ip and
# tc. Run from the repository root after `npm run build`:
#   sudo bench/netns-queue.sh [WORKERS=2] [DELAY=1ms]
# Prints wall seconds of a 100-unit scenario experiment and of 1,000 trivial
# (ishigami) units through the namespaces, and checks the results equal a
# local run. Everything it makes is removed on exit.
set -euo pipefail
N=${1:-2}
DELAY=${2:-1ms}
ROOT=$(pwd)
S="node $ROOT/bin/scsim.js"
W=$(mktemp -d /tmp/scsim-netns-XXXXXX)
BR=scsimbr0
PIDS=()
cleanup() {
  set +e
  for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null; done
  for p in "${PIDS[@]}"; do timeout 20 tail --pid="$p" -f /dev/null 2>/dev/null; done
  for ns in scsim-redis $(seq -f 'scsim-w%g' 1 "$N"); do ip netns del "$ns" 2>/dev/null || true; done
  ip link del "$BR" 2>/dev/null || true
  rm -rf "$W"
}
trap cleanup EXIT
ip link add "$BR" type bridge
ip addr add 10.77.0.1/24 dev "$BR"
ip link set "$BR" up
join() { # namespace, address
  local ns=$1 addr=$2 v=v${1#scsim-}
  ip netns add "$ns"
  ip link add "$v" type veth peer name eth0 netns "$ns"
  ip link set "$v" master "$BR" up
  ip -n "$ns" addr add "$addr/24" dev eth0
  ip -n "$ns" link set eth0 up
  ip -n "$ns" link set lo up
  # netem may be missing from the kernel: then the links have no added delay (said once).
  if ! ip netns exec "$ns" tc qdisc add dev eth0 root netem delay "$DELAY" 2>/dev/null; then
    [ -n "${NO_NETEM:-}" ] || echo "tc netem unavailable in this kernel: no added delay"
    NO_NETEM=1
    DELAY=0ms
  fi
}
join scsim-redis 10.77.0.2
ip netns exec scsim-redis redis-server --port 6379 --bind 10.77.0.2 --protected-mode no --dir "$W" \
  --appendonly yes --maxmemory-policy noeviction --save '' --logfile "$W/redis.log" &
PIDS+=($!)
for i in $(seq "$N"); do join "scsim-w$i" "10.77.0.$((10 + i))"; done
sleep 1
URL=redis://10.77.0.2:6379/0
[ -z "${SETUP_ONLY:-}" ] || exit 0
# shellcheck source=bench/queue-cases.sh
. "$ROOT/bench/queue-cases.sh"
write_queue_cases "$W"
for i in $(seq "$N"); do
  ip netns exec "scsim-w$i" $S worker --queue "$URL" -c 1 -q &
  PIDS+=($!)
done
sleep 3
echo "load before: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "scs100 through the namespaces, $N workers, $DELAY: $(secs $S experiment "$W/scs100.yaml" --out "$W/q" --queue "$URL" -q) s"
echo "scs100 local, $N threads: $(secs $S experiment "$W/scs100.yaml" --out "$W/l" --workers "$N" -q) s"
cmp "$W/q/analysis.json" "$W/l/analysis.json" && echo "analysis.json equal"
echo "ishigami 1000 through the namespaces: $(secs $S experiment "$W/ish.yaml" --out "$W/iq" --queue "$URL" -q) s"
echo "ishigami 1000 local, 1 thread: $(secs $S experiment "$W/ish.yaml" --out "$W/il" --workers 1 -q) s"
cmp "$W/iq/analysis.json" "$W/il/analysis.json" && echo "analysis.json equal"
$S queue status --queue "$URL"
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
