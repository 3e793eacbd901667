#!/usr/bin/env python3
"""End-to-end city benchmark (issues 7 and 11): YAML in, plan out, on generated cities, with
edgeplan's per-phase timings, peak memory, status and the gap it proved against the whole program;
beside it, where they finish, the same program built and solved by PuLP + CBC
(Benchmarks/pulp/edgeplan_pulp.py) and solved by HiGHS from the MPS edgeplan writes
(Benchmarks/highs/solve_mps.py).

Scenarios are CELLSxUSERS@LOAD, LOAD the capacity as a share of mean demand (edgeplan generate
--capacity-load: 2 loose, 1 tight); a trailing + runs the baselines too. Every city has a hard
maxDelay of 1 s and no candidateServers: every server in reach is a candidate, the program is the
whole one. Prints one table; with --json PATH also writes every figure. Run through
Benchmarks/city/run.sh, which installs PuLP and highspy and builds edgeplan first.
"""

import argparse
import json
import os
import platform
import resource
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
PULP_SCRIPT = os.path.join(HERE, "..", "pulp", "edgeplan_pulp.py")

HIGHS_SCRIPT = os.path.join(HERE, "..", "highs", "solve_mps.py")

# edgeplan's --timings phases (pricing: the candidates phase builds what pricing needs, the next
# prices, solves the LPs and the integer programs).
PHASES = ["parse and validate", "candidates", "pricing and solve", "schedule", "write"]

DEFAULT_SCENARIOS = "1951x100@2+,1951x1000@2,1951x10000@2,1951x10000@1,1951x50000@2,1951x50000@1,199x1000@1+"


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


def limit_memory(gigabytes):
    """Caps a baseline's address space, so that one that outgrows the machine fails by itself."""
    def apply():
        cap = int(gigabytes * 2**30)
        resource.setrlimit(resource.RLIMIT_AS, (cap, cap))
    return apply


def run_baseline(command, memory_gb, timeout_s):
    """Runs a baseline printing JSON on its last line; None (with the reason) when it did not finish."""
    started = time.perf_counter()
    try:
        result = subprocess.run(command, capture_output=True, text=True, preexec_fn=limit_memory(memory_gb),
                                timeout=timeout_s)
    except subprocess.TimeoutExpired:
        return None, f"killed after {timeout_s:.0f} s"
    wall = time.perf_counter() - started
    lines = [line for line in result.stdout.splitlines() if line.startswith("{")]
    if result.returncode != 0 or not lines:
        tail = (result.stderr or result.stdout)[-300:].strip().replace("\n", " ")
        return None, f"failed ({result.returncode}) after {wall:.0f} s: {tail}"
    report = json.loads(lines[-1])
    report["wallSeconds"] = wall
    return report, None


def emit_mps(edgeplan, city_dir, path):
    started = time.perf_counter()
    subprocess.run([edgeplan, "compile", city_dir, "--emit-model", "mps", path, "--diagnostics", "json"],
                   check=False, capture_output=True)
    return time.perf_counter() - started


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


def parse_scenario(text):
    cells, rest = text.split("x")
    baselines = rest.endswith("+")
    users, load = rest.rstrip("+").split("@")
    return {"cells": int(cells), "users": int(users), "load": float(load), "baselines": baselines,
            "name": text.rstrip("+")}


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--edgeplan", required=True, help="edgeplan executable (release build)")
    parser.add_argument("--python", default=sys.executable, help="Python with PuLP and highspy installed")
    parser.add_argument("--scenarios", default=DEFAULT_SCENARIOS,
                        help="comma-separated CELLSxUSERS@LOAD, + for baselines (default: %(default)s)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--baseline-time-limit", type=float, default=300,
                        help="solver time limit of PuLP + CBC and HiGHS, seconds")
    parser.add_argument("--baseline-memory-gb", type=float, default=16,
                        help="address-space cap of each baseline process")
    parser.add_argument("--json", help="also write every figure to this file")
    args = parser.parse_args()

    rows = []
    with tempfile.TemporaryDirectory(prefix="edgeplan-city-") as work:
        for scenario in [parse_scenario(text) for text in args.scenarios.split(",")]:
            name = scenario["name"]
            city = os.path.join(work, f"city-{name}")
            subprocess.run(
                [args.edgeplan, "generate", "--base-stations", str(scenario["cells"]), "--users",
                 str(scenario["users"]), "--capacity-load", str(scenario["load"]), "--max-delay", "1 s",
                 "--seed", str(args.seed), "-o", city],
                check=True, capture_output=True)
            print(f"{name}: edgeplan …", file=sys.stderr, flush=True)
            ours = run_edgeplan(args.edgeplan, city, os.path.join(work, f"plan-{name}.json"))
            row = {"scenario": scenario, "edgeplan": ours}
            if scenario["baselines"]:
                timeout = args.baseline_time_limit * 3 + 600
                print(f"{name}: PuLP + CBC …", file=sys.stderr, flush=True)
                row["pulp"], row["pulpFailure"] = run_baseline(
                    [args.python, PULP_SCRIPT, city, "--time-limit", str(args.baseline_time_limit)],
                    args.baseline_memory_gb, timeout)
                print(f"{name}: HiGHS on the MPS …", file=sys.stderr, flush=True)
                mps = os.path.join(work, f"model-{name}.mps")
                row["emitSeconds"] = emit_mps(args.edgeplan, city, mps)
                row["mpsBytes"] = os.path.getsize(mps) if os.path.exists(mps) else None
                row["highs"], row["highsFailure"] = run_baseline(
                    [args.python, HIGHS_SCRIPT, mps, "--time-limit", str(args.baseline_time_limit)],
                    args.baseline_memory_gb, timeout)
                if os.path.exists(mps):
                    os.remove(mps)
            rows.append(row)

    print(f"edgeplan city benchmark: seed {args.seed}, hard maxDelay 1 s, no candidateServers; "
          f"{machine_description()}; {time.strftime('%Y-%m-%d')}")
    header = ["scenario", "columns", "parse", "candidates", "pricing+solve", "schedule", "write", "total",
              "peak RSS", "status", "gap", "PuLP+CBC", "×", "HiGHS", "×", "objectives"]
    table = [header]
    failures = []
    notes = []
    for row in rows:
        ours = row["edgeplan"]
        phases = ours["phases"]
        solver = ours["solver"]
        total = phases.get("total", ours["wallSeconds"])
        line = [row["scenario"]["name"], str(solver.get("variables", "?"))]
        line += [f"{phases.get(phase, float('nan')):.2f}" for phase in PHASES]
        gap = solver.get("gap")
        line += [f"{total:.2f}", f"{ours['peakRSSMegabytes']:.0f} MB", solver.get("status", "?"),
                 "-" if gap is None else f"{gap:.1e}"]
        verdicts = []
        for key, label in [("pulp", "PuLP + CBC"), ("highs", "HiGHS")]:
            if not row["scenario"]["baselines"]:
                line += ["-", "-"]
                continue
            report = row.get(key)
            if report is None:
                line += ["no", "-"]
                notes.append(f"{row['scenario']['name']}: {label} {row.get(key + 'Failure')}")
                continue
            seconds = report["seconds"]["total"]
            line += [f"{seconds:.1f}", f"{seconds / max(total, 1e-9):.0f}"]
            objective, ours_objective = report.get("objective"), solver.get("objective")
            if objective is None:
                verdicts.append(f"{label}: none")
                notes.append(f"{row['scenario']['name']}: {label} status {report.get('status')}, no point")
            elif ours_objective is not None and abs(objective - ours_objective) <= 1e-4 * max(1.0, abs(ours_objective)):
                verdicts.append("agree")
            elif ours_objective is not None and objective < ours_objective:
                verdicts.append(f"{label} worse")
                notes.append(f"{row['scenario']['name']}: {label} status {report.get('status')}, objective "
                             f"{objective:.6g} below edgeplan's {ours_objective:.6g}")
            else:
                verdicts.append("DIFFER")
                failures.append(row["scenario"]["name"])
        line.append(", ".join(verdicts) or "-")
        table.append(line)
    widths = [max(len(r[i]) for r in table) for i in range(len(header))]
    for r in table:
        print("  ".join(cell.rjust(width) for cell, width in zip(r, widths)))
    print("seconds; columns: the program edgeplan's solver was given (the whole program's are priced, not built); "
          "× = baseline seconds / edgeplan's total; peak RSS of the edgeplan process")
    for note in notes:
        print("  " + note)
    if args.json:
        with open(args.json, "w") as out:
            json.dump({"machine": machine_description(), "date": time.strftime("%Y-%m-%d"), "rows": rows},
                      out, indent=2)
    if failures:
        sys.exit(f"a baseline found a better objective than edgeplan's optimum in {failures}")


if __name__ == "__main__":
    main()
