public import MILP

/// Writes a model in CPLEX LP format, deterministically (GLPK's `glpsol --lp` and CBC read it).
public enum LPWriter {
    /// Terms per line, so lines stay short for any reader.
    static let termsPerLine = 6

    public static func write(_ model: MILPModel) -> String {
        let names = NameSanitizer(model)
        let sink = StringSink()
        // Writing to strings cannot fail.
        try? write(
            ModelStream(model, variableNames: names.variables, constraintNames: names.constraints), to: sink,
            termBudget: .max, section: { StringSink() })
        return sink.text
    }

    /// Writes `stream` to `sink`. LP lists constraints row by row while the stream gives columns,
    /// so the rows are written in batches of at most `termBudget` terms, one pass over the columns
    /// each; the Bounds, Generals and Binaries sections go to `section` sinks meanwhile.
    public static func write(
        _ stream: some ProgramStream, to sink: any TextSink, termBudget: Int,
        section: () throws -> any SectionSink
    ) throws {
        let counts = try stream.counts()
        let rows = stream.rows
        try sink.write("\\ edgeplan model \(stream.name)\n")
        try sink.write("\\ \(counts.columns) variables, \(rows.count) constraints, \(counts.nonzeros) nonzeros\n")
        try sink.write(stream.sense == .maximize ? "Maximize\n" : "Minimize\n")
        // GLPK's LP reader takes no constant term: it becomes a column fixed at 1.
        var constantColumn: String?
        if stream.objectiveConstant != 0 {
            var name = "objective#constant"
            while stream.isTaken(name) { name += "_" }
            constantColumn = name
        }
        let bounds = try section()
        let generals = NameList(sink: try section())
        let binaries = NameList(sink: try section())
        if let constantColumn { try bounds.write(" \(constantColumn) = 1\n") }
        var objective = Expression(sink: sink)
        try sink.write(" obj:")
        var firstColumn: String?
        try stream.forEachColumn { column in
            if firstColumn == nil { firstColumn = column.name }
            if column.objective != 0 { try objective.append(column.objective, column.name) }
            if column.isBinary {
                try binaries.append(column.name)
            } else {
                try bounds.write(boundsLine(column))
                if column.isInteger { try generals.append(column.name) }
            }
        }
        // An objective needs at least one term.
        if objective.count == 0, let firstColumn { try objective.append(0, firstColumn) }
        if let constantColumn { try objective.append(stream.objectiveConstant, constantColumn) }
        try sink.write("\n")
        try sink.write("Subject To\n")
        var start = 0
        while start < rows.count {
            // A batch of rows whose terms fit the budget (at least one row).
            var end = start + 1
            var terms = counts.nonzerosPerRow[start]
            while end < rows.count, terms + counts.nonzerosPerRow[end] <= termBudget {
                terms += counts.nonzerosPerRow[end]
                end += 1
            }
            var batch = [[(Double, String)]](repeating: [], count: end - start)
            try stream.forEachColumn { column in
                for (row, coefficient) in zip(column.rows, column.coefficients) where row >= start && row < end {
                    batch[row - start].append((coefficient, column.name))
                }
            }
            for (offset, terms) in batch.enumerated() {
                try writeRow(rows[start + offset], terms: terms, emptyBody: firstColumn ?? "x", to: sink)
            }
            start = end
        }
        try sink.write("Bounds\n")
        try bounds.copy(into: sink)
        try generals.finish()
        try binaries.finish()
        if generals.count > 0 {
            try sink.write("Generals\n")
            try generals.sink.copy(into: sink)
        }
        if binaries.count > 0 {
            try sink.write("Binaries\n")
            try binaries.sink.copy(into: sink)
        }
        try sink.write("End\n")
    }

    static func writeRow(_ row: StreamRow, terms: [(Double, String)], emptyBody: String, to sink: any TextSink) throws {
        let body: String
        if terms.isEmpty {
            body = " 0 \(emptyBody)"
        } else {
            let text = StringSink()
            var expression = Expression(sink: text)
            for (coefficient, name) in terms { try expression.append(coefficient, name) }
            body = text.text
        }
        if row.lower == row.upper {
            try sink.write(" \(row.name):\(body) = \(NumberFormat.text(row.upper))\n")
        } else {
            if row.lower.isFinite {
                let suffix = row.upper.isFinite ? "#lower" : ""
                try sink.write(" \(row.name)\(suffix):\(body) >= \(NumberFormat.text(row.lower))\n")
            }
            if row.upper.isFinite {
                let suffix = row.lower.isFinite ? "#upper" : ""
                try sink.write(" \(row.name)\(suffix):\(body) <= \(NumberFormat.text(row.upper))\n")
            }
        }
    }

    /// The Bounds line of a column that is not binary ("" where the default bounds hold).
    static func boundsLine(_ column: StreamColumn) -> String {
        let name = column.name
        switch (column.lowerBound.isFinite, column.upperBound.isFinite) {
        case (false, false): return " \(name) free\n"
        case (true, false):
            return column.lowerBound != 0 ? " \(name) >= \(NumberFormat.text(column.lowerBound))\n" : ""
        case (false, true): return " -inf <= \(name) <= \(NumberFormat.text(column.upperBound))\n"
        case (true, true):
            return
                " \(NumberFormat.text(column.lowerBound)) <= \(name) <= \(NumberFormat.text(column.upperBound))\n"
        }
    }

    /// A sum of terms, broken into lines of `termsPerLine`.
    struct Expression {
        let sink: any TextSink
        var count = 0

        mutating func append(_ coefficient: Double, _ name: String) throws {
            if count > 0, count % LPWriter.termsPerLine == 0 { try sink.write("\n   ") }
            let signed =
                coefficient < 0 ? "- \(NumberFormat.text(-coefficient))" : "+ \(NumberFormat.text(coefficient))"
            try sink.write(" \(signed) \(name)")
            count += 1
        }
    }

    /// Names eight to a line.
    final class NameList {
        let sink: any SectionSink
        private var line: [String] = []
        private(set) var count = 0

        init(sink: any SectionSink) { self.sink = sink }

        func append(_ name: String) throws {
            line.append(name)
            count += 1
            if line.count == 8 { try flush() }
        }

        func finish() throws { if !line.isEmpty { try flush() } }

        private func flush() throws {
            try sink.write(" " + line.joined(separator: " ") + "\n")
            line.removeAll(keepingCapacity: true)
        }
    }
}
