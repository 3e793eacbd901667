public import MILP

/// Writes a model in free MPS. MPS has no standard way to say "maximise" that every reader takes
/// (GLPK rejects OBJSENSE, CBC aborts on it before NAME), so a maximisation is written as the
/// minimisation of the negated objective; the header comment says so, and the optimum a reader
/// reports is the negated optimum of the model.
public enum MPSWriter {
    public static func write(_ model: MILPModel) -> String {
        let names = NameSanitizer(model)
        let negate = model.sense == .maximize
        let objectiveRow = uniqueObjectiveName(names)
        var out = "* edgeplan model \(model.name)\n"
        if negate {
            out += "* maximisation written as minimisation: every objective coefficient is negated\n"
        }
        out += "NAME \(NameSanitizer.clean(model.name, fallback: "edgeplan"))\nROWS\n N \(objectiveRow)\n"
        for (index, row) in model.constraints.enumerated() {
            let type = row.lower == row.upper ? "E" : (row.upper.isFinite ? "L" : (row.lower.isFinite ? "G" : "N"))
            out += " \(type) \(names.constraints[index])\n"
        }
        // Entries of each column: the objective first, then rows in order.
        var entries = [[(row: String, value: Double)]](repeating: [], count: model.variables.count)
        for (index, variable) in model.variables.enumerated() where variable.objective != 0 {
            entries[index].append((objectiveRow, negate ? -variable.objective : variable.objective))
        }
        for (rowIndex, row) in model.constraints.enumerated() {
            for term in row.terms { entries[term.variable].append((names.constraints[rowIndex], term.coefficient)) }
        }
        out += "COLUMNS\n"
        var inInteger = false
        var markers = 0
        for (index, variable) in model.variables.enumerated() {
            if variable.isInteger != inInteger {
                markers += 1
                out += " M\(markers) 'MARKER' '\(variable.isInteger ? "INTORG" : "INTEND")'\n"
                inInteger = variable.isInteger
            }
            let name = names.variables[index]
            // A column with no entry must still be declared.
            let columnEntries = entries[index].isEmpty ? [(objectiveRow, 0.0)] : entries[index]
            for entry in columnEntries { out += " \(name) \(entry.row) \(NumberFormat.text(entry.value))\n" }
        }
        if inInteger { out += " M\(markers + 1) 'MARKER' 'INTEND'\n" }
        // Readers disagree on the sign of an objective RHS (GLPK adds it, others subtract it), so a
        // constant becomes a column fixed at 1.
        var constantColumn: String?
        if model.objectiveConstant != 0 {
            let taken = Set(names.variables + names.constraints + [objectiveRow])
            var name = "objective#constant"
            while taken.contains(name) { name += "_" }
            constantColumn = name
            let constant = negate ? -model.objectiveConstant : model.objectiveConstant
            out += " \(name) \(objectiveRow) \(NumberFormat.text(constant))\n"
        }
        out += "RHS\n"
        for (index, row) in model.constraints.enumerated() {
            let rhs = row.lower == row.upper || !row.upper.isFinite ? row.lower : row.upper
            if rhs.isFinite, rhs != 0 { out += " RHS \(names.constraints[index]) \(NumberFormat.text(rhs))\n" }
        }
        let ranged = model.constraints.indices.filter {
            let row = model.constraints[$0]
            return row.lower.isFinite && row.upper.isFinite && row.lower != row.upper
        }
        if !ranged.isEmpty {
            out += "RANGES\n"
            for index in ranged {
                let row = model.constraints[index]
                out += " RNG \(names.constraints[index]) \(NumberFormat.text(row.upper - row.lower))\n"
            }
        }
        out += "BOUNDS\n"
        if let constantColumn { out += " FX BND \(constantColumn) 1\n" }
        for (index, variable) in model.variables.enumerated() {
            let name = names.variables[index]
            if variable.isBinary {
                out += " BV BND \(name)\n"
                continue
            }
            switch (variable.lowerBound.isFinite, variable.upperBound.isFinite) {
            case (false, false): out += " FR BND \(name)\n"
            case (false, true):
                out += " MI BND \(name)\n UP BND \(name) \(NumberFormat.text(variable.upperBound))\n"
            case (true, false):
                if variable.lowerBound != 0 { out += " LO BND \(name) \(NumberFormat.text(variable.lowerBound))\n" }
                // Some readers bound integer columns by 1 unless told otherwise.
                if variable.isInteger { out += " PL BND \(name)\n" }
            case (true, true):
                if variable.lowerBound == variable.upperBound {
                    out += " FX BND \(name) \(NumberFormat.text(variable.lowerBound))\n"
                } else {
                    if variable.lowerBound != 0 { out += " LO BND \(name) \(NumberFormat.text(variable.lowerBound))\n" }
                    out += " UP BND \(name) \(NumberFormat.text(variable.upperBound))\n"
                }
            }
        }
        out += "ENDATA\n"
        return out
    }

    private static func uniqueObjectiveName(_ names: NameSanitizer) -> String {
        let taken = Set(names.variables + names.constraints)
        var name = "obj"
        while taken.contains(name) { name += "_" }
        return name
    }
}
