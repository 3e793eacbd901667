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
