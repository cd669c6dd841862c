#!/usr/bin/env bash
# Makes sure Debian's Chromium is installed for the explorer's browser tests
# (Playwright drives it through playwright-core; nothing is downloaded by
# Playwright itself). Idempotent: does nothing when it is already there.
set -euo pipefail
CHROMIUM=/usr/lib/chromium/chromium
if [ -x "$CHROMIUM" ]; then
  exit 0
fi
if [ "$(id -u)" -ne 0 ]; then
  echo "ensure-chromium: $CHROMIUM is missing; install it as root: apt-get install -y chromium" >&2
  exit 1
fi
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq chromium >/dev/null
"$CHROMIUM" --version
