public import EdgeModel
import Foundation
public import MILP

/// The whole program of SPEC §2 as a stream for `--emit-model`: every candidate a column, in the
/// order and with the names `ModelLowering` gives them, evaluated a block of users at a time and
/// never held all at once. A pass over the columns costs what building every candidate costs.
public final class WholeProgram: ProgramStream, @unchecked Sendable {
    public let problem: Problem
    public let generator: CandidateGenerator
    public let users: [Int]
    public let rows: [StreamRow]
    /// Rows of each candidate's column.
    let columnRows: ColumnRows
    let counted: StreamCounts
    /// Column names when some id would not survive as it is in an LP or MPS name (then the names
    /// are made valid and unique over the whole program, which needs them all at once).
    let sanitizedColumnNames: [String]?
    /// Users whose candidates are built at once, over the cores.
    static let blockSize = 512

    public var name: String { "edgeplan" }
    public var sense: ObjectiveSense { .maximize }
    public var objectiveConstant: Double { 0 }

    /// Takes one pass over the candidates to find which rows have terms (the lowering writes no
    /// empty capacity or user-limit row) and how many.
    public init(generator: CandidateGenerator, users: [Int]) {
        let problem = generator.problem
        self.problem = problem
        self.generator = generator
        self.users = users
        let topology = problem.topology
        let kinds = ResourceKind.allCases
        var capacityTerms = [Int](repeating: 0, count: topology.servers.count * kinds.count)
        var userLimitTerms = [Int](repeating: 0, count: topology.baseStations.count)
        var assignmentTerms = [Int](repeating: 0, count: users.count)
        var columnCount = 0
        let demands = users.map { user in
            kinds.map { problem.apps[problem.workload.users[user].app].resources[$0] / $0.modelUnit }
        }
        Self.forEachBlock(users: users, generator: generator) { position, candidates in
            assignmentTerms[position] = candidates.count
            columnCount += candidates.count
            for candidate in candidates {
                for k in kinds.indices where demands[position][k] > 0 {
                    capacityTerms[candidate.server.rawValue * kinds.count + k] += 1
                }
                if topology.baseStations[candidate.baseStation.rawValue].maxUsers != nil {
                    userLimitTerms[candidate.baseStation.rawValue] += 1
                }
            }
        }
        var rows: [StreamRow] = users.map {
            StreamRow(name: "assign#\(problem.workload.users[$0].id)", lower: 1, upper: 1)
        }
        var perRow = assignmentTerms
        var capacityRows = [Int32](repeating: -1, count: capacityTerms.count)
        for server in topology.servers {
            for (k, kind) in kinds.enumerated() where capacityTerms[server.index.rawValue * kinds.count + k] > 0 {
                capacityRows[server.index.rawValue * kinds.count + k] = Int32(rows.count)
                rows.append(
                    StreamRow(
                        name: "cap#\(server.id)#\(kind.rawValue)", lower: -.infinity,
                        upper: max(0, server.available(kind)) / kind.modelUnit))
                perRow.append(capacityTerms[server.index.rawValue * kinds.count + k])
            }
        }
        var userLimitRows = [Int32](repeating: -1, count: userLimitTerms.count)
        for station in topology.baseStations where userLimitTerms[station.index.rawValue] > 0 {
            guard let limit = station.maxUsers else { continue }
            userLimitRows[station.index.rawValue] = Int32(rows.count)
            rows.append(StreamRow(name: "users#\(station.id)", lower: -.infinity, upper: Double(max(0, limit))))
            perRow.append(userLimitTerms[station.index.rawValue])
        }
        columnRows = ColumnRows(capacity: capacityRows, userLimit: userLimitRows)
        counted = StreamCounts(columns: columnCount, nonzeros: perRow.reduce(0, +), nonzerosPerRow: perRow)
        // Names are the lowering's; they pass through the writers' sanitizer unchanged when every
        // id is already valid and holds no "#" (so no two names can meet).
        let ids =
            problem.workload.users.map(\.id) + topology.baseStations.map(\.id) + topology.servers.map(\.id)
        let clean = ids.allSatisfy { Self.isClean($0) }
        if clean {
            self.rows = rows
            sanitizedColumnNames = nil
        } else {
            var names: [String] = []
            names.reserveCapacity(columnCount)
            Self.forEachBlock(users: users, generator: generator) { position, candidates in
                for candidate in candidates {
                    names.append(ColumnRows.name(problem, user: users[position], candidate: candidate))
                }
            }
            var used = Set<String>()
            let columns = names.enumerated().map {
                NameSanitizer.unique(NameSanitizer.clean($0.element, fallback: "x\($0.offset)"), &used)
            }
            self.rows = rows.enumerated().map { index, row in
                StreamRow(
                    name: NameSanitizer.unique(NameSanitizer.clean(row.name, fallback: "r\(index)"), &used),
                    lower: row.lower,
                    upper: row.upper)
            }
            sanitizedColumnNames = columns
        }
    }

    public func counts() -> StreamCounts { counted }

    public func isTaken(_ name: String) -> Bool {
        // Column names begin with "z#"; the writers only ask for "obj…" and "objective#constant…".
        rows.contains { $0.name == name } || name.hasPrefix("z#")
    }

    public func forEachColumn(_ body: (StreamColumn) throws -> Void) throws {
        let kinds = ResourceKind.allCases
        var index = 0
        var failure: (any Error)?
        Self.forEachBlock(users: users, generator: generator) { position, candidates in
            guard failure == nil else { return }
            let user = problem.workload.users[users[position]]
            let demand = kinds.map { problem.apps[user.app].resources[$0] / $0.modelUnit }
            for candidate in candidates {
                let (rows, coefficients) = columnRows.entries(
                    assignmentRow: position, candidate: candidate, demand: demand)
                let name =
                    sanitizedColumnNames?[index]
                    ?? ColumnRows.name(problem, user: users[position], candidate: candidate)
                index += 1
                do {
                    try body(
                        StreamColumn(
                            name: name, objective: candidate.objectiveSeconds, lowerBound: 0, upperBound: 1,
                            isInteger: true, rows: rows.map(Int.init), coefficients: coefficients))
                } catch {
                    failure = error
                    return
                }
            }
        }
        if let failure { throw failure }
    }

    /// Every user's candidates, in user order, built a block at a time over the cores.
    static func forEachBlock(
        users: [Int], generator: CandidateGenerator, _ body: (_ position: Int, [Candidate]) -> Void
    ) {
        var start = 0
        while start < users.count {
            let end = min(users.count, start + blockSize)
            let block = CandidateColumns.parallelMap(end - start) {
                generator.candidates(forUser: users[start + $0]).candidates
            }
            for (offset, candidates) in block.enumerated() { body(start + offset, candidates) }
            start = end
        }
    }

    /// Whether an id is a valid LP and MPS name part as it is: letters, digits and the punctuation
    /// both formats take, no "#", not too long. (A leading digit is fine: names begin with "z#".)
    static func isClean(_ id: String) -> Bool {
        guard !id.isEmpty, id.unicodeScalars.count <= 60 else { return false }
        return id.unicodeScalars.allSatisfy { scalar in
            scalar.isASCII && scalar != "#"
                && (("a"..."z").contains(scalar) || ("A"..."Z").contains(scalar) || ("0"..."9").contains(scalar)
                    || NameSanitizer.allowedPunctuation.contains(scalar))
        }
    }
}
