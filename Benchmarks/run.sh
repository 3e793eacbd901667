#!/usr/bin/env bash
# Runs edgeplan's benchmarks with package-benchmark, in release mode (see docs/performance.md).
#   Benchmarks/run.sh                      # every benchmark, text table
#   Benchmarks/run.sh --format markdown    # any option of `swift package benchmark run`
# The first run resolves and builds the benchmark package (the main package, Yams and the harness):
# several minutes on a 2-core machine.
set -euo pipefail
cd "$(dirname "$0")"
export PATH="/opt/swift/usr/bin:$PATH"

# package-benchmark reads malloc statistics through its malloc-interposer; nothing to install.
exec swift package --allow-writing-to-package-directory benchmark run --no-progress "$@"
