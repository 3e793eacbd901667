import EdgeModel
import Foundation
import Plan
import Planner

/// Renders `explain`: a table for people, JSON for tools.
enum ExplainReport {
    struct Row: Encodable {
        var bs: String
        var server: String
        var rssiNow: Double?
        var rssiPredicted: Double?
        var processing: Double?
        var transmission: Double?
        var propagation: Double?
        var delay: Double?
        var preMigration: Double?
        var migration: Double?
        var preMigrationBytes: Double?
        var migrationBytes: Double?
        var strategy: String?
        var handover: Double?
        var downtime: Double?
        var gainPerTask: Double?
        var objective: Double?
        var brokenSLA: [String]?
        var dropped: String?
    }

    struct Document: Encodable {
        var user: String
        var app: String
        var time: Double
        var predictedTime: Double
        var attachment: Plan.Attachment
        var currentDelay: Double?
        var candidates: [Row]
        var dropped: [Row]
    }

    static func document(problem: Problem, generator: CandidateGenerator, explanation: UserCandidates) -> Document {
        let topology = problem.topology
        let user = problem.workload.users[explanation.user]
        let strategy = problem.policy.strategy(for: problem.apps[user.app]).rawValue
        let candidates = explanation.candidates.map { c in
            Row(
                bs: topology.baseStations[c.baseStation.rawValue].id, server: topology.servers[c.server.rawValue].id,
                rssiNow: c.rssiNow.value, rssiPredicted: c.rssiPredicted.value, processing: c.delay.processingSeconds,
                transmission: c.delay.transmissionSeconds, propagation: c.delay.propagationSeconds,
                delay: c.delay.totalSeconds,
                preMigration: c.migration?.preMigrationSeconds, migration: c.migration?.migrationSeconds,
                preMigrationBytes: c.migration?.preMigrationBytes, migrationBytes: c.migration?.migrationBytes,
                strategy: c.migration.map { _ in strategy }, handover: c.handoverSeconds,
                downtime: c.downtimeSeconds, gainPerTask: c.gainPerTaskSeconds, objective: c.objectiveSeconds,
                brokenSLA: c.brokenSLAItems.isEmpty ? nil : c.brokenSLAItems, dropped: nil)
        }
        let dropped = explanation.dropped.map { d -> Row in
            var row = Row(
                bs: topology.baseStations[d.baseStation.rawValue].id,
                server: d.server.map { topology.servers[$0.rawValue].id } ?? "*")
            row.dropped = reason(d.reason, problem: problem)
            if case .rssiBelowMinimum(let now, let predicted) = d.reason {
                row.rssiNow = now.value
                row.rssiPredicted = predicted.value
            }
            return row
        }
        return Document(
            user: user.id, app: problem.apps[user.app].name, time: generator.time.value,
            predictedTime: generator.predictedTime.value,
            attachment: Plan.Attachment(
                bs: topology.baseStations[user.attachment.baseStation.rawValue].id,
                server: topology.servers[user.attachment.server.rawValue].id),
            currentDelay: explanation.currentDelay?.totalSeconds, candidates: candidates, dropped: dropped)
    }

    static func reason(_ reason: DropReason, problem: Problem) -> String {
        let policy = problem.policy
        switch reason {
        case .rssiBelowMinimum:
            return "RSSI rule \"\(policy.rssiRule.rawValue)\" (rssiMin \(CheckReport.format(policy.rssiMin.value)) dBm)"
        case .serverUnreachable: return "no path from the base station to the server"
        case .noMigrationPath: return "no path from the current server"
        case .migrationImpossible(let obstacle):
            switch obstacle {
            case .precopyDoesNotConverge(let dirty, let bandwidth):
                return
                    "pre-copy does not converge: memory is dirtied at \(CheckReport.format(dirty)) bps, the path carries \(CheckReport.format(bandwidth)) bps"
            case .missingParameters(let fields): return "the strategy lacks \(fields)"
            }
        case .delayOverSLA(let delay, let maximum, let app):
            return String(format: "delay %.1f ms over maxDelay %.1f ms (sla \"%@\")", delay * 1000, maximum * 1000, app)
        case .downtimeOverSLA(let downtime, let maximum, let app):
            return String(format: "downtime %.3f s over maxDowntime %.3f s (sla \"%@\")", downtime, maximum, app)
        }
    }

    static func text(problem: Problem, generator: CandidateGenerator, explanation: UserCandidates) -> String {
        let document = document(problem: problem, generator: generator, explanation: explanation)
        func ms(_ value: Double?) -> String { value.map { String(format: "%.2f", $0 * 1000) } ?? "-" }
        func s(_ value: Double?) -> String { value.map { String(format: "%.3f", $0) } ?? "-" }
        func dbm(_ value: Double?) -> String { value.map { String(format: "%.1f", $0) } ?? "-" }
        var out =
            "user \"\(document.user)\" (app \(document.app)) on \(document.attachment.bs)/\(document.attachment.server) "
        out += "at t = \(CheckReport.format(document.time)) s, t' = \(CheckReport.format(document.predictedTime)) s; "
        out += "current delay \(ms(document.currentDelay)) ms\n"
        out += "\(document.candidates.count) candidates (delays in ms at t', times in s, RSSI in dBm):\n"
        let strategy = problem.policy.strategy(for: problem.apps[problem.workload.users[explanation.user].app]).rawValue
        out += "migrations by \(strategy); sizes in MB\n"
        func mb(_ value: Double?) -> String { value.map { String(format: "%.2f", $0 / 1e6) } ?? "-" }
        var rows = [
            [
                "bs", "server", "rssi t", "rssi t'", "proc", "trans", "prop", "delay", "T_pre", "pre MB", "T_mig",
                "mig MB", "T_ho", "downtime", "objective",
            ]
        ]
        for row in document.candidates {
            rows.append([
                row.bs, row.server, dbm(row.rssiNow), dbm(row.rssiPredicted), ms(row.processing), ms(row.transmission),
                ms(row.propagation), ms(row.delay), s(row.preMigration), mb(row.preMigrationBytes), s(row.migration),
                mb(row.migrationBytes), s(row.handover), s(row.downtime),
                String(format: "%.4f", row.objective ?? 0)
                    + ((row.brokenSLA?.isEmpty ?? true) ? "" : " (soft SLA broken)"),
            ])
        }
        out += TextTable.render(rows, indent: "  ")
        if !document.dropped.isEmpty {
            out += "\(document.dropped.count) dropped:\n"
            var dropped = [["bs", "server", "rssi t", "rssi t'", "reason"]]
            for row in document.dropped {
                dropped.append([row.bs, row.server, dbm(row.rssiNow), dbm(row.rssiPredicted), row.dropped ?? ""])
            }
            out += TextTable.render(dropped, indent: "  ")
        }
        return out
    }

    static func json(problem: Problem, generator: CandidateGenerator, explanation: UserCandidates) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        // Explaining is how one finds a delay gone infinite (a base station heard at a rate of 0):
        // JSON has no infinity, so such a number is written as a string rather than failing.
        encoder.nonConformingFloatEncodingStrategy = .convertToString(
            positiveInfinity: "Infinity", negativeInfinity: "-Infinity", nan: "NaN")
        return String(
            decoding: try encoder.encode(document(problem: problem, generator: generator, explanation: explanation)),
            as: UTF8.self) + "\n"
    }
}
