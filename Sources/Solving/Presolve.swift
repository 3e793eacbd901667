/// `NonBindingRows` and `DominatedColumns`, repeated until neither removes anything: removing
/// columns can leave rows unable to bind, and dropping rows frees more columns to be compared.
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
