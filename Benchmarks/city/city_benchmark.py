#!/usr/bin/env python3
"""End-to-end city benchmark (issue 7): YAML in, plan out, on generated cities of 1,951 base
stations, with edgeplan's per-phase timings and peak memory, and the same program built and solved
by PuLP + CBC (Benchmarks/pulp/edgeplan_pulp.py) for comparison.

Prints one table; with --json PATH also writes every figure. Run through Benchmarks/city/run.sh,
which installs PuLP and builds edgeplan first.
"""

import argparse
import json
import os
import platform
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
PULP_SCRIPT = os.path.join(HERE, "..", "pulp", "edgeplan_pulp.py")

# edgeplan's --timings phases, in the terms.
PHASES = ["parse and validate", "candidates", "model build", "solve", "schedule", "write"]


def run_edgeplan(edgeplan, city_dir, plan_path):
    """Compiles one city; returns phase seconds, wall seconds, peak RSS and the solver line."""
    started = time.perf_counter()
    result = subprocess.run(
        [edgeplan, "compile", city_dir, "--timings", "--diagnostics", "json", "-o", plan_path],
        capture_output=True, text=True)
    wall_seconds = time.perf_counter() - started
    if result.returncode != 0:
        sys.exit(f"edgeplan compile {city_dir} failed ({result.returncode}):\n{result.stderr[-2000:]}")
    phases = {}
    peak_mb = None
    solver_line = ""
    for line in (result.stdout + "\n" + result.stderr).splitlines():
        if line.startswith("solver "):
            solver_line = line
        for phase in PHASES + ["total"]:
            if line.startswith(phase + " ") and line[len(phase):].strip().replace(".", "", 1).isdigit():
                phases[phase] = float(line[len(phase):].strip())
        if line.startswith("peak resident memory:"):
            peak_mb = float(line.split(":")[1].split()[0])
    with open(plan_path) as plan_file:
        plan = json.load(plan_file)
    return {"phases": phases, "wallSeconds": wall_seconds, "peakRSSMegabytes": peak_mb,
            "solverLine": solver_line, "solver": plan["solver"]}


def run_pulp(python, city_dir, time_limit):
    result = subprocess.run(
        [python, PULP_SCRIPT, city_dir, "--time-limit", str(time_limit)], capture_output=True, text=True)
    if result.returncode != 0:
        sys.exit(f"PuLP baseline on {city_dir} failed ({result.returncode}):\n{result.stderr[-2000:]}")
    return json.loads(result.stdout)


def machine_description():
    cpu = platform.processor() or "unknown CPU"
    try:
        with open("/proc/cpuinfo") as cpuinfo:
            for line in cpuinfo:
                if line.startswith("model name"):
                    cpu = line.split(":", 1)[1].strip()
                    break
    except OSError:
        pass
    memory_gb = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    return f"{cpu}, {os.cpu_count()} cores, {memory_gb:.0f} GiB"


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--edgeplan", required=True, help="edgeplan executable (release build)")
    parser.add_argument("--python", default=sys.executable, help="Python with PuLP installed")
    parser.add_argument("--users", default="100,1000,10000,50000", help="comma-separated user counts")
    parser.add_argument("--base-stations", type=int, default=1951)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--candidate-servers", type=int, default=16,
                        help="the policy's candidateServers (0: none, every server a candidate); 16, as in "
                             "docs/performance.md's table, was edgeplan generate's default until it took the option")
    parser.add_argument("--pulp-max-users", type=int, default=1000,
                        help="run PuLP + CBC up to this many users (it takes minutes beyond)")
    parser.add_argument("--pulp-time-limit", type=float, default=600)
    parser.add_argument("--json", help="also write every figure to this file")
    args = parser.parse_args()

    rows = []
    with tempfile.TemporaryDirectory(prefix="edgeplan-city-") as work:
        for users in [int(n) for n in args.users.split(",")]:
            city = os.path.join(work, f"city-{users}")
            subprocess.run(
                [args.edgeplan, "generate", "--base-stations", str(args.base_stations), "--users", str(users),
                 "--seed", str(args.seed), "-o", city]
                + (["--candidate-servers", str(args.candidate_servers)] if args.candidate_servers > 0 else []),
                check=True, capture_output=True)
            print(f"{users} users: edgeplan …", file=sys.stderr, flush=True)
            ours = run_edgeplan(args.edgeplan, city, os.path.join(work, f"plan-{users}.json"))
            row = {"users": users, "edgeplan": ours}
            if users <= args.pulp_max_users:
                print(f"{users} users: PuLP + CBC …", file=sys.stderr, flush=True)
                theirs = run_pulp(args.python, city, args.pulp_time_limit)
                row["pulp"] = theirs
                ours_objective = ours["solver"].get("objective")
                agree = (ours_objective is not None and theirs.get("objective") is not None
                         and abs(ours_objective - theirs["objective"])
                         <= 1e-4 * max(1.0, abs(ours_objective)))
                row["objectivesAgree"] = agree
            rows.append(row)

    print(f"edgeplan city benchmark: {args.base_stations} base stations, seed {args.seed}; "
          f"{machine_description()}; {time.strftime('%Y-%m-%d')}")
    header = ["users", "variables", "parse+validate", "candidates", "model build", "solve", "schedule",
              "write", "total", "peak RSS", "status", "gap",
              "PuLP build", "PuLP total", "build ×", "total ×", "objectives"]
    table = [header]
    failures = []
    for row in rows:
        ours = row["edgeplan"]
        phases = ours["phases"]
        solver = ours["solver"]
        line = [str(row["users"]), str(solver.get("variables", "?"))]
        line += [f"{phases.get(phase, float('nan')):.2f}" for phase in PHASES]
        line += [f"{phases.get('total', ours['wallSeconds']):.2f}", f"{ours['peakRSSMegabytes']:.0f} MB",
                 solver.get("status", "?"), f"{solver.get('gap', float('nan')):.1e}"]
        if "pulp" in row:
            pulp = row["pulp"]["seconds"]
            line += [f"{pulp['modelBuild']:.2f}", f"{pulp['total']:.2f}",
                     f"{pulp['modelBuild'] / max(phases['model build'], 1e-9):.0f}",
                     f"{pulp['total'] / max(phases['total'], 1e-9):.1f}",
                     "agree" if row["objectivesAgree"] else "DIFFER"]
            if not row["objectivesAgree"]:
                failures.append(row["users"])
        else:
            line += ["-"] * 5
        table.append(line)
    widths = [max(len(r[i]) for r in table) for i in range(len(header))]
    for r in table:
        print("  ".join(cell.rjust(width) for cell, width in zip(r, widths)))
    print("seconds per phase; × = PuLP's seconds / edgeplan's; peak RSS of the edgeplan process")
    if args.json:
        with open(args.json, "w") as out:
            json.dump({"machine": machine_description(), "date": time.strftime("%Y-%m-%d"), "rows": rows},
                      out, indent=2)
    if failures:
        sys.exit(f"objectives differ at {failures} users")


if __name__ == "__main__":
    main()
