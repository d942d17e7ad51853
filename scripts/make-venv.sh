#!/usr/bin/env bash
# Create the project's virtual environment with a Python new enough for the dashboard.
# Usage: make-venv.sh SYSTEM_PYTHON VENV_DIR
set -euo pipefail
python="$1"
venv="$2"
if ! command -v "$python" >/dev/null 2>&1; then
  echo "Python 3.11 or newer is needed, and '$python' was not found." >&2
  echo "Install Python 3.11+ (python.org, or your system's packages), or run: make SYSTEM_PYTHON=/path/to/python3.11 ..." >&2
  exit 1
fi
if ! "$python" -c 'import sys; sys.exit(sys.version_info < (3, 11))'; then
  echo "Python 3.11 or newer is needed; $python is $("$python" --version 2>&1)." >&2
  echo "Run with a newer one: make SYSTEM_PYTHON=python3.12 run" >&2
  exit 1
fi
if ! "$python" -m venv "$venv" 2>/tmp/make-venv.err; then
  cat /tmp/make-venv.err >&2
  # Debian and Ubuntu ship venv's pip bootstrap separately.
  if command -v apt-get >/dev/null 2>&1; then
    version="$("$python" -c 'import sys; print(f"{sys.version_info[0]}.{sys.version_info[1]}")')"
    echo "Installing Debian's python${version}-venv (needs root or sudo)..." >&2
    SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO=sudo
    $SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "python${version}-venv" >/dev/null
    rm -rf "$venv"
    "$python" -m venv "$venv"
  else
    echo "Could not create a virtual environment with $python." >&2
    exit 1
  fi
fi
"$venv/bin/python" -m pip install --quiet --disable-pip-version-check --upgrade pip
echo "Created $venv with $("$venv/bin/python" --version)."
