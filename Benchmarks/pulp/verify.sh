#!/usr/bin/env bash
# Checks that the PuLP baseline builds and solves the same program as edgeplan, on generated cities:
# the program (compare_lp.py: variables, objective, rows) and the optimal objective (1e-6 relative).
#   Benchmarks/pulp/verify.sh [EDGEPLAN_BINARY]     (default: .build/release/edgeplan)
# Needs Benchmarks/pulp/setup.sh to have run. Exits non-zero on the first difference.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
edgeplan="${1:-$repo/.build/release/edgeplan}"
python="$repo/Benchmarks/.venv/bin/python"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

# name and `edgeplan generate` options of each city (candidateServers 16 keeps the 1951-cell
# program small enough for PuLP; the smaller cities are checked both with and without it)
cities=(
    "city37|--base-stations 37 --users 40 --seed 7"
    "city37-limited|--base-stations 37 --users 40 --seed 7 --candidate-servers 16"
    "city127|--base-stations 127 --users 300 --seed 2 --candidate-servers 16"
    "city1951|--users 100 --candidate-servers 16"
)
for entry in "${cities[@]}"; do
    name="${entry%%|*}"
    options="${entry#*|}"
    dir="$work/$name"
    echo "== $name: generate $options"
    # shellcheck disable=SC2086  # the options are words
    "$edgeplan" generate $options --apps "$repo/Models/ngo2020.yaml" -o "$dir" >/dev/null
    "$edgeplan" compile "$dir" --emit-model lp "$work/$name.lp" >"$work/$name.out" 2>/dev/null
    "$python" "$here/compare_lp.py" "$dir" "$work/$name.lp"
    edgeplan_objective="$(sed -n 's/^solver cbc: optimal, objective \([^ ]*\) s.*/\1/p' "$work/$name.out")"
    pulp_json="$("$python" "$here/edgeplan_pulp.py" "$dir")"
    "$python" - "$edgeplan_objective" "$pulp_json" <<'EOF'
import json, sys
edgeplan = float(sys.argv[1])
report = json.loads(sys.argv[2])
pulp = report["objective"]
relative = abs(edgeplan - pulp) / max(abs(edgeplan), abs(pulp), 1e-12)
verdict = "agree" if relative <= 1e-6 else "DISAGREE"
print(f"objective: edgeplan {edgeplan!r}, PuLP {pulp!r} ({report['solutionStatus']}), relative difference {relative:.3g}: {verdict}")
print(f"PuLP seconds: {report['seconds']}")
sys.exit(0 if relative <= 1e-6 else 1)
EOF
done
echo "all cities: same program, same optimum"
