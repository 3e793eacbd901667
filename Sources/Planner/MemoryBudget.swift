public import EdgeModel
import Foundation
import InputFiles

/// What the phases of a compile are expected to hold, so that a run too large for the machine
/// stops with an error before building, instead of being killed by the kernel. The figures were
/// measured on generated cities (docs/performance.md, "Memory").
public enum MemoryEstimate {
    /// A candidate built as a column of the whole program (`--no-pricing`): the candidate with its
    /// breakdown, the named column and its terms, the reductions' arrays and the solver's copy of
    /// what is left. Measured: 1.48 GB peak for 2.34 M columns.
    public static let bytesPerBuiltColumn = 700
    /// A column pricing generates: its candidate, the priced column, the LP's copy, and its share
    /// of the integer programs solved over the generated columns. Measured: about 1.1 GB for
    /// 250,000 columns at 50,000 users (1.6 GB peak, of which about 0.5 GB the candidates phase).
    public static let bytesPerPricedColumn = 4_000
    /// Columns per user in the first restricted program (where it is now, three best, best per
    /// tier).
    public static let initialColumnsPerUser = 7

    /// The candidates phase of pricing: each base station's ranked servers (24 bytes an entry), the
    /// migration paths from each current server (40 bytes a server), and each user's context.
    public static func candidatesPhaseBytes(_ problem: Problem) -> Int {
        let stations = problem.topology.baseStations.count
        let servers = problem.topology.servers.count
        let users = problem.workload.users.count
        let currentServers = min(users, servers)
        return stations * servers * 24 + currentServers * servers * 40 + users * 2_000
    }
}

/// A phase would hold more memory than allowed.
public struct MemoryLimitExceeded: Error, Sendable, CustomStringConvertible {
    public let phase: String
    /// What the process would hold, with what it holds already.
    public let estimateBytes: Int
    public let limitBytes: Int
    /// What would help, in a sentence.
    public let advice: String

    public var description: String {
        "the \(phase) phase would hold about \(Self.text(estimateBytes)) of memory, more than --max-memory "
            + "\(Self.text(limitBytes)) allows; \(advice)"
    }

    public static func text(_ bytes: Int) -> String {
        bytes >= 1_000_000_000
            ? String(format: "%.1f GB", Double(bytes) / 1e9) : String(format: "%.0f MB", Double(bytes) / 1e6)
    }
}

/// The memory a run may use, and what the process holds now.
public struct MemoryBudget: Sendable {
    public let limitBytes: Int

    public init(limitBytes: Int) { self.limitBytes = limitBytes }

    /// Fails when what the process holds now plus `bytes` is past the limit.
    public func check(phase: String, adding bytes: Int, advice: String) throws {
        let total = Self.residentBytes() + bytes
        if total > limitBytes {
            throw MemoryLimitExceeded(phase: phase, estimateBytes: total, limitBytes: limitBytes, advice: advice)
        }
    }

    /// Bytes still free under the limit.
    public var availableBytes: Int { max(0, limitBytes - Self.residentBytes()) }

    /// The resident size of this process (Linux: /proc/self/statm), 0 where unknown.
    public static func residentBytes() -> Int { ProcessMemory.residentBytes() }

    /// The share of the machine's memory a run may use by default.
    public static let defaultShare = 0.75

    /// `defaultShare` of the physical memory, or of the control group's limit where that is lower.
    public static func machineDefault() -> MemoryBudget {
        var total = Int(ProcessInfo.processInfo.physicalMemory)
        if let text = try? String(contentsOfFile: "/sys/fs/cgroup/memory.max", encoding: .utf8),
            let limit = Int(text.trimmingCharacters(in: .whitespacesAndNewlines)), limit > 0
        {
            total = min(total, limit)
        }
        return MemoryBudget(limitBytes: Int(Double(total) * defaultShare))
    }
}

extension CandidateGenerator {
    /// At least the number of candidates of these users: every (base station, server) pair the RSSI
    /// rule and the SLA's reach leave, before the other checks. Cheap next to building them.
    public func pairCountBound(users: [Int]) -> Int {
        let counts = CandidateColumns.parallelMap(users.count) { position -> Int in
            let context = self.context(forUser: users[position])
            let rttLimit = context.slaEntries.filter { $0.enforcement == .hard }.map(\.maxDelay.value).min()
                .map { Int64(($0 * 1e9).rounded(.down)) }
            let kept = coverage.keptBaseStations(for: context.user, at: time, horizon: horizon)
            return kept.reduce(0) { total, bs in
                // The current server may join a station's list (candidateServers): one more each.
                total
                    + paths.servers(
                        reachableFrom: bs, withinNanoseconds: rttLimit, perTier: problem.policy.candidateServers
                    ).count + 1
            }
        }
        return counts.reduce(0, +)
    }
}
