public import MILP

/// Writes a model in free MPS. MPS has no standard way to say "maximise" that every reader takes
/// (GLPK rejects OBJSENSE, CBC aborts on it before NAME), so a maximisation is written as the
/// minimisation of the negated objective; the header comment says so, and the optimum a reader
/// reports is the negated optimum of the model.
public enum MPSWriter {
    public static func write(_ model: MILPModel) -> String {
        let names = NameSanitizer(model)
        let sink = StringSink()
        // Writing to strings cannot fail.
        try? write(
            ModelStream(model, variableNames: names.variables, constraintNames: names.constraints), to: sink,
            section: { StringSink() })
        return sink.text
    }

    /// Writes `stream` to `sink` in one pass over the columns (MPS lists them column by column);
    /// the BOUNDS section goes to a `section` sink meanwhile.
    public static func write(
        _ stream: some ProgramStream, to sink: any TextSink, section: () throws -> any SectionSink
    ) throws {
        let negate = stream.sense == .maximize
        let rows = stream.rows
        var objectiveRow = "obj"
        while stream.isTaken(objectiveRow) { objectiveRow += "_" }
        try sink.write("* edgeplan model \(stream.name)\n")
        if negate {
            try sink.write("* maximisation written as minimisation: every objective coefficient is negated\n")
        }
        try sink.write("NAME \(NameSanitizer.clean(stream.name, fallback: "edgeplan"))\nROWS\n N \(objectiveRow)\n")
        for row in rows {
            let type = row.lower == row.upper ? "E" : (row.upper.isFinite ? "L" : (row.lower.isFinite ? "G" : "N"))
            try sink.write(" \(type) \(row.name)\n")
        }
        // Readers disagree on the sign of an objective RHS (GLPK adds it, others subtract it), so a
        // constant becomes a column fixed at 1.
        var constantColumn: String?
        if stream.objectiveConstant != 0 {
            var name = "objective#constant"
            while stream.isTaken(name) || name == objectiveRow { name += "_" }
            constantColumn = name
        }
        let bounds = try section()
        if let constantColumn { try bounds.write(" FX BND \(constantColumn) 1\n") }
        try sink.write("COLUMNS\n")
        var inInteger = false
        var markers = 0
        try stream.forEachColumn { column in
            if column.isInteger != inInteger {
                markers += 1
                try sink.write(" M\(markers) 'MARKER' '\(column.isInteger ? "INTORG" : "INTEND")'\n")
                inInteger = column.isInteger
            }
            // Entries: the objective first, then rows in order; a column with none is still declared.
            var written = false
            if column.objective != 0 {
                let value = negate ? -column.objective : column.objective
                try sink.write(" \(column.name) \(objectiveRow) \(NumberFormat.text(value))\n")
                written = true
            }
            for (row, value) in zip(column.rows, column.coefficients) {
                try sink.write(" \(column.name) \(rows[row].name) \(NumberFormat.text(value))\n")
                written = true
            }
            if !written { try sink.write(" \(column.name) \(objectiveRow) 0\n") }
            try bounds.write(boundsLines(column))
        }
        if inInteger { try sink.write(" M\(markers + 1) 'MARKER' 'INTEND'\n") }
        if let constantColumn {
            let constant = negate ? -stream.objectiveConstant : stream.objectiveConstant
            try sink.write(" \(constantColumn) \(objectiveRow) \(NumberFormat.text(constant))\n")
        }
        try sink.write("RHS\n")
        for row in rows {
            let rhs = row.lower == row.upper || !row.upper.isFinite ? row.lower : row.upper
            if rhs.isFinite, rhs != 0 { try sink.write(" RHS \(row.name) \(NumberFormat.text(rhs))\n") }
        }
        let ranged = rows.filter { $0.lower.isFinite && $0.upper.isFinite && $0.lower != $0.upper }
        if !ranged.isEmpty {
            try sink.write("RANGES\n")
            for row in ranged { try sink.write(" RNG \(row.name) \(NumberFormat.text(row.upper - row.lower))\n") }
        }
        try sink.write("BOUNDS\n")
        try bounds.copy(into: sink)
        try sink.write("ENDATA\n")
    }

    /// The BOUNDS lines of one column.
    static func boundsLines(_ column: StreamColumn) -> String {
        let name = column.name
        if column.isBinary { return " BV BND \(name)\n" }
        switch (column.lowerBound.isFinite, column.upperBound.isFinite) {
        case (false, false): return " FR BND \(name)\n"
        case (false, true): return " MI BND \(name)\n UP BND \(name) \(NumberFormat.text(column.upperBound))\n"
        case (true, false):
            var out = ""
            if column.lowerBound != 0 { out += " LO BND \(name) \(NumberFormat.text(column.lowerBound))\n" }
            // Some readers bound integer columns by 1 unless told otherwise.
            if column.isInteger { out += " PL BND \(name)\n" }
            return out
        case (true, true):
            if column.lowerBound == column.upperBound {
                return " FX BND \(name) \(NumberFormat.text(column.lowerBound))\n"
            }
            var out = ""
            if column.lowerBound != 0 { out += " LO BND \(name) \(NumberFormat.text(column.lowerBound))\n" }
            return out + " UP BND \(name) \(NumberFormat.text(column.upperBound))\n"
        }
    }
}
