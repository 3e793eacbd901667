#!/usr/bin/env bash
# End-to-end city benchmark (docs/performance.md): generates cities of 1,951 base stations with
# 100, 1,000, 10,000 and 50,000 users, compiles each with edgeplan (per-phase seconds, peak RSS,
# solver status and gap) and compares with the same program built and solved by PuLP + CBC.
#   Benchmarks/city/run.sh                                  # the table
#   Benchmarks/city/run.sh --users 100,1000 --json out.json # any option of city_benchmark.py
#   Benchmarks/city/run.sh --pulp-max-users 10000           # PuLP at 10k users too (minutes, ~10 GB)
# Installs what it needs: PuLP and PyYAML in Benchmarks/.venv (Benchmarks/pulp/setup.sh) and a
# release build of edgeplan.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
export PATH="/opt/swift/usr/bin:$PATH"

"$root/Benchmarks/pulp/setup.sh" >&2
(cd "$root" && swift build -c release --product edgeplan >&2)
exec "$root/Benchmarks/.venv/bin/python" "$here/city_benchmark.py" \
    --edgeplan "$root/.build/release/edgeplan" --python "$root/Benchmarks/.venv/bin/python" "$@"
