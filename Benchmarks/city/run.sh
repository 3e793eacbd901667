#!/usr/bin/env bash
# End-to-end city benchmark (docs/performance.md): generates cities (1,951 base stations with 100 to
# 50,000 users, loose and tight, and a tight 199-cell city), compiles each with edgeplan (per-phase
# seconds, peak RSS, solver status and the gap against the whole program) and, where asked, runs
# the same program through PuLP + CBC and HiGHS (on the MPS edgeplan writes).
#   Benchmarks/city/run.sh                                         # the table of docs/performance.md
#   Benchmarks/city/run.sh --scenarios 37x100@2+,37x300@1 --json out.json   # any option of city_benchmark.py
# Installs what it needs: PuLP, PyYAML and highspy in Benchmarks/.venv (Benchmarks/pulp/setup.sh)
# and a release build of edgeplan.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
export PATH="/opt/swift/usr/bin:$PATH"

"$root/Benchmarks/pulp/setup.sh" >&2
(cd "$root" && swift build -c release --product edgeplan >&2)
exec "$root/Benchmarks/.venv/bin/python" "$here/city_benchmark.py" \
    --edgeplan "$root/.build/release/edgeplan" --python "$root/Benchmarks/.venv/bin/python" "$@"
