#!/usr/bin/env python3
"""An independent PuLP re-implementation of edgeplan's program builder: a benchmark baseline.

    python edgeplan_pulp.py DIR [--time-limit SECONDS] [--no-solve] [--write-lp PATH]

DIR holds the YAML files `edgeplan generate` writes (topology.yaml, apps.yaml, policy.yaml,
workload.yaml). The script computes every user's candidates the way edgeplan does (SPEC §1-3 and
Sources/Planner), builds the integer program of SPEC §2 with PuLP the ordinary way (one LpVariable
per candidate, lpSum for the objective and every row), solves it with the CBC binary bundled with
PuLP, and prints one JSON object with the outcome and the time and memory of each phase.

It reads only the subset of the input language that `edgeplan generate` emits, plus the plain
extensions that cost nothing to get right (radio overrides, maxUsers, used, the RSSI rules, the
candidateServers limit). Anything else (trajectories, traces, measured RSSI, soft SLAs, geographic
coordinates, strategies other than delta-checkpoint, baseline planners) stops it with a message
saying so, rather than building a different program.

Bit-for-bit agreement with edgeplan matters (compare_lp.py checks it), so arithmetic follows
edgeplan's order of operations and library calls; comments say where that is why.
"""

from __future__ import annotations

import argparse
import ctypes
import ctypes.util
import decimal
import heapq
import json
import math
import os
import re
import resource
import sys
import tempfile
import threading
import time
import warnings
from dataclasses import dataclass, field

import pulp
import yaml


class InputError(Exception):
    """The inputs are wrong, or use a feature this baseline does not implement."""


# --------------------------------------------------------------------------------------------
# Quantities (Sources/Frontend/QuantityKind.swift, UnitParser.swift)
# --------------------------------------------------------------------------------------------

# Factors to the base unit (seconds, bytes, bits per second, metres, dBm, dB, hertz, per second,
# fraction, fraction per second, seconds per byte, cores). edgeplan multiplies the number by the
# factor (never divides by 1000 and the like), so the same factors give the same doubles.
TIME_UNITS = {"us": 1e-6, "ms": 1e-3, "s": 1.0, "min": 60.0, "h": 3600.0}
SIZE_UNITS = {
    "B": 1.0, "KB": 1e3, "MB": 1e6, "GB": 1e9, "TB": 1e12,
    "KiB": 1024.0, "MiB": 1048576.0, "GiB": 1073741824.0, "TiB": 1099511627776.0,
    "b": 0.125, "Kb": 125.0, "Mb": 125000.0, "Gb": 125000000.0,
}
COST_TIME_UNITS = {"us": 1e-6, "ms": 1e-3, "s": 1.0}
UNITS = {
    "time": TIME_UNITS,
    "size": SIZE_UNITS,
    "bandwidth": {"bps": 1.0, "Kbps": 1e3, "Mbps": 1e6, "Gbps": 1e9},
    "distance": {"m": 1.0, "km": 1000.0},
    "speed": {"m/s": 1.0, "km/h": 1000.0 / 3600.0},
    "power": {"dBm": 1.0},
    "gain": {"dB": 1.0},
    "frequency": {"Hz": 1.0, "kHz": 1e3, "MHz": 1e6, "GHz": 1e9},
    "rate": {"/s": 1.0, "/min": 1.0 / 60},
    "ratio": {"%": 0.01},
    "ratioPerTime": {"%/s": 0.01, "%/min": 0.01 / 60},
    # "0.1 s/GB" is 0.1 × (1 / 1e9) seconds per byte: the factor is computed first, as edgeplan does.
    "timePerSize": {
        f"{t}/{s}": t_factor / s_factor
        for t, t_factor in COST_TIME_UNITS.items()
        for s, s_factor in SIZE_UNITS.items()
    },
    "cpu": {"m": 1e-3},
}
# Kinds where a bare number is a value (cores; a ratio in [0, 1]).
BARE_NUMBER_KINDS = {"cpu", "ratio"}
NANOSECONDS_PER_TIME_UNIT = {
    "us": decimal.Decimal(1_000), "ms": decimal.Decimal(1_000_000), "s": decimal.Decimal(1_000_000_000),
    "min": decimal.Decimal(60_000_000_000), "h": decimal.Decimal(3_600_000_000_000),
}

# A leading decimal number: sign, digits with an optional fraction, an optional exponent.
NUMBER = re.compile(r"[+-]?(?:[0-9]+\.?[0-9]*|\.[0-9]+)(?:[eE][+-]?[0-9]+)?")


def split_number(text: str, what: str) -> tuple[str, str]:
    """Splits "12.5 ms" into ("12.5", "ms")."""
    text = text.strip(" \t")
    match = NUMBER.match(text)
    if match is None:
        raise InputError(f"{what}: expected a number, found {text!r}")
    return match.group(0), text[match.end():].strip(" \t")


def scalar_text(value, what: str) -> str:
    if not isinstance(value, str):
        raise InputError(f"{what}: expected a scalar, found {type(value).__name__}")
    return value


def parse_quantity(value, kind: str, what: str) -> float:
    """A dimensioned scalar such as "500 ms" in its base unit."""
    number_text, unit = split_number(scalar_text(value, what), what)
    number = float(number_text)
    if not math.isfinite(number):
        raise InputError(f"{what}: {value!r} is not a finite number")
    if unit == "":
        if kind not in BARE_NUMBER_KINDS:
            raise InputError(f"{what}: {value!r} needs a unit ({', '.join(UNITS[kind])})")
        if kind == "ratio" and not 0 <= number <= 1:
            raise InputError(f"{what}: a ratio written as a bare number must lie in [0, 1], found {value!r}")
        return number
    factor = UNITS[kind].get(unit)
    if factor is None:
        raise InputError(f"{what}: unknown unit {unit!r} in {value!r} for a {kind}")
    return number * factor


def parse_time_ns(value, what: str) -> int:
    """A time in whole nanoseconds, computed in decimal ("0.1 ms" is exactly 100000 ns) and rounded
    half away from zero, as edgeplan keeps link RTTs (SPEC §1: ties are compared exactly)."""
    number_text, unit = split_number(scalar_text(value, what), what)
    if unit not in NANOSECONDS_PER_TIME_UNIT:
        raise InputError(f"{what}: expected a time such as \"1 ms\", found {value!r}")
    nanoseconds = decimal.Decimal(number_text) * NANOSECONDS_PER_TIME_UNIT[unit]
    return int(nanoseconds.to_integral_value(rounding=decimal.ROUND_HALF_UP))


def parse_number(value, what: str) -> float:
    """A bare number (coordinates, compute, exponent, weights)."""
    number_text, rest = split_number(scalar_text(value, what), what)
    number = float(number_text)
    if rest != "" or not math.isfinite(number):
        raise InputError(f"{what}: expected a bare finite number, found {value!r}")
    return number


def parse_integer(value, what: str) -> int:
    text = scalar_text(value, what).strip(" \t")
    if not re.fullmatch(r"[+-]?[0-9]+", text):
        raise InputError(f"{what}: expected a whole number, found {value!r}")
    return int(text)


def parse_point(value, what: str) -> tuple[float, float]:
    if not isinstance(value, list) or len(value) != 2:
        raise InputError(f"{what}: expected [x, y] in metres")
    return parse_number(value[0], what), parse_number(value[1], what)


# --------------------------------------------------------------------------------------------
# The documents (SPEC §1), as far as this baseline reads them
# --------------------------------------------------------------------------------------------

RESOURCES = ("cpu", "memory", "storage", "netio")  # the order of edgeplan's rows
RESOURCE_KINDS = {"cpu": "cpu", "memory": "size", "storage": "size", "netio": "bandwidth"}
# The units of the capacity rows (Sources/Planner/LoweredModel.swift, ResourceKind.modelUnit):
# cores, GB, GB and Mbps, so that every coefficient is near 1.
MODEL_UNIT = {"cpu": 1.0, "memory": 1e9, "storage": 1e9, "netio": 1e6}
DEFAULT_PEAK_RATE_BPS = {"wifi": 300e6, "4g": 150e6, "5g": 1e9, "other": 100e6}
TIERS = ("edge", "regional", "cloud")
STRATEGIES = ("delta-checkpoint", "precopy", "layered", "sfp", "fccp", "fullsp")


@dataclass
class Radio:
    reference_loss_db: float = 40.0
    reference_distance_m: float = 1.0
    exponent: float = 3.0
    noise_dbm: float = -95.0
    channel_width_hz: float = 20e6


@dataclass
class BaseStation:
    id: str
    index: int
    x_m: float
    y_m: float
    tx_power_dbm: float
    peak_rate_bps: float
    max_users: int | None
    handover_s: float
    radio: Radio


@dataclass
class Server:
    id: str
    index: int
    tier: str
    compute: float
    capacity: dict[str, float]  # cores, bytes, bytes, bits per second
    used: dict[str, float]
    checkpoint_s_per_byte: float
    restore_s_per_byte: float


@dataclass
class App:
    name: str
    image_bytes: float
    checkpoint_full_bytes: float
    checkpoint_delta_bytes: float
    resources: dict[str, float]
    task_size_bytes: float
    task_rate_per_s: float
    processing_s: float
    strategy: str


@dataclass
class SLA:
    app: str
    max_delay_s: float
    max_downtime_s: float


@dataclass
class Policy:
    coordination: str = "coordinated"
    horizon_s: float = 5.0
    gain_window_s: float | None = None  # None: the horizon
    rssi_min_dbm: float = -85.0
    rssi_rule: str = "either"
    gain_weight: float = 1.0
    downtime_weight: float = 1.0
    sla: list[SLA] = field(default_factory=lambda: [SLA("*", 0.3, 5.0)])
    time_limit_s: float = 30.0
    relative_gap: float = 1e-4
    strategies: dict[str, str] = field(default_factory=dict)  # app or "*" -> strategy
    candidate_servers: int | None = None


@dataclass
class User:
    id: str
    app: App
    bs: BaseStation
    server: Server
    x_m: float
    y_m: float
    vx_m_per_s: float
    vy_m_per_s: float


@dataclass
class Link:
    a: int  # node indices: base stations first, then servers
    b: int
    bandwidth_bps: float
    rtt_ns: int


@dataclass
class Problem:
    base_stations: list[BaseStation]
    servers: list[Server]
    links: list[Link]
    apps: dict[str, App]
    policy: Policy
    users: list[User]


def check_fields(mapping, context: str, allowed: set[str], unsupported: set[str] = frozenset()) -> dict:
    """The mapping, after refusing fields this baseline does not implement and unknown ones."""
    if not isinstance(mapping, dict):
        raise InputError(f"{context}: expected a mapping")
    for key in mapping:
        if key in unsupported:
            raise InputError(f"{context}: field {key!r} is not supported by this baseline (edgeplan only)")
        if key not in allowed:
            raise InputError(f"{context}: unknown field {key!r}")
    return mapping


def required(mapping: dict, key: str, context: str):
    if key not in mapping:
        raise InputError(f"{context}: missing field {key!r}")
    return mapping[key]


def read_radio(mapping, base: Radio, context: str) -> Radio:
    check_fields(mapping, context, {"pathLoss", "noise", "channelWidth"})
    radio = Radio(**vars(base))  # field by field over the defaults
    if "pathLoss" in mapping:
        path_loss = check_fields(mapping["pathLoss"], f"{context} pathLoss",
                                 {"referenceLoss", "referenceDistance", "exponent"})
        if "referenceLoss" in path_loss:
            radio.reference_loss_db = parse_quantity(path_loss["referenceLoss"], "gain", f"{context} referenceLoss")
        if "referenceDistance" in path_loss:
            radio.reference_distance_m = parse_quantity(
                path_loss["referenceDistance"], "distance", f"{context} referenceDistance")
        if "exponent" in path_loss:
            radio.exponent = parse_number(path_loss["exponent"], f"{context} exponent")
    if "noise" in mapping:
        radio.noise_dbm = parse_quantity(mapping["noise"], "power", f"{context} noise")
    if "channelWidth" in mapping:
        radio.channel_width_hz = parse_quantity(mapping["channelWidth"], "frequency", f"{context} channelWidth")
    return radio


def read_resources(mapping, context: str, require_all: bool) -> dict[str, float]:
    check_fields(mapping, context, set(RESOURCES))
    amounts = {}
    for name in RESOURCES:
        if name in mapping:
            amounts[name] = parse_quantity(mapping[name], RESOURCE_KINDS[name], f"{context} {name}")
        elif require_all:
            raise InputError(f"{context}: missing field {name!r}")
        else:
            amounts[name] = 0.0
    return amounts


def read_topology(doc: dict):
    check_fields(doc, "Topology", {"kind", "name", "coordinates", "radio", "baseStations", "servers", "links"})
    if doc.get("coordinates", "plane") != "plane":
        raise InputError("Topology: geographic coordinates are not supported by this baseline")
    default_radio = read_radio(doc["radio"], Radio(), "topology radio") if "radio" in doc else Radio()
    ids: dict[str, int] = {}  # base stations and servers share one namespace: id -> node index

    base_stations = []
    for entry in required(doc, "baseStations", "Topology"):
        bs_id = scalar_text(required(entry, "id", "base station"), "base station id")
        context = f"base station {bs_id!r}"
        check_fields(entry, context, {"id", "position", "technology", "txPower", "peakRate", "maxUsers",
                                      "handoverTime", "radio"})
        if bs_id in ids:
            raise InputError(f"duplicate id {bs_id!r}")
        technology = entry.get("technology", "other")
        if technology not in DEFAULT_PEAK_RATE_BPS:
            raise InputError(f"{context}: unknown technology {technology!r}")
        x_m, y_m = parse_point(required(entry, "position", context), f"{context} position")
        station = BaseStation(
            id=bs_id, index=len(base_stations), x_m=x_m, y_m=y_m,
            tx_power_dbm=parse_quantity(required(entry, "txPower", context), "power", f"{context} txPower"),
            peak_rate_bps=(parse_quantity(entry["peakRate"], "bandwidth", f"{context} peakRate")
                           if "peakRate" in entry else DEFAULT_PEAK_RATE_BPS[technology]),
            max_users=parse_integer(entry["maxUsers"], f"{context} maxUsers") if "maxUsers" in entry else None,
            handover_s=(parse_quantity(entry["handoverTime"], "time", f"{context} handoverTime")
                        if "handoverTime" in entry else 0.5),
            radio=read_radio(entry["radio"], default_radio, f"{context} radio") if "radio" in entry else default_radio,
        )
        ids[bs_id] = station.index
        base_stations.append(station)

    servers = []
    for entry in required(doc, "servers", "Topology"):
        server_id = scalar_text(required(entry, "id", "server"), "server id")
        context = f"server {server_id!r}"
        check_fields(entry, context, {"id", "tier", "compute", "capacity", "used", "checkpointCost", "restoreCost",
                                      "cachedApps"})
        if server_id in ids:
            raise InputError(f"duplicate id {server_id!r}")
        tier = required(entry, "tier", context)
        if tier not in TIERS:
            raise InputError(f"{context}: unknown tier {tier!r}")
        server = Server(
            id=server_id, index=len(servers), tier=tier,
            compute=parse_number(entry["compute"], f"{context} compute") if "compute" in entry else 1.0,
            capacity=read_resources(required(entry, "capacity", context), f"{context} capacity", require_all=True),
            used=(read_resources(entry["used"], f"{context} used", require_all=False)
                  if "used" in entry else dict.fromkeys(RESOURCES, 0.0)),
            # Default 1 s/GB, which edgeplan writes as 1e-9 seconds per byte.
            checkpoint_s_per_byte=(parse_quantity(entry["checkpointCost"], "timePerSize", f"{context} checkpointCost")
                                   if "checkpointCost" in entry else 1e-9),
            restore_s_per_byte=(parse_quantity(entry["restoreCost"], "timePerSize", f"{context} restoreCost")
                                if "restoreCost" in entry else 1e-9),
        )
        # cachedApps matter only to the precopy and layered strategies, which this baseline refuses.
        ids[server_id] = len(base_stations) + server.index
        servers.append(server)

    links = []
    for entry in doc.get("links") or []:
        check_fields(entry, "link", {"between", "bandwidth", "rtt"})
        ends = required(entry, "between", "link")
        if not isinstance(ends, list) or len(ends) != 2:
            raise InputError(f"link: \"between\" must name exactly two nodes, found {ends!r}")
        for end in ends:
            if end not in ids:
                raise InputError(f"link names unknown node {end!r}")
        if ends[0] == ends[1]:
            raise InputError(f"link from {ends[0]!r} to itself")
        rtt_ns = parse_time_ns(required(entry, "rtt", "link"), f"link {ends} rtt")
        if rtt_ns < 0:
            raise InputError(f"link {ends}: rtt must not be negative")
        links.append(Link(a=ids[ends[0]], b=ids[ends[1]],
                          bandwidth_bps=parse_quantity(required(entry, "bandwidth", "link"), "bandwidth",
                                                       f"link {ends} bandwidth"),
                          rtt_ns=rtt_ns))
    return base_stations, servers, links


def read_app(doc: dict) -> App:
    name = scalar_text(required(doc, "name", "AppProfile"), "AppProfile name")
    context = f"app {name!r}"
    # memory, dirtyRate, precopyThreshold, layers and relocation serve the other strategies only; an
    # app whose strategy needs them is refused when it is used (see migration_seconds).
    check_fields(doc, context, {"kind", "name", "image", "checkpoint", "state", "resources", "task", "strategy",
                                "memory", "dirtyRate", "precopyThreshold", "layers", "relocation"})
    checkpoint = check_fields(required(doc, "checkpoint", context), f"{context} checkpoint", {"full", "delta"})
    task = check_fields(required(doc, "task", context), f"{context} task", {"size", "rate", "processing"})
    strategy = doc.get("strategy", "delta-checkpoint")
    if strategy not in STRATEGIES:
        raise InputError(f"{context}: unknown strategy {strategy!r}")
    if required(doc, "state", context) not in ("none", "user", "application"):
        raise InputError(f"{context}: unknown state {doc['state']!r}")
    return App(
        name=name,
        image_bytes=parse_quantity(required(doc, "image", context), "size", f"{context} image"),
        checkpoint_full_bytes=parse_quantity(required(checkpoint, "full", context), "size", f"{context} full"),
        checkpoint_delta_bytes=parse_quantity(required(checkpoint, "delta", context), "size", f"{context} delta"),
        resources=read_resources(required(doc, "resources", context), f"{context} resources", require_all=True),
        task_size_bytes=parse_quantity(required(task, "size", context), "size", f"{context} task size"),
        task_rate_per_s=parse_quantity(required(task, "rate", context), "rate", f"{context} task rate"),
        processing_s=parse_quantity(required(task, "processing", context), "time", f"{context} processing"),
        strategy=strategy,
    )


def read_policy(doc: dict) -> Policy:
    check_fields(doc, "Policy", {"kind", "name", "planner", "coordination", "horizon", "gainWindow", "rssiMin",
                                 "rssiRule", "hysteresis", "margin", "objective", "sla", "solver", "strategies",
                                 "candidateServers"})
    policy = Policy()
    if doc.get("planner", "orchestrated") != "orchestrated":
        raise InputError(f"Policy: planner {doc['planner']!r} is not supported by this baseline (orchestrated only)")
    policy.coordination = doc.get("coordination", policy.coordination)
    if policy.coordination not in ("coordinated", "sequential"):
        raise InputError(f"Policy: unknown coordination {policy.coordination!r}")
    if "horizon" in doc:
        policy.horizon_s = parse_quantity(doc["horizon"], "time", "Policy horizon")
    policy.gain_window_s = (parse_quantity(doc["gainWindow"], "time", "Policy gainWindow")
                            if "gainWindow" in doc else policy.horizon_s)
    if "rssiMin" in doc:
        policy.rssi_min_dbm = parse_quantity(doc["rssiMin"], "power", "Policy rssiMin")
    policy.rssi_rule = doc.get("rssiRule", policy.rssi_rule)
    if policy.rssi_rule not in ("either", "both", "predicted"):
        raise InputError(f"Policy: unknown rssiRule {policy.rssi_rule!r}")
    # hysteresis and margin time the triggers (SPEC §4); they do not enter the program.
    if "objective" in doc:
        weights = check_fields(doc["objective"], "Policy objective", {"gainWeight", "downtimeWeight"})
        if "gainWeight" in weights:
            policy.gain_weight = parse_number(weights["gainWeight"], "Policy gainWeight")
        if "downtimeWeight" in weights:
            policy.downtime_weight = parse_number(weights["downtimeWeight"], "Policy downtimeWeight")
    if "sla" in doc:
        policy.sla = []
        for entry in doc["sla"]:
            check_fields(entry, "sla entry", {"app", "maxDelay", "maxDowntime", "enforcement", "penalty"})
            if entry.get("enforcement", "hard") != "hard":
                raise InputError("Policy: soft SLAs are not supported by this baseline (hard only)")
            policy.sla.append(SLA(
                app=scalar_text(required(entry, "app", "sla entry"), "sla app"),
                max_delay_s=(parse_quantity(entry["maxDelay"], "time", "sla maxDelay")
                             if "maxDelay" in entry else 0.3),
                max_downtime_s=(parse_quantity(entry["maxDowntime"], "time", "sla maxDowntime")
                                if "maxDowntime" in entry else 5.0),
            ))
    if "solver" in doc:
        solver = check_fields(doc["solver"], "Policy solver", {"backend", "timeLimit", "relativeGap", "threads"})
        if "timeLimit" in solver:
            policy.time_limit_s = parse_quantity(solver["timeLimit"], "time", "Policy solver timeLimit")
        if "relativeGap" in solver:
            policy.relative_gap = parse_quantity(solver["relativeGap"], "ratio", "Policy solver relativeGap")
    for entry in doc.get("strategies") or []:
        check_fields(entry, "strategies entry", {"app", "strategy"})
        policy.strategies[required(entry, "app", "strategies entry")] = required(entry, "strategy", "strategies entry")
    if "candidateServers" in doc:
        policy.candidate_servers = parse_integer(doc["candidateServers"], "Policy candidateServers")
        if policy.candidate_servers < 1:
            raise InputError("Policy: candidateServers must be at least 1")
    return policy


def read_users(doc: dict, apps: dict[str, App], base_stations: list[BaseStation], servers: list[Server]):
    check_fields(doc, "Workload", {"kind", "name", "epoch", "users"}, unsupported={"traces"})
    stations_by_id = {bs.id: bs for bs in base_stations}
    servers_by_id = {server.id: server for server in servers}
    users = []
    seen = set()
    for entry in doc.get("users") or []:
        user_id = scalar_text(required(entry, "id", "user"), "user id")
        context = f"user {user_id!r}"
        check_fields(entry, context, {"id", "app", "attachment", "position", "velocity"},
                     unsupported={"trajectory", "rssi"})
        if user_id in seen:
            raise InputError(f"duplicate user id {user_id!r}")
        seen.add(user_id)
        app = apps.get(required(entry, "app", context))
        if app is None:
            raise InputError(f"{context}: unknown app {entry['app']!r}")
        attachment = check_fields(required(entry, "attachment", context), f"{context} attachment", {"bs", "server"})
        bs = stations_by_id.get(required(attachment, "bs", context))
        server = servers_by_id.get(required(attachment, "server", context))
        if bs is None or server is None:
            raise InputError(f"{context}: attachment names an unknown base station or server")
        x_m, y_m = parse_point(required(entry, "position", context), f"{context} position")
        vx, vy = parse_point(entry["velocity"], f"{context} velocity") if "velocity" in entry else (0.0, 0.0)
        users.append(User(id=user_id, app=app, bs=bs, server=server, x_m=x_m, y_m=y_m,
                          vx_m_per_s=vx, vy_m_per_s=vy))
    return users


def load_problem(directory: str) -> Problem:
    """Every *.yaml / *.yml in the directory, one problem (SPEC §1)."""
    names = sorted(n for n in os.listdir(directory) if n.endswith((".yaml", ".yml")))
    if not names:
        raise InputError(f"no *.yaml files in {directory}")
    # BaseLoader keeps every scalar as its text: numbers are then read exactly as edgeplan reads them
    # (and "1e3" or "0x10" mean what edgeplan says, not what YAML 1.1's resolver says).
    loader = getattr(yaml, "CBaseLoader", yaml.BaseLoader)
    by_kind: dict[str, list[dict]] = {"Topology": [], "AppProfile": [], "Policy": [], "Workload": []}
    for name in names:
        with open(os.path.join(directory, name), encoding="utf-8") as handle:
            for doc in yaml.load_all(handle, Loader=loader):
                if doc is None:
                    continue
                kind = doc.get("kind") if isinstance(doc, dict) else None
                if kind not in by_kind:
                    raise InputError(f"{name}: unknown document kind {kind!r}")
                by_kind[kind].append(doc)
    for kind in ("Topology", "Workload"):
        if len(by_kind[kind]) != 1:
            raise InputError(f"expected exactly one {kind}, found {len(by_kind[kind])}")
    if len(by_kind["Policy"]) > 1:
        raise InputError(f"expected at most one Policy, found {len(by_kind['Policy'])}")
    base_stations, servers, links = read_topology(by_kind["Topology"][0])
    apps: dict[str, App] = {}
    for doc in by_kind["AppProfile"]:
        app = read_app(doc)
        if app.name in apps:
            raise InputError(f"duplicate AppProfile {app.name!r}")
        apps[app.name] = app
    # Without a Policy document edgeplan applies its built-in default, which Policy() is.
    policy = read_policy(by_kind["Policy"][0]) if by_kind["Policy"] else Policy(gain_window_s=5.0)
    users = read_users(by_kind["Workload"][0], apps, base_stations, servers)
    return Problem(base_stations, servers, links, apps, policy, users)


# --------------------------------------------------------------------------------------------
# Radio (Sources/EdgeModel/Radio.swift, Coverage.swift)
# --------------------------------------------------------------------------------------------

# edgeplan measures distances with the C library's hypot. Python's math.hypot is its own
# implementation and differs from glibc's in the last bit for about one pair in 200; that moves an
# RSSI by 1e-15 dB, which is harmless but makes coefficients differ in the 16th digit. Calling the
# same libm keeps the two programs identical bit for bit (compare_lp.py checks that).
try:
    _libm = ctypes.CDLL("libm.so.6")  # glibc; find_library would spawn ldconfig to learn this name
except OSError:
    _libm = ctypes.CDLL(ctypes.util.find_library("m"))
_libm.hypot.restype = ctypes.c_double
_libm.hypot.argtypes = (ctypes.c_double, ctypes.c_double)
libm_hypot = _libm.hypot


def distance_m(bs: BaseStation, x_m: float, y_m: float) -> float:
    return libm_hypot(bs.x_m - x_m, bs.y_m - y_m)


def rssi_dbm(bs: BaseStation, x_m: float, y_m: float) -> float:
    """SPEC §2: txPower − PL0 − 10·n·log10(max(d, d0)/d0)."""
    radio = bs.radio
    d_m = max(distance_m(bs, x_m, y_m), radio.reference_distance_m)
    loss_db = radio.reference_loss_db + 10 * radio.exponent * math.log10(d_m / radio.reference_distance_m)
    return bs.tx_power_dbm - loss_db


def wireless_rate_bps(bs: BaseStation, rssi: float) -> float:
    """SPEC §2: min(peakRate, W·log2(1 + SNR))."""
    snr = math.pow(10, (rssi - bs.radio.noise_dbm) / 10)
    return min(bs.peak_rate_bps, bs.radio.channel_width_hz * math.log2(1 + snr))


def coverage_radius_m(bs: BaseStation, rssi_min_dbm: float) -> float:
    """The farthest distance at which the station still reaches rssi_min (-1 when nowhere)."""
    radio = bs.radio
    budget_db = bs.tx_power_dbm - radio.reference_loss_db - rssi_min_dbm
    if budget_db < 0:
        return -1.0
    return radio.reference_distance_m * math.pow(10, budget_db / (10 * radio.exponent))


def rule_keeps(rule: str, now_dbm: float, predicted_dbm: float, minimum_dbm: float) -> bool:
    """The RSSI rule of constraint (3d), SPEC §2."""
    if rule == "either":
        return min(now_dbm, predicted_dbm) >= minimum_dbm
    if rule == "both":
        return max(now_dbm, predicted_dbm) >= minimum_dbm
    return predicted_dbm >= minimum_dbm


# --------------------------------------------------------------------------------------------
# Wired paths (Sources/EdgeModel/WiredGraph.swift)
# --------------------------------------------------------------------------------------------

class WiredGraph:
    """Best paths: least total RTT (exact integer nanoseconds), ties to the larger bottleneck."""

    def __init__(self, node_count: int, links: list[Link], server_nodes: list[int]):
        self.adjacency: list[list[tuple[int, int, float]]] = [[] for _ in range(node_count)]
        for link in links:  # undirected; parallel links are allowed
            self.adjacency[link.a].append((link.b, link.rtt_ns, link.bandwidth_bps))
            self.adjacency[link.b].append((link.a, link.rtt_ns, link.bandwidth_bps))
        self.server_nodes = server_nodes
        self.cache: dict[int, list[tuple[int, float] | None]] = {}

    def server_paths(self, source: int) -> list[tuple[int, float] | None]:
        """(rtt_ns, bottleneck_bps) of the best path from node `source` to each server, by server
        index; None where unreachable. Computed once per source, and only servers are kept: they
        are all that planning asks about."""
        cached = self.cache.get(source)
        if cached is None:
            rtt_ns, bottleneck_bps = self.dijkstra(source)
            cached = [None if rtt_ns[node] is None else (rtt_ns[node], bottleneck_bps[node])
                      for node in self.server_nodes]
            self.cache[source] = cached
        return cached

    def dijkstra(self, source: int) -> tuple[list[int | None], list[float]]:
        """Dijkstra's algorithm on the order (RTT, −bottleneck). Extending two paths by one link
        keeps their order, so it finds the lexicographic optimum, which is the same whichever of
        two equal paths it settles first (edgeplan's heap may break such ties differently)."""
        node_count = len(self.adjacency)
        best_rtt_ns: list[int | None] = [None] * node_count
        best_bottleneck_bps = [0.0] * node_count
        settled = [False] * node_count
        best_rtt_ns[source] = 0
        best_bottleneck_bps[source] = math.inf  # the empty path has no bottleneck
        heap = [(0, -math.inf, source)]  # least RTT first, then the widest
        while heap:
            rtt_ns, negative_bottleneck_bps, node = heapq.heappop(heap)
            if settled[node]:
                continue  # a stale entry: the node was settled by a better one
            settled[node] = True
            bottleneck_bps = -negative_bottleneck_bps
            for neighbour, link_rtt_ns, link_bps in self.adjacency[node]:
                if settled[neighbour]:
                    continue
                new_rtt_ns = rtt_ns + link_rtt_ns
                new_bottleneck_bps = bottleneck_bps if bottleneck_bps < link_bps else link_bps
                old_rtt_ns = best_rtt_ns[neighbour]
                if old_rtt_ns is not None and (
                    new_rtt_ns > old_rtt_ns
                    or (new_rtt_ns == old_rtt_ns and new_bottleneck_bps <= best_bottleneck_bps[neighbour])
                ):
                    continue  # not better than the path already found
                best_rtt_ns[neighbour] = new_rtt_ns
                best_bottleneck_bps[neighbour] = new_bottleneck_bps
                heapq.heappush(heap, (new_rtt_ns, -new_bottleneck_bps, neighbour))
        return best_rtt_ns, best_bottleneck_bps


# --------------------------------------------------------------------------------------------
# Candidates (Sources/Planner/CandidateGenerator.swift, DelayModel.swift, MigrationStrategy.swift)
# --------------------------------------------------------------------------------------------

@dataclass
class Candidate:
    user: User
    bs: BaseStation
    server: Server
    objective_s: float  # w_g·n̂·Δd − w_d·DT, seconds

    @property
    def name(self) -> str:
        return f"z#{self.user.id}#{self.bs.id}#{self.server.id}"


def delay_s(app: App, server: Server, rate_bps: float, rtt_ns: int, bottleneck_bps: float) -> float:
    """Eq. (4): p_u/C_s + 8·S_task/min(B_ub, B_bs) + RTT_bs, summed in this order."""
    processing_s = app.processing_s / server.compute
    transmission_s = 8 * app.task_size_bytes / min(rate_bps, bottleneck_bps)
    propagation_s = rtt_ns / 1e9  # float division, as edgeplan's Double(ns) / 1e9
    return processing_s + transmission_s + propagation_s


def migration_seconds(strategy: str, app: App, source: Server, target: Server, bottleneck_bps: float) -> float:
    """T_mig, the downtime part of moving the container s -> s' (SPEC §3)."""
    if strategy != "delta-checkpoint":
        raise InputError(f"app {app.name!r}: strategy {strategy!r} is not implemented by this baseline "
                         "(delta-checkpoint only, which the generated apps use)")
    # Seed 000 eqs. 5-6: T_mig = μ_s·S_D/C_s + 8·S_delta/B_ss' + ρ_s'·(S_D + S_pre + S_delta)/C_s'.
    checkpoint_s = source.checkpoint_s_per_byte * app.image_bytes / source.compute
    restore_s = (target.restore_s_per_byte
                 * (app.image_bytes + app.checkpoint_full_bytes + app.checkpoint_delta_bytes) / target.compute)
    transfer_s = 8 * app.checkpoint_delta_bytes / bottleneck_bps
    return checkpoint_s + transfer_s + restore_s


def downtime_s(migration: float | None, handover: float | None, coordination: str) -> float:
    """DT of SPEC §2."""
    if migration is None:
        return 0.0 if handover is None else handover
    if handover is None:
        return migration
    return max(migration, handover) if coordination == "coordinated" else migration + handover


class CandidateGenerator:
    def __init__(self, problem: Problem, planning_time_s: float = 0.0):
        self.problem = problem
        self.now_s = planning_time_s
        self.predicted_s = planning_time_s + problem.policy.horizon_s  # t' = t + Δt
        bs_count = len(problem.base_stations)
        server_nodes = [bs_count + server.index for server in problem.servers]  # base stations come first
        self.graph = WiredGraph(bs_count + len(problem.servers), problem.links, server_nodes)
        # edgeplan examines only base stations within the largest coverage radius of the user's
        # position (a spatial index); the same radius test here keeps the same set at the boundary.
        radii = [coverage_radius_m(bs, problem.policy.rssi_min_dbm) for bs in problem.base_stations]
        self.search_radius_m = max(radii) if radii else 0.0
        self.servers_near_cache: dict[tuple[int, int | None], list[int]] = {}

    @staticmethod
    def position(user: User, t_s: float) -> tuple[float, float]:
        return user.x_m + user.vx_m_per_s * t_s, user.y_m + user.vy_m_per_s * t_s

    def near(self, x_m: float, y_m: float) -> set[int]:
        if self.search_radius_m < 0:
            return set()
        return {bs.index for bs in self.problem.base_stations if distance_m(bs, x_m, y_m) <= self.search_radius_m}

    def kept_base_stations(self, user: User) -> list[BaseStation]:
        policy = self.problem.policy
        now = self.position(user, self.now_s)
        predicted = self.position(user, self.predicted_s)
        examined = self.near(*predicted)
        if policy.rssi_rule == "both":  # a station heard now only may pass "both"
            examined |= self.near(*now)
        stations = self.problem.base_stations
        return [stations[i] for i in sorted(examined)
                if rule_keeps(policy.rssi_rule, rssi_dbm(stations[i], *now), rssi_dbm(stations[i], *predicted),
                              policy.rssi_min_dbm)]

    def servers_near(self, bs: BaseStation, rtt_limit_ns: int | None) -> list[int]:
        """Indices of the servers `bs` reaches within the RTT limit; with the policy's
        candidateServers N, only the N nearest of each tier by RTT (ties by id). The same for
        every user, so computed once per base station (and limit)."""
        key = (bs.index, rtt_limit_ns)
        if key not in self.servers_near_cache:
            reachable = [(path[0], server.id, server) for server, path in
                         zip(self.problem.servers, self.graph.server_paths(bs.index))
                         if path is not None and (rtt_limit_ns is None or path[0] <= rtt_limit_ns)]
            limit = self.problem.policy.candidate_servers
            if limit is None:
                chosen = [server for _, _, server in reachable]
            else:
                per_tier = dict.fromkeys(TIERS, 0)
                chosen = []
                for _, _, server in sorted(reachable):  # by RTT, then id (ids are unique)
                    if per_tier[server.tier] < limit:
                        per_tier[server.tier] += 1
                        chosen.append(server)
            self.servers_near_cache[key] = sorted(server.index for server in chosen)
        return self.servers_near_cache[key]

    def candidates(self, user: User) -> list[Candidate]:
        problem, policy, app = self.problem, self.problem.policy, user.app
        strategy = policy.strategies.get(app.name) or policy.strategies.get("*") or app.strategy
        sla = [entry for entry in policy.sla if entry.app in ("*", app.name)]
        # Every candidate's delay includes its RTT, so the tightest maxDelay bounds the servers looked at.
        rtt_limit_ns = math.floor(min(entry.max_delay_s for entry in sla) * 1e9) if sla else None
        tasks = app.task_rate_per_s * policy.gain_window_s  # n̂_u

        # d^t(u, b, s): the current pair's delay now, at the RSSI of b at t.
        now = self.position(user, self.now_s)
        predicted = self.position(user, self.predicted_s)
        current_path = self.graph.server_paths(user.bs.index)[user.server.index]
        current_delay_s = None
        if current_path is not None:
            current_delay_s = delay_s(app, user.server, wireless_rate_bps(user.bs, rssi_dbm(user.bs, *now)),
                                      *current_path)
        from_current_server = self.graph.server_paths(self.graph.server_nodes[user.server.index])

        found = []
        for bs in self.kept_base_stations(user):
            paths = self.graph.server_paths(bs.index)
            indices = set(self.servers_near(bs, rtt_limit_ns))
            current = paths[user.server.index]
            if current is not None and (rtt_limit_ns is None or current[0] <= rtt_limit_ns):
                indices.add(user.server.index)  # the current server is always a candidate server
            reachable = [(problem.servers[i], *paths[i]) for i in sorted(indices)]  # in server order

            rate_bps = wireless_rate_bps(bs, rssi_dbm(bs, *predicted))  # B_ub' at t'
            handover_s = bs.handover_s if bs is not user.bs else None
            for server, rtt_ns, bottleneck_bps in reachable:
                migration_s = None
                if server is not user.server:
                    migration_path = from_current_server[server.index]
                    if migration_path is None:
                        continue  # no way to move the container there
                    migration_s = migration_seconds(strategy, app, user.server, server, migration_path[1])
                dt_s = downtime_s(migration_s, handover_s, policy.coordination)
                d_s = delay_s(app, server, rate_bps, rtt_ns, bottleneck_bps)
                # Hard SLAs, inclusive; the current pair is not exempt.
                if any(d_s > entry.max_delay_s or dt_s > entry.max_downtime_s for entry in sla):
                    continue
                # Without a current path there is no current delay to gain on: the gain is zero.
                gain_s = current_delay_s - d_s if current_delay_s is not None else 0.0
                objective_s = policy.gain_weight * tasks * gain_s - policy.downtime_weight * dt_s
                found.append(Candidate(user, bs, server, objective_s))
        return found


def all_candidates(problem: Problem) -> list[list[Candidate]]:
    generator = CandidateGenerator(problem)
    return [generator.candidates(user) for user in problem.users]


# --------------------------------------------------------------------------------------------
# The program (SPEC §2; Sources/Planner/LoweredModel.swift)
# --------------------------------------------------------------------------------------------

def build_model(problem: Problem, candidates: list[list[Candidate]]):
    """The PuLP model, and each candidate's variable (parallel lists)."""
    prob = pulp.LpProblem("edgeplan", pulp.LpMaximize)
    # prob.add_variable is PuLP's current way to make an LpVariable (LpVariable(...) directly is
    # deprecated for PuLP 4.0); the variable is the same object either way.
    variables = [[prob.add_variable(c.name, cat=pulp.LpBinary) for c in user_candidates]
                 for user_candidates in candidates]
    flat = [(c, z) for user_candidates, user_variables in zip(candidates, variables)
            for c, z in zip(user_candidates, user_variables)]

    prob += pulp.lpSum(c.objective_s * z for c, z in flat)

    # (3b) each user takes exactly one of its candidates.
    for user, user_variables in zip(problem.users, variables):
        prob += (pulp.lpSum(user_variables) == 1, f"assign#{user.id}")

    # (3c) per server and resource: Σ demand·z ≤ capacity − used, in cores, GB, GB and Mbps. Only
    # resources an app actually demands get a term; a row without terms is left out.
    by_server: dict[int, list[tuple[Candidate, pulp.LpVariable]]] = {}
    for c, z in flat:
        by_server.setdefault(c.server.index, []).append((c, z))
    for server in problem.servers:
        for resource_name in RESOURCES:
            unit = MODEL_UNIT[resource_name]
            terms = [(c.user.app.resources[resource_name] / unit) * z
                     for c, z in by_server.get(server.index, ()) if c.user.app.resources[resource_name] > 0]
            if not terms:
                continue
            available = max(0.0, server.capacity[resource_name] - server.used[resource_name]) / unit
            prob += (pulp.lpSum(terms) <= available, f"cap#{server.id}#{resource_name}")

    # (3e) per base station with a user limit.
    by_station: dict[int, list[pulp.LpVariable]] = {}
    for c, z in flat:
        by_station.setdefault(c.bs.index, []).append(z)
    for bs in problem.base_stations:
        if bs.max_users is not None and by_station.get(bs.index):
            prob += (pulp.lpSum(by_station[bs.index]) <= max(0, bs.max_users), f"users#{bs.id}")
    return prob, variables


# --------------------------------------------------------------------------------------------
# Solving and reporting
# --------------------------------------------------------------------------------------------

def cbc_log_summary(log_text: str) -> dict:
    """What CBC itself says about how it stopped (PuLP reports "Optimal" after a time limit too)."""
    summary = {}
    match = re.search(r"^Result - (.+)$", log_text, re.MULTILINE)
    if match:
        summary["result"] = match.group(1).strip()
    match = re.search(r"^Gap:\s+(\S+)", log_text, re.MULTILINE)
    if match:
        summary["gap"] = float(match.group(1))
    match = re.search(r"^Objective value:\s+(\S+)", log_text, re.MULTILINE)
    if match:
        summary["objective"] = float(match.group(1))
    match = re.search(r"^Total time \(CPU seconds\):\s+(\S+)\s+\(Wallclock seconds\):\s+(\S+)", log_text,
                      re.MULTILINE)
    if match:
        summary["wallclockSeconds"] = float(match.group(2))
    return summary


class ChildPeakMemory:
    """Peak resident memory of the processes this one starts (CBC), polled from /proc.

    getrusage(RUSAGE_CHILDREN).ru_maxrss is no measure of CBC: Linux carries a process's peak RSS
    over exec, so a child spawned by this Python process starts with Python's own peak and reports
    at least that. VmHWM in /proc/PID/status belongs to the memory map that exec made, so it is the
    solver's own peak; polling it every few milliseconds misses only growth in the last poll period.
    """

    def __init__(self, period_s: float = 0.005):
        self.period_s = period_s
        self.peak_kb = 0
        self._stop = threading.Event()
        # Popen runs on the main thread, so the solver is a child of that thread.
        self._children_file = f"/proc/{os.getpid()}/task/{threading.main_thread().native_id}/children"
        self._thread = threading.Thread(target=self._poll, daemon=True)

    def _poll(self):
        while True:
            try:
                with open(self._children_file) as handle:
                    children = handle.read().split()
            except OSError:
                return  # no /proc children list on this system: leave the peak unknown (0)
            for child in children:
                try:
                    with open(f"/proc/{child}/status") as handle:
                        for line in handle:
                            if line.startswith("VmHWM:"):
                                self.peak_kb = max(self.peak_kb, int(line.split()[1]))
                except OSError:
                    pass  # the child has just ended
            if self._stop.wait(self.period_s):
                return

    def __enter__(self):
        self._thread.start()
        return self

    def __exit__(self, *exc):
        self._stop.set()
        self._thread.join()


def solve(prob: pulp.LpProblem, time_limit_s: float, relative_gap: float) -> dict:
    with tempfile.TemporaryDirectory(prefix="edgeplan-pulp-") as scratch:
        log_path = os.path.join(scratch, "cbc.log")
        with warnings.catch_warnings(), ChildPeakMemory() as cbc_memory:
            # PuLP 3.3 warns that PULP_CBC_CMD goes away in PuLP 4.0 (for COIN_CMD with a CBC from
            # `pip install pulp[cbc]`); the bundled binary is what this baseline measures.
            warnings.simplefilter("ignore", DeprecationWarning)
            solver = pulp.PULP_CBC_CMD(msg=False, timeLimit=time_limit_s, gapRel=relative_gap, logPath=log_path)
            prob.solve(solver)
        with open(log_path, encoding="utf-8", errors="replace") as handle:
            cbc = cbc_log_summary(handle.read())
    outcome = {
        "status": pulp.LpStatus[prob.status],
        # PuLP's status is "Optimal" whenever CBC left a feasible point, also after its time limit;
        # the solution status tells them apart ("Solution Found" is a feasible point, not optimal).
        "solutionStatus": pulp.LpSolution[prob.sol_status],
        "cbc": cbc,
        "cbcPeakKilobytes": cbc_memory.peak_kb or None,
    }
    if prob.sol_status in (pulp.LpSolutionOptimal, pulp.LpSolutionIntegerFeasible):
        outcome["objective"] = pulp.value(prob.objective)
    else:
        outcome["objective"] = None
    return outcome


def peak_rss_megabytes(cbc_peak_kb: int | None) -> dict:
    """Peak RSS of this process, of CBC (polled), and getrusage's figure for children, which on
    Linux includes this process's RSS at the time CBC was spawned (see ChildPeakMemory)."""
    python_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # Linux: kilobytes
    children_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    cbc_mb = cbc_peak_kb / 1024 if cbc_peak_kb else None
    return {
        "python": round(python_mb, 1),
        "cbc": round(cbc_mb, 1) if cbc_mb is not None else None,
        "sum": round(python_mb + (cbc_mb or 0), 1),
        "childrenRusage": round(children_mb, 1),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("directory", help="directory of YAML files written by `edgeplan generate`")
    parser.add_argument("--time-limit", type=float, metavar="SECONDS",
                        help="CBC time limit (default: the policy's solver timeLimit)")
    parser.add_argument("--no-solve", action="store_true", help="build the model but do not solve it")
    parser.add_argument("--write-lp", metavar="PATH", help="also write the model with PuLP's LP writer")
    args = parser.parse_args(argv)

    seconds = {}
    started = time.perf_counter()
    try:
        lap = time.perf_counter()
        problem = load_problem(args.directory)
        seconds["parse"] = time.perf_counter() - lap

        lap = time.perf_counter()
        candidates = all_candidates(problem)
        seconds["candidates"] = time.perf_counter() - lap
    except (InputError, yaml.YAMLError, OSError) as error:
        print(f"edgeplan_pulp.py: error: {error}", file=sys.stderr)
        return 2

    lap = time.perf_counter()
    prob, _ = build_model(problem, candidates)
    seconds["modelBuild"] = time.perf_counter() - lap

    if args.write_lp:
        prob.writeLP(args.write_lp)

    if args.no_solve:
        outcome = {"status": "Not Solved", "solutionStatus": "not solved (--no-solve)", "objective": None}
        seconds["solve"] = 0.0
    else:
        lap = time.perf_counter()
        time_limit_s = args.time_limit if args.time_limit is not None else problem.policy.time_limit_s
        outcome = solve(prob, time_limit_s, problem.policy.relative_gap)
        seconds["solve"] = time.perf_counter() - lap
    seconds["total"] = time.perf_counter() - started

    report = {
        "status": outcome["status"],
        "solutionStatus": outcome["solutionStatus"],
        "objective": outcome["objective"],
        "users": len(problem.users),
        "variables": prob.numVariables(),
        "constraints": prob.numConstraints(),
        "seconds": {name: round(value, 4) for name, value in seconds.items()},
        "peakRSSMegabytes": peak_rss_megabytes(outcome.get("cbcPeakKilobytes")),
    }
    if "cbc" in outcome:
        report["cbc"] = outcome["cbc"]
    print(json.dumps(report))
    return 0


if __name__ == "__main__":
    sys.exit(main())
