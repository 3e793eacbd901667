/// Drops a capacity or user-limit row that cannot bind: even if every user took the column with
/// its largest coefficient in the row, the row would hold. A user takes exactly one column, so the
/// sum of those largest coefficients bounds the row's activity.
public struct NonBindingRows: MaskReduction {
    public init() {}

    public func reduce(_ masked: inout MaskedProgram) -> Int {
        let program = masked.program
        let userCount = program.userCount
        var largest = [Double](repeating: -.infinity, count: userCount)
        var touched: [Int] = []
        var dropped = 0
        for (index, row) in program.model.constraints.enumerated()
        where masked.isRowKept[index] && !program.isAssignment(row: index) {
            var minimumActivity = 0.0
            for term in row.terms where masked.isColumnActive[term.variable] {
                let user = Int(program.columns[term.variable].user)
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
                masked.isRowKept[index] = false
                dropped += 1
            }
        }
        return dropped
    }
}

/// Removes a column when a column of the same user that uses a subset of its remaining rows has a
/// larger objective: swapping to that one never breaks a row and gains, so no optimum needs the
/// dominated column.
///
/// A column's remaining rows are those of its server and of its base station, with coefficients
/// that depend on the user only (`AssignmentProgram`), so a column of the same user whose server
/// and base station are each the same or have no row left uses a subset of them.
public struct DominatedColumns: MaskReduction {
    public init() {}

    /// The rows a column may still use: its server and base station where they still have rows
    /// (−1 where not), packed in one integer.
    static func signature(server: Int, station: Int) -> Int64 {
        Int64(server + 1) << 32 | Int64(station + 1)
    }

    static func parts(of signature: Int64) -> (server: Int, station: Int) {
        (Int(signature >> 32) - 1, Int(signature & 0xFFFF_FFFF) - 1)
    }

    public func reduce(_ masked: inout MaskedProgram) -> Int {
        let program = masked.program
        let model = program.model
        var scarceServer = [Bool](repeating: false, count: program.serverCount)
        var scarceStation = [Bool](repeating: false, count: program.stationCount)
        var swappable = [Bool](repeating: true, count: model.variables.count)
        for (index, row) in model.constraints.enumerated()
        where masked.isRowKept[index] && !program.isAssignment(row: index) {
            switch program.rows[index] {
            case .capacity(let server): scarceServer[Int(server)] = true
            case .userLimit(let station): scarceStation[Int(station)] = true
            case .assignment: break
            }
            // Rows that are not `≤` with nonnegative coefficients cannot be judged by the swap
            // argument: their columns stay.
            if row.lower != -.infinity || row.terms.contains(where: { $0.coefficient < 0 }) {
                for term in row.terms { swappable[term.variable] = false }
            }
        }
        var removed = 0
        var best: [Int64: Double] = [:]
        var signatures: [(column: Int, key: Int64)] = []
        for columns in program.columnsByUser() {
            best.removeAll(keepingCapacity: true)
            signatures.removeAll(keepingCapacity: true)
            for column in columns where masked.isColumnActive[column] && swappable[column] {
                let role = program.columns[column]
                let server = scarceServer[Int(role.server)] ? Int(role.server) : -1
                let station = scarceStation[Int(role.station)] ? Int(role.station) : -1
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
                    masked.isColumnActive[column] = false
                    removed += 1
                }
            }
        }
        return removed
    }
}

/// The two rules above, repeated until neither removes anything: removing columns can leave rows
/// unable to bind, and dropping rows frees more columns to be compared.
public struct Presolve: MaskReduction {
    public init() {}

    /// Rows dropped and columns removed by the last `reduce`.
    public func reduceCounting(_ masked: inout MaskedProgram) -> (rows: Int, columns: Int) {
        var rows = 0
        var columns = 0
        while true {
            let dropped = NonBindingRows().reduce(&masked)
            let removed = DominatedColumns().reduce(&masked)
            rows += dropped
            columns += removed
            if dropped == 0 && removed == 0 { return (rows, columns) }
        }
    }

    public func reduce(_ masked: inout MaskedProgram) -> Int {
        let counts = reduceCounting(&masked)
        return counts.rows + counts.columns
    }
}

extension AssignmentProgram {
    /// Users are numbered densely from 0.
    public var userCount: Int { Int(columns.map(\.user).max() ?? -1) + 1 }
    /// One more than the largest server index of any column or row.
    var serverCount: Int {
        let rowMax: Int32 =
            rows.lazy.compactMap { if case .capacity(let server) = $0 { server } else { nil } }.max() ?? -1
        return Int(max(columns.map(\.server).max() ?? -1, rowMax)) + 1
    }

    /// One more than the largest base station index of any column or row.
    var stationCount: Int {
        let rowMax: Int32 =
            rows.lazy.compactMap { if case .userLimit(let station) = $0 { station } else { nil } }.max() ?? -1
        return Int(max(columns.map(\.station).max() ?? -1, rowMax)) + 1
    }

    /// The columns of each user, in column order.
    public func columnsByUser() -> [[Int]] {
        var byUser = [[Int]](repeating: [], count: userCount)
        for (column, role) in columns.enumerated() { byUser[Int(role.user)].append(column) }
        return byUser
    }
}
