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
    /// and uses nothing scarce.
    public let dominatedColumns: [Int]
}

/// Exact reductions (each tested to keep the optimum):
/// - a capacity or user-limit row that cannot bind (even if every user took its largest demand in
///   it) is dropped;
/// - a column is dominated when a column of the same user that appears in no remaining row
///   (besides the user's assignment) has a larger objective: swapping to that one never breaks a
///   row and gains, so no optimum needs the dominated column. Removing columns can make more rows
///   unable to bind, so the two repeat until neither changes anything;
/// - users linked by no remaining row are independent: each connected component of the
///   user–row graph is its own program.
public enum Decomposition {
    public static func reduce(_ lowered: LoweredModel) -> (components: [ModelComponent], droppedRows: [Int]) {
        let reduction = reduceFully(lowered)
        return (reduction.components, reduction.droppedRows)
    }

    public static func reduceFully(_ lowered: LoweredModel) -> Reduction {
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
            // Columns in a remaining row are not free; those in a row that is not `≤` with
            // nonnegative coefficients cannot be judged by the swap argument, so they stay.
            var inRow = [Bool](repeating: false, count: model.variables.count)
            var swappable = [Bool](repeating: true, count: model.variables.count)
            for (index, row) in model.constraints.enumerated() where rowKept[index] && !isAssignment[index] {
                let monotone = row.lower == -.infinity && row.terms.allSatisfy { $0.coefficient >= 0 }
                for term in row.terms {
                    inRow[term.variable] = true
                    if !monotone { swappable[term.variable] = false }
                }
            }
            var bestFree = [Double](repeating: -.infinity, count: userCount)
            for column in model.variables.indices where active[column] && !inRow[column] {
                let user = columnUser[column]
                bestFree[user] = max(bestFree[user], model.variables[column].objective)
            }
            for column in model.variables.indices where active[column] && inRow[column] && swappable[column] {
                if model.variables[column].objective < bestFree[columnUser[column]] {
                    active[column] = false
                    dominated.append(column)
                    changed = true
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
