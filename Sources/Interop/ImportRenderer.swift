import EdgeModel
import Foundation

/// Writes an imported scenario as edgeplan YAML: `topology.yaml` and `workload.yaml`, each with a
/// header saying where it came from, how it was converted and what was lost.
extension AdvantEDGEImport {
    /// The files to write, by name.
    public var files: [(name: String, text: String)] {
        [("topology.yaml", topologyYAML), ("workload.yaml", workloadYAML)]
    }

    public var topologyYAML: String {
        var out = header(kind: "topology") + Self.comment(conversionNotes) + "#\n" + warningComment
        out += "kind: Topology\nname: \(Self.quoted(scenarioName))\ncoordinates: geographic\n"
        let model = options.pathLoss
        out += "radio:\n  pathLoss: {referenceLoss: \(Self.number(model.referenceLoss.value)) dB, "
        out +=
            "referenceDistance: \(Self.number(model.referenceDistance.value)) m, exponent: \(Self.number(model.exponent))}\n"
        out += "baseStations:\n"
        var zone: (String, String)?
        for station in stations {
            if zone.map({ $0 != (station.domain, station.zone) }) ?? true {
                out += "  # zone \(Self.quoted(station.zone)) of domain \(Self.quoted(station.domain))\n"
                zone = (station.domain, station.zone)
            }
            out += "  - {id: \(Self.quoted(station.id)), zone: \(Self.quoted(station.zone)), "
            out += "technology: \(station.technology), position: \(Self.point(station.position)), "
            out +=
                "txPower: \(Self.number(station.txPower.value)) dBm, peakRate: \(Self.number(station.peakRateMbps)) Mbps}"
            out += "  # radius \(Self.number(station.radiusMeters)) m\n"
        }
        out += "servers:\n"
        for server in servers {
            let c = server.capacity
            out += "  - {id: \(Self.quoted(server.id)), tier: \(server.tier.rawValue), capacity: "
            out += "{cpu: \(Self.number(c.cores)), memory: \(Self.number(c.memoryGB)) GB, "
            out += "storage: \(Self.number(c.storageGB)) GB, netio: \(Self.number(c.netioGbps)) Gbps}}"
            out += "  # \(server.origin); capacity assumed\n"
        }
        out += links.isEmpty ? "links: []\n" : "links:\n"
        for link in links {
            out += "  - {between: [\(Self.quoted(link.ends.0)), \(Self.quoted(link.ends.1))], "
            out += "bandwidth: \(Self.number(link.bandwidthMbps)) Mbps, rtt: \(Self.number(link.rttMilliseconds)) ms}"
            out += "  # \(link.explanation)\n"
        }
        return out
    }

    public var workloadYAML: String {
        var out = header(kind: "workload")
        out += Self.comment([
            "Users: every UE of the scenario, each running app \"\(options.app)\" (--app). Each starts attached to the base station of strongest RSSI at t = 0 and the server of least RTT from it.",
            "Trajectories: GeoJSON paths as timed waypoints [t, longitude, latitude], t = distance travelled / velocity (metres on edgeplan's local plane, m/s); \(options.cycles) end-of-path cycle\(options.cycles == 1 ? "" : "s") (--cycles): LOOP once around, REVERSE there and back; after the last waypoint a user stays where it is. UEs without a path (or without velocity) are still.",
        ])
        out += "#\n" + warningComment
        out += "kind: Workload\nname: \(Self.quoted(scenarioName))\n"
        out += users.isEmpty ? "users: []\n" : "users:\n"
        for user in users {
            out += "  - id: \(Self.quoted(user.id))\n    app: \(Self.quoted(user.app))\n"
            out += "    attachment: {bs: \(Self.quoted(user.baseStation)), server: \(Self.quoted(user.server))}\n"
            for note in user.notes { out += "    # \(note)\n" }
            switch user.motion {
            case .still(let point):
                out += "    position: \(Self.point(point))\n"
            case .trajectory(let waypoints):
                out += "    trajectory:\n"
                for waypoint in waypoints {
                    out += "      - [\(Self.seconds(microseconds: waypoint.microseconds)) s, "
                    out += "\(Self.number(waypoint.point.longitude)), \(Self.number(waypoint.point.latitude))]\n"
                }
            }
        }
        return out
    }

    /// Where the file came from, and the licence of AdvantEDGE's scenarios.
    private func header(kind: String) -> String {
        let version = scenarioVersion.map { " (version \($0))" } ?? ""
        let file = (options.sourceFile as NSString).lastPathComponent
        // The options, not the command line as typed: no directories, so the file is the same wherever it is made.
        let command =
            "edgeplan import advantedge \(file) --servers \(options.servers.rawValue) --rssi-min \(Self.number(options.rssiMin.value)) --app \(options.app) --cycles \(options.cycles)"
        return Self.comment([
            "edgeplan \(kind) imported from the AdvantEDGE scenario \"\(scenarioName)\"\(version), file \(file), by `\(command)`.",
            "AdvantEDGE, the emulator behind the ETSI MEC Sandbox, and its scenarios are by InterDigital Communications, Inc., licensed under the Apache License 2.0 (http://www.apache.org/licenses/LICENSE-2.0); this file is derived from the scenario as described below (docs/advantedge.md).",
        ]) + "#\n"
    }

    private var conversionNotes: [String] {
        let model = options.pathLoss
        return [
            "How it was converted:",
            "- points of access → base stations at their [longitude, latitude] (coordinates: geographic), technology from their type (POA-4G 4g, POA-5G 5g, POA-WIFI wifi, POA other), zone kept in `zone`;",
            "- txPower = rssiMin + PL0 + 10·n·log10(radius/d0) with rssiMin \(Self.number(options.rssiMin.value)) dBm, PL0 \(Self.number(model.referenceLoss.value)) dB, d0 \(Self.number(model.referenceDistance.value)) m, n \(Self.number(model.exponent)): RSSI reaches rssiMin exactly at the point of access's radius (metres); a policy with another rssiMin moves every edge of coverage;",
            "- peakRate = the terminal link's throughput (the smaller of UL and DL, Mbps; AdvantEDGE's 1000 Mbps when unset);",
            "- servers: \(serverNote); capacities are assumed (the scenario has none);",
            "- links: one per base station–server pair and per pair of servers. AdvantEDGE latencies are one-way milliseconds, applied to every packet and summed along the path its segment algorithm builds (terminal link, zones, domains, inter-domain), so rtt = 2 × that sum; bandwidth = the smallest throughput on the path (Mbps). The comment of each link shows the sum.",
        ]
    }

    private var serverNote: String {
        switch options.servers {
        case .none:
            "the scenario's edge and fog nodes (tier edge), core-network nodes (regional) and distant clouds (cloud)"
        case .perPoA:
            "one edge server per point of access (--servers per-poa), a fog node there without characteristics of its own; the scenario's distant clouds"
        case .perZone:
            "one edge server per zone with points of access (--servers per-zone), an edge node there without characteristics of its own; the scenario's distant clouds"
        }
    }

    /// The warnings as comment lines, one element per line.
    private var warningComment: String {
        guard !warnings.isEmpty else { return "# Nothing of the scenario was left out.\n" }
        var lines = ["What edgeplan cannot represent (also printed as warnings):"]
        for warning in warnings {
            lines.append("- [\(warning.kind.rawValue)] \(warning.kind.headline):")
            lines += warning.elements.map { "    \($0)" }
        }
        return Self.comment(lines)
    }

    static func comment(_ paragraphs: [String]) -> String {
        paragraphs.flatMap { wrap($0, width: 100) }.map { $0.isEmpty ? "#\n" : "# \($0)\n" }.joined()
    }

    /// Greedy word wrap; continuation lines keep the paragraph's leading spaces and list indent.
    static func wrap(_ text: String, width: Int) -> [String] {
        let indent =
            String(text.prefix { $0 == " " }) + (text.trimmingCharacters(in: .whitespaces).hasPrefix("- ") ? "  " : "")
        var lines: [String] = []
        var line = ""
        for word in text.split(separator: " ", omittingEmptySubsequences: true) {
            if line.isEmpty {
                line = (lines.isEmpty ? String(text.prefix { $0 == " " }) : indent) + word
            } else if line.count + 1 + word.count > width {
                lines.append(line)
                line = indent + word
            } else {
                line += " " + word
            }
        }
        if !line.isEmpty { lines.append(line) }
        return lines
    }

    static func number(_ value: Double) -> String { ScenarioValue.decimal(value) }

    static func point(_ point: AdvantEDGEScenario.GeoPoint) -> String {
        "[\(number(point.longitude)), \(number(point.latitude))]"
    }

    /// Whole microseconds as decimal seconds: 12345678 → 12.345678, 2000000 → 2.
    static func seconds(microseconds: Int64) -> String {
        let whole = microseconds / 1_000_000
        let fraction = microseconds % 1_000_000
        guard fraction != 0 else { return "\(whole)" }
        var digits = String(fraction)
        digits = String(repeating: "0", count: 6 - digits.count) + digits
        while digits.hasSuffix("0") { digits.removeLast() }
        return "\(whole).\(digits)"
    }

    /// A YAML double-quoted string.
    static func quoted(_ text: String) -> String {
        "\"" + text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
    }
}
