public import EdgeModel
import Foundation

/// Renders a validated problem back to input YAML with every default filled in and every quantity
/// in its base unit. The output is itself valid input (positions on the local plane) and describes
/// the same problem, which the tests check.
public enum ResolvedDocuments {
    public static func render(_ problem: Problem) -> String {
        var out = ""
        out += topology(problem.topology)
        for app in problem.apps { out += "---\n" + self.app(app) }
        out += "---\n" + policy(problem.policy)
        out += "---\n" + workload(problem.workload, problem: problem)
        return out
    }

    /// Shortest round-trip decimal form.
    static func number(_ value: Double) -> String {
        if value == value.rounded(), abs(value) < 1e15 { return String(Int64(value)) }
        return "\(value)"
    }

    private static func q<D>(_ quantity: Quantity<D>, _ unit: String) -> String { "\(number(quantity.value)) \(unit)" }
    private static func point(_ p: PlanePoint) -> String { "[\(number(p.xMeters)), \(number(p.yMeters))]" }
    private static func string(_ text: String) -> String {
        let escaped = text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
        return "\"\(escaped)\""
    }

    private static func radio(_ radio: RadioModel, indent: String) -> String {
        """
        \(indent)radio:
        \(indent)  pathLoss: {referenceLoss: \(q(radio.pathLoss.referenceLoss, "dB")), referenceDistance: \(q(radio.pathLoss.referenceDistance, "m")), exponent: \(number(radio.pathLoss.exponent))}
        \(indent)  noise: \(q(radio.noise, "dBm"))
        \(indent)  channelWidth: \(q(radio.channelWidth, "Hz"))

        """
    }

    private static func resources(_ r: ResourceVector) -> String {
        "{cpu: \(number(r.cpu.value)), memory: \(q(r.memory, "B")), storage: \(q(r.storage, "B")), netio: \(q(r.netio, "bps"))}"
    }

    private static func topology(_ t: Topology) -> String {
        var out = "kind: Topology\nname: \(string(t.name))\ncoordinates: plane\nbaseStations:\n"
        for bs in t.baseStations {
            out +=
                "  - id: \(string(bs.id))\n    position: \(point(bs.position))\n    technology: \(bs.technology.rawValue)\n"
            out += "    txPower: \(q(bs.txPower, "dBm"))\n    peakRate: \(q(bs.peakRate, "bps"))\n"
            if let maxUsers = bs.maxUsers { out += "    maxUsers: \(maxUsers)\n" }
            out += "    handoverTime: \(q(bs.handoverTime, "s"))\n"
            if let zone = bs.zone { out += "    zone: \(string(zone))\n" }
            out += radio(bs.radio, indent: "    ")
        }
        out += "servers:\n"
        for s in t.servers {
            out += "  - id: \(string(s.id))\n    tier: \(s.tier.rawValue)\n    compute: \(number(s.compute))\n"
            out += "    capacity: \(resources(s.capacity))\n    used: \(resources(s.used))\n"
            out += "    checkpointCost: \(number(s.checkpointCost.value * 1e9)) s/GB\n"
            out += "    restoreCost: \(number(s.restoreCost.value * 1e9)) s/GB\n"
            out += "    cachedApps: [\(s.cachedApps.map(string).joined(separator: ", "))]\n"
        }
        out += t.links.isEmpty ? "links: []\n" : "links:\n"
        for link in t.links {
            out += "  - between: [\(string(t.id(of: link.endpoints.0))), \(string(t.id(of: link.endpoints.1)))]\n"
            out +=
                "    bandwidth: \(q(link.bandwidth, "bps"))\n    rtt: \(number(Double(link.rttNanoseconds) / 1e6)) ms\n"
        }
        return out
    }

    /// One AppProfile document (without `---`).
    public static func app(_ a: AppProfile) -> String {
        var out = "kind: AppProfile\nname: \(string(a.name))\nimage: \(q(a.image, "B"))\n"
        out += "checkpoint: {full: \(q(a.checkpoint.full, "B")), delta: \(q(a.checkpoint.delta, "B"))}\n"
        if let memory = a.memory { out += "memory: \(q(memory, "B"))\n" }
        if let p = a.precopy {
            out += "dirtyRate: \(number(p.dirtyRate.value * 100)) %/s\nprecopyThreshold: \(q(p.threshold, "B"))\n"
        }
        out += "state: \(a.state.rawValue)\nresources: \(resources(a.resources))\n"
        out +=
            "task: {size: \(q(a.task.size, "B")), rate: \(q(a.task.rate, "/s")), processing: \(q(a.task.processing, "s"))}\n"
        out += "strategy: \(a.strategy.rawValue)\n"
        if let l = a.layers {
            out += "layers: {application: \(q(l.application, "B")), instance: \(q(l.instance, "B"))}\n"
        }
        if let r = a.relocation {
            out +=
                "relocation: {tarball: \(q(r.tarball, "B")), prepare: \(q(r.prepare, "s")), load: \(q(r.load, "s")), "
            out += "stop: \(q(r.stop, "s")), volume: \(q(r.volume, "B")), "
            if let delta = r.checkpointDelta { out += "checkpointDelta: \(q(delta, "B")), " }
            out += "start: \(q(r.start, "s"))}\n"
        }
        return out
    }

    private static func policy(_ p: Policy) -> String {
        var out =
            "kind: Policy\nname: \(string(p.name))\nplanner: \(p.planner.rawValue)\ncoordination: \(p.coordination.rawValue)\n"
        out += "horizon: \(q(p.horizon, "s"))\ngainWindow: \(q(p.gainWindow, "s"))\nrssiMin: \(q(p.rssiMin, "dBm"))\n"
        out +=
            "rssiRule: \(p.rssiRule.rawValue)\nhysteresis: \(q(p.hysteresis, "dB"))\nmargin: \(number(p.margin.value))\n"
        out += "objective: {gainWeight: \(number(p.gainWeight)), downtimeWeight: \(number(p.downtimeWeight))}\nsla:\n"
        for e in p.sla {
            out +=
                "  - {app: \(string(e.app)), maxDelay: \(q(e.maxDelay, "s")), maxDowntime: \(q(e.maxDowntime, "s")), "
            out +=
                "enforcement: \(e.enforcement.rawValue)\(e.enforcement == .soft ? ", penalty: \(q(e.penalty, "s"))" : "")}\n"
        }
        out += "solver: {backend: \(p.solver.backend.rawValue), timeLimit: \(number(p.solver.timeLimitSeconds)) s, "
        out += "relativeGap: \(number(p.solver.relativeGap)), threads: \(p.solver.threads)}\n"
        if let limit = p.candidateServers { out += "candidateServers: \(limit)\n" }
        if !p.strategies.isEmpty {
            out += "strategies:\n"
            for entry in p.strategies {
                out += "  - {app: \(string(entry.app)), strategy: \(entry.strategy.rawValue)}\n"
            }
        }
        return out
    }

    private static func workload(_ w: Workload, problem: Problem) -> String {
        let t = problem.topology
        var out = "kind: Workload\nname: \(string(w.name))\n"
        if let epoch = w.epoch { out += "epoch: \(ISO8601DateFormatter().string(from: epoch))\n" }
        out += w.users.isEmpty ? "users: []\n" : "users:\n"
        for u in w.users {
            out += "  - id: \(string(u.id))\n    app: \(string(problem.apps[u.app].name))\n"
            out +=
                "    attachment: {bs: \(string(t.baseStations[u.attachment.baseStation.rawValue].id)), server: \(string(t.servers[u.attachment.server.rawValue].id))}\n"
            switch u.motion {
            case .linear(let position, let velocity):
                out += "    position: \(point(position))\n"
                out +=
                    "    velocity: [\(number(velocity.eastMetersPerSecond)), \(number(velocity.northMetersPerSecond))]\n"
            case .trajectory(let points):
                out += "    trajectory:\n"
                for p in points {
                    out += "      - [\(q(p.time, "s")), \(number(p.position.xMeters)), \(number(p.position.yMeters))]\n"
                }
            }
            if !u.measuredRSSI.isEmpty {
                let entries = u.measuredRSSI.sorted { $0.key < $1.key }.map {
                    "\(string(t.baseStations[$0.key.rawValue].id)): \(q($0.value, "dBm"))"
                }
                out += "    rssi: {\(entries.joined(separator: ", "))}\n"
            }
        }
        if !w.traces.isEmpty {
            out += "traces:\n"
            for trace in w.traces {
                out +=
                    "  - {file: \(string(trace.resolvedPath)), format: \(trace.format.rawValue), app: \(string(problem.apps[trace.app].name))}\n"
            }
        }
        return out
    }
}
