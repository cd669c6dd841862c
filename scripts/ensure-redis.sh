#!/usr/bin/env bash
# Makes sure Debian's redis-server is installed for the queue tests
# (test/queue.cli.test.ts starts its own server on a free loopback port; no
# system service is used or needed). Idempotent: does nothing when it is
# already there.
set -euo pipefail
REDIS=/usr/bin/redis-server
if [ -x "$REDIS" ]; then
  exit 0
fi
if [ "$(id -u)" -ne 0 ]; then
  echo "ensure-redis: $REDIS is missing; install it as root: apt-get install -y redis-server" >&2
  exit 1
fi
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq redis-server >/dev/null
# The package starts a system service on port 6379; the tests do not use it.
"$REDIS" --version
