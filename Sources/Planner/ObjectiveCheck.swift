public import Diagnostics
import EdgeModel
import Foundation

extension DiagnosticID {
    /// A term of the objective that is not finite, or too large for a solver
    /// (`InputBounds.maximumObjectiveTermSeconds`).
    public static let objectiveOutOfRange = DiagnosticID("objective-out-of-range")
}

/// The check every candidate passes before it becomes a column or a decision: each term of its
/// objective coefficient — gain, downtime, penalty and their sum — and what the plan writes of it
/// must be finite and at most `InputBounds.maximumObjectiveTermSeconds`.
///
/// The input bounds keep every factor finite, but not the physics: a base station heard so weakly
/// that its Shannon rate rounds to 0 makes a delay infinite, and bounded factors still multiply to
/// 1e39 (CLP aborts the process on an objective coefficient of 1e25). A solver must never see such
/// a term, nor a plan hold one (JSON has no infinity); the run stops with an error at the user instead.
public enum ObjectiveCheck {
    /// The error for a candidate of user `index` whose terms are out of range; nil when they are not.
    public static func fault(of candidate: Candidate, user index: Int, generator: CandidateGenerator) -> Diagnostic? {
        let limit = InputBounds.maximumObjectiveTermSeconds
        let terms: [(name: String, value: Double)] = [
            ("objective", candidate.objectiveSeconds), ("gain", candidate.tasks * candidate.gainPerTaskSeconds),
            ("gain per task", candidate.gainPerTaskSeconds), ("downtime", candidate.downtimeSeconds),
            ("penalty", candidate.penaltySeconds),
        ]
        guard let term = terms.first(where: { !(abs($0.value) <= limit) }) else { return nil }
        let problem = generator.problem
        let topology = problem.topology
        let user = problem.workload.users[index]
        let pair =
            "base station \"\(topology.baseStations[candidate.baseStation.rawValue].id)\" and server \"\(topology.servers[candidate.server.rawValue].id)\""
        let found = term.value.isFinite ? "is \(Self.seconds(term.value))" : "is not finite (\(term.value) s)"
        let message =
            "the \(term.name) of user \"\(user.id)\" on \(pair) at t = \(Self.seconds(generator.time.value)) \(found): \(cause(of: candidate, user: index, generator: generator))"
        return Diagnostic(
            .error, .objectiveOutOfRange, message, at: user.location,
            notes: [
                DiagnosticNote(
                    "every term of the objective must be finite and at most \(InputBounds.text(limit)) s before a solver is given it (docs/reliability.md)"
                )
            ])
    }

    /// What made the term large: the current delay, the candidate's delay, its downtime, or the
    /// factors that multiply the gain.
    static func cause(of candidate: Candidate, user index: Int, generator: CandidateGenerator) -> String {
        let limit = InputBounds.maximumObjectiveTermSeconds
        let problem = generator.problem
        let user = problem.workload.users[index]
        let current = user.attachment
        if let delay = generator.context(forUser: index).currentDelay, !(delay.totalSeconds <= limit) {
            let rssi = generator.coverage.rssi(
                of: current.baseStation, for: user, now: generator.time, predicted: generator.predictedTime
            ).now
            return
                "its current delay is \(describe(delay, station: current.baseStation, server: current.server, rssi: rssi, generator: generator))"
        }
        if !(candidate.delay.totalSeconds <= limit) {
            return
                "its delay there is \(describe(candidate.delay, station: candidate.baseStation, server: candidate.server, rssi: candidate.rssiPredicted, generator: generator))"
        }
        if !(candidate.downtimeSeconds <= limit) {
            let migration = candidate.migration.map { Self.seconds($0.migrationSeconds) } ?? "none"
            let handover = candidate.handoverSeconds.map(Self.seconds) ?? "none"
            return
                "its downtime is \(Self.seconds(candidate.downtimeSeconds)) (migration \(migration), handover \(handover))"
        }
        let policy = problem.policy
        return
            "\(InputBounds.text(candidate.tasks)) tasks in the gain window (task rate × gainWindow) times \(Self.seconds(candidate.gainPerTaskSeconds)) per task, weights \(InputBounds.text(policy.gainWeight)) and \(InputBounds.text(policy.downtimeWeight))"
    }

    /// A delay with its parts: "8e+15 s (processing …, transmission … at 1 bps: radio … from "a"
    /// heard at … dBm, path 1 bps; RTT …)".
    static func describe(
        _ delay: TaskDelay, station: BaseStationIndex, server: ServerIndex, rssi: DBm, generator: CandidateGenerator
    ) -> String {
        let base = generator.problem.topology.baseStations[station.rawValue]
        let wireless = base.wirelessRate(at: rssi).value
        let path = generator.paths.path(from: station, to: server)?.bottleneck.value ?? .infinity
        return
            "\(seconds(delay.totalSeconds)) (processing \(seconds(delay.processingSeconds)), transmission \(seconds(delay.transmissionSeconds)) at \(InputBounds.text(min(wireless, path))) bps: radio \(InputBounds.text(wireless)) bps from \"\(base.id)\" heard at \(decibels(rssi.value)) dBm, path \(InputBounds.text(path)) bps; RTT \(seconds(delay.propagationSeconds)))"
    }

    /// The errors of the candidates of users about to be solved: at most one per user, in user order.
    static func faults(_ candidates: [UserCandidates], generator: CandidateGenerator) -> [Diagnostic] {
        candidates.sorted { $0.user < $1.user }.compactMap { user in
            user.candidates.lazy.compactMap { fault(of: $0, user: user.user, generator: generator) }.first
        }
    }

    static func seconds(_ value: Double) -> String {
        guard value.isFinite else { return "\(value) s" }
        return abs(value) < 1e6 ? String(format: "%.3f s", value) : String(format: "%.3g s", value)
    }

    static func decibels(_ value: Double) -> String {
        value.isFinite ? String(format: "%.1f", value) : "\(value)"
    }
}
