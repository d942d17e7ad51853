#!/usr/bin/env bash
# What the tests need from the system (Debian/Ubuntu packages):
# - Chromium: the browser tests drive it with Playwright (Playwright's own browser
#   download is not reachable here, Debian's chromium package is);
# - DejaVu Sans: the briefing pack's symbols and £;
# - nginx: the replica test runs two dashboards behind deploy/nginx.conf.
set -euo pipefail
if [ -x /usr/bin/chromium ] && [ -f /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf ] && command -v nginx >/dev/null 2>&1; then
  exit 0
fi
if [ "$(id -u)" -ne 0 ]; then
  SUDO=sudo
else
  SUDO=
fi
$SUDO apt-get update -qq
# policy-rc.d exit 101: do not start the nginx service on port 80 (the test starts its
# own nginx); only when the machine has no policy of its own.
made_policy=
if [ ! -e /usr/sbin/policy-rc.d ]; then
  printf '#!/bin/sh\nexit 101\n' | $SUDO tee /usr/sbin/policy-rc.d >/dev/null
  $SUDO chmod +x /usr/sbin/policy-rc.d
  made_policy=1
fi
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq chromium chromium-driver fonts-dejavu-core nginx-light >/dev/null
if [ -n "$made_policy" ]; then $SUDO rm -f /usr/sbin/policy-rc.d; fi
