#!/usr/bin/env bash
# The browser tests drive the system Chromium with Playwright: Playwright's own
# browser download is not reachable here, Debian's chromium package is.
set -euo pipefail
# The briefing pack also needs the DejaVu Sans font (for its symbols and £).
if [ -x /usr/bin/chromium ] && [ -f /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf ]; then
  exit 0
fi
if [ "$(id -u)" -ne 0 ]; then
  SUDO=sudo
else
  SUDO=
fi
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq chromium chromium-driver fonts-dejavu-core >/dev/null
