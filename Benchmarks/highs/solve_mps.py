#!/usr/bin/env python3
"""HiGHS (highspy from PyPI) on a program edgeplan wrote with --emit-model mps: a benchmark baseline.

    python solve_mps.py MODEL.mps [--time-limit SECONDS] [--gap RELATIVE]

edgeplan writes a maximisation as the minimisation of the negated objective (docs/model.md), so
the objective and bound printed here are negated back into edgeplan's terms. Prints one JSON object:
HiGHS's model status, the objective and bound it reached, and the seconds to read and to solve.
"""

import argparse
import json
import sys
import time

import highspy


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("model", help="free MPS written by edgeplan compile --emit-model mps")
    parser.add_argument("--time-limit", type=float, default=300, metavar="SECONDS")
    parser.add_argument("--gap", type=float, default=1e-4, help="relative MIP gap, as edgeplan's policies use")
    args = parser.parse_args()

    highs = highspy.Highs()
    highs.setOptionValue("output_flag", False)
    highs.setOptionValue("time_limit", args.time_limit)
    highs.setOptionValue("mip_rel_gap", args.gap)
    started = time.perf_counter()
    if highs.readModel(args.model) != highspy.HighsStatus.kOk:
        sys.exit(f"solve_mps.py: HiGHS could not read {args.model}")
    read_seconds = time.perf_counter() - started
    lap = time.perf_counter()
    highs.run()
    solve_seconds = time.perf_counter() - lap
    info = highs.getInfo()
    has_point = info.primal_solution_status == 2  # kSolutionStatusFeasible
    bound = info.mip_dual_bound
    finite_bound = abs(bound) < 1e30
    print(json.dumps({
        "version": highs.version(),
        "status": highs.modelStatusToString(highs.getModelStatus()),
        "objective": -info.objective_function_value if has_point else None,
        "bound": -bound if finite_bound else None,
        "seconds": {"read": round(read_seconds, 3), "solve": round(solve_seconds, 3),
                    "total": round(read_seconds + solve_seconds, 3)},
    }))


if __name__ == "__main__":
    main()
