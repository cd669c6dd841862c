# Sourced by bench/queue.sh and bench/netns-queue.sh: writes their two
# experiments into the directory $1 and defines `secs` (wall seconds of a
# command). The scenario units are financial-only at $SCS_AGENTS agents
# (default 1000) × $SCS_STEPS steps (default 120), no burn-in: 5 levels of
# deterrence × 20 replications; the trivial units are 1,000 ishigami points.
write_queue_cases() {
  cat > "$1/scs100.yaml" <<YAML
version: 1
name: queue benchmark
base:
  preset: financial-only
  overrides: {agents: ${SCS_AGENTS:-1000}, steps: ${SCS_STEPS:-120}, burnIn: 0}
factors:
  - path: mechanisms.financial.deterrence
    levels: [0, 0.25, 0.5, 0.75, 1]
design: {type: grid}
replications: 20
seed: 7
metrics:
  - metric: listed
YAML
  printf 'version: 1\nmodel: ishigami\ndesign: {type: sobol, n: 200, bootstrap: 100}\nseed: 5\n' > "$1/ish.yaml"
}
secs() { local t0 t1; t0=$(date +%s.%N); "$@" >/dev/null 2>&1; t1=$(date +%s.%N); echo "$t1 - $t0" | bc; }
