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
