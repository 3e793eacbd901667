#!/usr/bin/env bash
# Creates Benchmarks/.venv and installs the PuLP baseline's requirements into it. Safe to run again:
# an existing venv is reused and pip leaves satisfied requirements alone.
#   Benchmarks/pulp/setup.sh
#   Benchmarks/.venv/bin/python Benchmarks/pulp/edgeplan_pulp.py DIR
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
venv="$(dirname "$here")/.venv"

if [ ! -x "$venv/bin/python" ]; then
    # Debian splits venv (and ensurepip) into python3-venv; install it when we may.
    if ! python3 -c 'import venv, ensurepip' 2>/dev/null; then
        if [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null; then
            apt-get update -qq
            DEBIAN_FRONTEND=noninteractive apt-get install -y -qq python3-venv
        else
            echo "setup.sh: python3's venv module is missing; install python3-venv (as root: apt-get install python3-venv)" >&2
            exit 1
        fi
    fi
    rm -rf "$venv"  # a half-made venv from an interrupted run
    python3 -m venv "$venv"
fi
"$venv/bin/python" -m pip install --quiet --disable-pip-version-check -r "$here/requirements.txt"
echo "PuLP baseline ready: $venv/bin/python $here/edgeplan_pulp.py DIR"
