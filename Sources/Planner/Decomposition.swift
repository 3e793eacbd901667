import EdgeModel
public import MILP

/// An independent part of a lowered model: its own columns and rows, re-indexed.
public struct ModelComponent: Sendable {
    public let model: MILPModel
    /// Column i of `model` is column `columns[i]` of the full model.
    public let columns: [Int]
    /// Row i of `model` is row `rows[i]` of the full model.
    public let rows: [Int]
}

/// What the exact reductions leave: independent components, and what they removed.
public struct Reduction: Sendable {
    public let components: [ModelComponent]
    /// Rows (of the full model) that cannot bind.
    public let droppedRows: [Int]
    /// Columns (of the full model) fixed to 0 because another column of the same user is better
    /// and uses a subset of their remaining rows.
    public let dominatedColumns: [Int]
}

/// Exact reductions (each tested to keep the optimum):
/// - a capacity or user-limit row that cannot bind (even if every user took its largest demand in
///   it) is dropped;
/// - a column is dominated when a column of the same user that uses a subset of its remaining rows
///   (the same server or one with no row left, the same base station or one with no row left) has
///   a larger objective: swapping to that one never breaks a row and gains, so no optimum needs
///   the dominated column. Removing columns can make more rows unable to bind, so the two repeat
///   until neither changes anything;
/// - users linked by no remaining row are independent: each connected component of the
///   user–row graph is its own program.
public enum Decomposition {
    /// The rows a column of a user may still use: its server and base station where they still
    /// have rows (−1 where not), packed in one integer.
    static func signature(server: Int, station: Int) -> Int64 {
        Int64(server + 1) << 32 | Int64(station + 1)
    }

    static func parts(of signature: Int64) -> (server: Int, station: Int) {
        (Int(signature >> 32) - 1, Int(signature & 0xFFFF_FFFF) - 1)
    }

    public static func reduce(_ lowered: LoweredModel) -> Reduction {
        let model = lowered.model
        // The user of each column, and dense user numbers for union–find.
        var userSlot: [Int: Int] = [:]
        for origin in lowered.columns where userSlot[origin.user] == nil { userSlot[origin.user] = userSlot.count }
        let columnUser = lowered.columns.map { userSlot[$0.user] ?? 0 }
        let userCount = max(userSlot.count, 1)
        var active = [Bool](repeating: true, count: model.variables.count)
        var isAssignment = [Bool](repeating: false, count: model.constraints.count)
        for index in model.constraints.indices {
            if case .assignment = lowered.rows[index] { isAssignment[index] = true }
        }
        var rowKept = [Bool](repeating: true, count: model.constraints.count)
        var columnsOfUser = [[Int]](repeating: [], count: userCount)
        for (column, user) in columnUser.enumerated() { columnsOfUser[user].append(column) }
        // Each column's server and base station (−1 for a column of no candidate).
        var columnServer = [Int32](repeating: -1, count: model.variables.count)
        var columnStation = [Int32](repeating: -1, count: model.variables.count)
        for entry in lowered.candidates.values {
            for column in columnsOfUser[userSlot[entry.user] ?? 0] {
                let origin = lowered.columns[column]
                guard origin.user == entry.user, entry.candidates.indices.contains(origin.candidate) else { continue }
                columnServer[column] = Int32(entry.candidates[origin.candidate].server.rawValue)
                columnStation[column] = Int32(entry.candidates[origin.candidate].baseStation.rawValue)
            }
        }
        let serverCount = Int(columnServer.max() ?? 0) + 1
        let stationCount = Int(columnStation.max() ?? 0) + 1
        var largest = [Double](repeating: -.infinity, count: userCount)
        var touched: [Int] = []
        var dominated: [Int] = []
        while true {
            var changed = false
            for (index, row) in model.constraints.enumerated() where rowKept[index] && !isAssignment[index] {
                // Largest coefficient per user: a user takes exactly one column, so this bounds the row.
                var minimumActivity = 0.0
                for term in row.terms where active[term.variable] {
                    let user = columnUser[term.variable]
                    if largest[user] == -.infinity { touched.append(user) }
                    largest[user] = max(largest[user], term.coefficient)
                    minimumActivity += min(0, term.coefficient)
                }
                var maximumActivity = 0.0
                for user in touched {
                    maximumActivity += max(0, largest[user])
                    largest[user] = -.infinity
                }
                touched.removeAll(keepingCapacity: true)
                if maximumActivity <= row.upper && minimumActivity >= row.lower {
                    rowKept[index] = false
                    changed = true
                }
            }
            // Which servers and base stations still have a row. A column's remaining rows are those
            // of its server and its base station, with coefficients that depend on the user only
            // (its demand, or 1), so a column of the same user whose server or base station has no
            // row left — or is the same — uses a subset of what it uses.
            var scarceServer = [Bool](repeating: false, count: serverCount)
            var scarceStation = [Bool](repeating: false, count: stationCount)
            var swappable = [Bool](repeating: true, count: model.variables.count)
            for (index, row) in model.constraints.enumerated() where rowKept[index] && !isAssignment[index] {
                switch lowered.rows[index] {
                case .capacity(let server, _) where server.rawValue < scarceServer.count:
                    scarceServer[server.rawValue] = true
                case .userLimit(let station) where station.rawValue < scarceStation.count:
                    scarceStation[station.rawValue] = true
                default: break
                }
                // Rows that are not `≤` with nonnegative coefficients cannot be judged by the swap
                // argument: their columns stay.
                if row.lower != -.infinity || row.terms.contains(where: { $0.coefficient < 0 }) {
                    for term in row.terms { swappable[term.variable] = false }
                }
            }
            // Per user: the best objective of each signature (server, base station), then the test.
            var best: [Int64: Double] = [:]
            var signatures: [(column: Int, key: Int64)] = []
            for user in 0..<userCount {
                best.removeAll(keepingCapacity: true)
                signatures.removeAll(keepingCapacity: true)
                for column in columnsOfUser[user] where active[column] && swappable[column] {
                    guard columnServer[column] >= 0 else { continue }
                    let server = scarceServer[Int(columnServer[column])] ? Int(columnServer[column]) : -1
                    let station = scarceStation[Int(columnStation[column])] ? Int(columnStation[column]) : -1
                    let key = Self.signature(server: server, station: station)
                    signatures.append((column, key))
                    best[key] = max(best[key] ?? -.infinity, model.variables[column].objective)
                }
                for (column, key) in signatures {
                    let (server, station) = Self.parts(of: key)
                    guard server >= 0 || station >= 0 else { continue }  // nothing uses less
                    let objective = model.variables[column].objective
                    let dominators = [
                        key, Self.signature(server: server, station: -1), Self.signature(server: -1, station: station),
                        Self.signature(server: -1, station: -1),
                    ]
                    if dominators.contains(where: { objective < best[$0] ?? -.infinity }) {
                        active[column] = false
                        dominated.append(column)
                        changed = true
                    }
                }
            }
            if !changed { break }
        }
        var kept: [Int] = []
        var dropped: [Int] = []
        for index in model.constraints.indices {
            if rowKept[index] { kept.append(index) } else { dropped.append(index) }
        }
        var parent = Array(0..<max(userSlot.count, 1))
        func find(_ x: Int) -> Int {
            var x = x
            while parent[x] != x {
                parent[x] = parent[parent[x]]
                x = parent[x]
            }
            return x
        }
        for index in kept {
            let users = model.constraints[index].terms.filter { active[$0.variable] }.map { columnUser[$0.variable] }
            guard let first = users.first else { continue }
            for other in users.dropFirst() {
                let (a, b) = (find(first), find(other))
                if a != b { parent[a] = b }
            }
        }
        // Group columns and rows by the root of their users, in first-appearance order.
        var componentOfRoot: [Int: Int] = [:]
        var componentColumns: [[Int]] = []
        var componentRows: [[Int]] = []
        for (column, user) in columnUser.enumerated() where active[column] {
            let root = find(user)
            if componentOfRoot[root] == nil {
                componentOfRoot[root] = componentColumns.count
                componentColumns.append([])
                componentRows.append([])
            }
            componentColumns[componentOfRoot[root] ?? 0].append(column)
        }
        var orphanRows: [Int] = []
        for index in kept {
            let row = model.constraints[index]
            guard let term = row.terms.first(where: { active[$0.variable] }),
                let component = componentOfRoot[find(columnUser[term.variable])]
            else {
                // A row without columns (a user with no candidate, or an overfilled reservation).
                orphanRows.append(index)
                continue
            }
            componentRows[component].append(index)
        }
        var components: [ModelComponent] = zip(componentColumns, componentRows).map { columns, rows in
            var local = [Int: Int]()
            for (position, column) in columns.enumerated() { local[column] = position }
            let sub = MILPModel(
                name: model.name, sense: model.sense, variables: columns.map { model.variables[$0] },
                constraints: rows.map { index in
                    var row = model.constraints[index]
                    row.terms = row.terms.compactMap { term in
                        local[term.variable].map { MILPTerm($0, term.coefficient) }
                    }
                    return row
                })
            return ModelComponent(model: sub, columns: columns, rows: rows)
        }
        if !orphanRows.isEmpty {
            components.append(
                ModelComponent(
                    model: MILPModel(
                        name: model.name, sense: model.sense,
                        constraints: orphanRows.map { index in
                            var row = model.constraints[index]
                            row.terms = []  // only removed columns were in it
                            return row
                        }),
                    columns: [], rows: orphanRows))
        }
        return Reduction(components: components, droppedRows: dropped, dominatedColumns: dominated)
    }
}
