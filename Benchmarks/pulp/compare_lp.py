#!/usr/bin/env python3
"""Checks that edgeplan_pulp.py builds THE SAME program as edgeplan.

    edgeplan compile DIR --emit-model lp edgeplan.lp
    python compare_lp.py DIR edgeplan.lp

Reads edgeplan's LP file (written by Sources/MILPFormats/LPWriter.swift: variables
`z#<user>#<bs>#<server>`, rows `assign#<user>`, `cap#<server>#<resource>`, `users#<bs>`) and the
PuLP model edgeplan_pulp.py builds from DIR (the PuLP objects themselves, not a file PuLP writes),
and compares: the set of variables, every objective coefficient, and every row's name, sense,
right-hand side and coefficients. Numbers must agree within --tolerance relative (default 1e-9);
the summary also counts how many agree bit for bit. Exit status 0 when the programs agree, 1 when
they do not.

edgeplan's LP writer leaves out objective terms whose coefficient is zero, so a variable missing
from its objective counts as a zero coefficient. edgeplan writes numbers in the shortest form that
reads back as the same double, so reading them loses nothing.
"""

from __future__ import annotations

import argparse
import math
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import edgeplan_pulp  # noqa: E402  (beside this file)
import pulp  # noqa: E402


class LPModel:
    def __init__(self):
        self.sense = ""
        self.objective: dict[str, float] = {}
        # name -> (sense "=", "<=" or ">=", rhs, {variable: coefficient})
        self.rows: dict[str, tuple[str, float, dict[str, float]]] = {}
        self.binaries: set[str] = set()
        self.other_variables: set[str] = set()


SECTIONS = {"maximize": "objective", "minimize": "objective", "subject to": "rows", "bounds": "bounds",
            "generals": "generals", "binaries": "binaries", "end": "end"}
RELATIONS = {"=", "<=", ">="}


def parse_terms(tokens: list[str], start: int) -> tuple[dict[str, float], int]:
    """`+ 1.5 x - 2 y …` from tokens[start] up to a relation or the end: ({name: coefficient}, next)."""
    terms: dict[str, float] = {}
    i = start
    while i < len(tokens) and tokens[i] not in RELATIONS:
        sign = 1.0
        if tokens[i] in ("+", "-"):
            sign = -1.0 if tokens[i] == "-" else 1.0
            i += 1
        coefficient = sign * float(tokens[i])
        name = tokens[i + 1]
        if name in terms:
            raise ValueError(f"variable {name} twice in one expression")
        terms[name] = coefficient
        i += 2
    return terms, i


def read_edgeplan_lp(path: str) -> LPModel:
    """The subset of CPLEX LP that edgeplan's LPWriter writes."""
    model = LPModel()
    section_lines: dict[str, list[str]] = {}
    section = None
    with open(path, encoding="utf-8") as handle:
        for line in handle:
            if line.startswith("\\"):
                continue  # comment
            keyword = line.strip().lower()
            if keyword in SECTIONS:
                section = SECTIONS[keyword]
                if section == "objective":
                    model.sense = keyword
                section_lines.setdefault(section, [])
                continue
            if section is None:
                raise ValueError(f"{path}: text before the first section: {line!r}")
            section_lines[section].append(line)

    objective_tokens = " ".join(section_lines.get("objective", [])).split()
    if objective_tokens and objective_tokens[0].endswith(":"):
        objective_tokens = objective_tokens[1:]
    model.objective, _ = parse_terms(objective_tokens, 0)

    row_tokens = " ".join(section_lines.get("rows", [])).split()
    i = 0
    while i < len(row_tokens):
        name = row_tokens[i]
        if not name.endswith(":"):
            raise ValueError(f"{path}: expected a row name, found {name!r}")
        terms, i = parse_terms(row_tokens, i + 1)
        relation, rhs = row_tokens[i], float(row_tokens[i + 1])
        model.rows[name[:-1]] = (relation, rhs, terms)
        i += 2

    for line in section_lines.get("binaries", []):
        model.binaries.update(line.split())
    for line in section_lines.get("generals", []) + section_lines.get("bounds", []):
        model.other_variables.update(token for token in line.split() if not _is_number_or_keyword(token))
    return model


def _is_number_or_keyword(token: str) -> bool:
    if token in ("<=", ">=", "=", "free", "-inf", "+inf", "inf"):
        return True
    try:
        float(token)
        return True
    except ValueError:
        return False


def pulp_program(directory: str):
    """The program edgeplan_pulp.py builds, in the same terms as LPModel (names as edgeplan writes them)."""
    problem = edgeplan_pulp.load_problem(directory)
    candidates = edgeplan_pulp.all_candidates(problem)
    prob, variables = edgeplan_pulp.build_model(problem, candidates)
    # PuLP rewrites some characters of names; map its variables back to the names edgeplan writes.
    names = {}
    for user_candidates, user_variables in zip(candidates, variables):
        for candidate, z in zip(user_candidates, user_variables):
            names[z.name] = candidate.name
    mine = LPModel()
    mine.sense = "maximize" if prob.sense == pulp.LpMaximize else "minimize"
    mine.binaries = set(names.values())
    mine.objective = {names[z.name]: coefficient for z, coefficient in prob.objective.items()}
    senses = {pulp.LpConstraintEQ: "=", pulp.LpConstraintLE: "<=", pulp.LpConstraintGE: ">="}
    for constraint in prob.constraints():
        # PuLP keeps `expr <= rhs` as `expr - rhs <= 0`: the right-hand side is −constant.
        mine.rows[constraint.name] = (senses[constraint.sense], -constraint.constant,
                                      {names[z.name]: coefficient for z, coefficient in constraint.items()})
    return mine


class Tally:
    """Worst relative difference and how many numbers agree exactly."""

    def __init__(self, tolerance: float):
        self.tolerance = tolerance
        self.count = 0
        self.exact = 0
        self.worst = 0.0
        self.worst_at = ""
        self.failures: list[str] = []

    def check(self, edgeplan: float, mine: float, where: str):
        self.count += 1
        if edgeplan == mine:
            self.exact += 1
            return
        scale = max(abs(edgeplan), abs(mine))
        relative = abs(edgeplan - mine) / scale if scale > 0 else 0.0
        if relative > self.worst:
            self.worst, self.worst_at = relative, where
        if relative > self.tolerance:
            self.failures.append(f"{where}: edgeplan {edgeplan!r}, PuLP {mine!r} (relative {relative:.3g})")

    def summary(self) -> str:
        worst = f", worst relative difference {self.worst:.3g} at {self.worst_at}" if self.worst else ""
        return f"{self.count} numbers, {self.exact} bit-identical{worst}"


def listing(names, limit: int = 10) -> str:
    names = sorted(names)
    more = f" … and {len(names) - limit} more" if len(names) > limit else ""
    return ", ".join(names[:limit]) + more


def compare(edgeplan: LPModel, mine: LPModel, tolerance: float) -> bool:
    ok = True
    print(f"edgeplan: {len(edgeplan.binaries)} binaries, {len(edgeplan.rows)} rows; "
          f"PuLP: {len(mine.binaries)} binaries, {len(mine.rows)} rows")
    if edgeplan.sense != mine.sense:
        print(f"MISMATCH sense: edgeplan {edgeplan.sense}, PuLP {mine.sense}")
        ok = False
    if edgeplan.other_variables:
        print(f"MISMATCH edgeplan has non-binary variables: {listing(edgeplan.other_variables)}")
        ok = False

    # Variables.
    only_edgeplan = edgeplan.binaries - mine.binaries
    only_mine = mine.binaries - edgeplan.binaries
    if only_edgeplan or only_mine:
        ok = False
        if only_edgeplan:
            print(f"MISMATCH {len(only_edgeplan)} variables only in edgeplan: {listing(only_edgeplan)}")
        if only_mine:
            print(f"MISMATCH {len(only_mine)} variables only in PuLP: {listing(only_mine)}")
    else:
        print(f"variables: the same {len(mine.binaries)}")

    # Objective: edgeplan leaves zero coefficients out.
    objective = Tally(tolerance)
    for name in sorted(edgeplan.binaries & mine.binaries):
        objective.check(edgeplan.objective.get(name, 0.0), mine.objective.get(name, 0.0), name)
    stray = set(edgeplan.objective) - edgeplan.binaries
    if stray:
        print(f"MISMATCH objective names undeclared variables: {listing(stray)}")
        ok = False
    print(f"objective: {objective.summary()}")
    for failure in objective.failures[:10]:
        print(f"MISMATCH objective {failure}")
    ok = ok and not objective.failures

    # Rows.
    only_edgeplan = set(edgeplan.rows) - set(mine.rows)
    only_mine = set(mine.rows) - set(edgeplan.rows)
    if only_edgeplan:
        print(f"MISMATCH {len(only_edgeplan)} rows only in edgeplan: {listing(only_edgeplan)}")
        ok = False
    if only_mine:
        print(f"MISMATCH {len(only_mine)} rows only in PuLP: {listing(only_mine)}")
        ok = False
    rhs = Tally(tolerance)
    coefficients = Tally(tolerance)
    structure: list[str] = []
    for name in sorted(set(edgeplan.rows) & set(mine.rows)):
        e_sense, e_rhs, e_terms = edgeplan.rows[name]
        m_sense, m_rhs, m_terms = mine.rows[name]
        if e_sense != m_sense:
            structure.append(f"{name}: sense edgeplan {e_sense}, PuLP {m_sense}")
        rhs.check(e_rhs, m_rhs, name)
        if set(e_terms) != set(m_terms):
            structure.append(f"{name}: variables differ (only edgeplan: {listing(set(e_terms) - set(m_terms), 3)}; "
                             f"only PuLP: {listing(set(m_terms) - set(e_terms), 3)})")
        for variable in set(e_terms) & set(m_terms):
            coefficients.check(e_terms[variable], m_terms[variable], f"{name} / {variable}")
    by_kind: dict[str, int] = {}
    for name in mine.rows:
        kind = name.split("#", 1)[0]
        by_kind[kind] = by_kind.get(kind, 0) + 1
    print(f"rows: {len(set(edgeplan.rows) & set(mine.rows))} in common "
          f"({', '.join(f'{count} {kind}' for kind, count in sorted(by_kind.items()))})")
    print(f"right-hand sides: {rhs.summary()}")
    print(f"row coefficients: {coefficients.summary()}")
    for line in structure[:10]:
        print(f"MISMATCH row {line}")
    for failure in (rhs.failures + coefficients.failures)[:10]:
        print(f"MISMATCH row {failure}")
    ok = ok and not structure and not rhs.failures and not coefficients.failures
    print("SAME PROGRAM" if ok else "DIFFERENT PROGRAMS")
    return ok


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("directory", help="the inputs (as for edgeplan_pulp.py)")
    parser.add_argument("lp_file", help="edgeplan's program: edgeplan compile DIR --emit-model lp FILE")
    parser.add_argument("--tolerance", type=float, default=1e-9, help="relative tolerance (default 1e-9)")
    args = parser.parse_args(argv)
    edgeplan = read_edgeplan_lp(args.lp_file)
    mine = pulp_program(args.directory)
    return 0 if compare(edgeplan, mine, args.tolerance) else 1


if __name__ == "__main__":
    sys.exit(main())
