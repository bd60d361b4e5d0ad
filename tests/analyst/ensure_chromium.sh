#!/usr/bin/env bash
# Find or install headless Chromium and its WebDriver (Debian packages) for the Neo4j
# Browser screenshot test. A fresh machine (CI) has neither; installing takes 2-4 minutes
# and needs root, as the machines here run.
set -euo pipefail
if [[ -x /usr/bin/chromium && -x /usr/bin/chromedriver ]]; then
  exit 0
fi
if [[ "$(id -u)" != 0 ]]; then
  echo "chromium and chromium-driver are missing; install them (apt-get install chromium chromium-driver)" >&2
  exit 1
fi
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq chromium chromium-driver >/dev/null
test -x /usr/bin/chromium && test -x /usr/bin/chromedriver
