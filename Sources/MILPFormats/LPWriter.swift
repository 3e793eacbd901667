public import MILP

/// Writes a model in CPLEX LP format, deterministically (GLPK's `glpsol --lp` and CBC read it).
public enum LPWriter {
    /// Terms per line, so lines stay short for any reader.
    static let termsPerLine = 6

    public static func write(_ model: MILPModel) -> String {
        let names = NameSanitizer(model)
        var out = "\\ edgeplan model \(model.name)\n"
        out +=
            "\\ \(model.variables.count) variables, \(model.constraints.count) constraints, \(model.nonzeroCount) nonzeros\n"
        out += model.sense == .maximize ? "Maximize\n" : "Minimize\n"
        var objectiveTerms = model.variables.enumerated().compactMap { index, variable in
            variable.objective == 0 ? nil : (variable.objective, names.variables[index])
        }
        // An objective needs at least one term.
        if objectiveTerms.isEmpty, let first = names.variables.first { objectiveTerms = [(0, first)] }
        // GLPK's LP reader takes no constant term: it becomes a column fixed at 1.
        var constantColumn: String?
        if model.objectiveConstant != 0 {
            let taken = Set(names.variables + names.constraints)
            var name = "objective#constant"
            while taken.contains(name) { name += "_" }
            constantColumn = name
            objectiveTerms.append((model.objectiveConstant, name))
        }
        out += " obj:" + expression(objectiveTerms)
        out += "\n"
        out += "Subject To\n"
        for (index, row) in model.constraints.enumerated() {
            let terms = row.terms.map { ($0.coefficient, names.variables[$0.variable]) }
            let name = names.constraints[index]
            let body = terms.isEmpty ? " 0 \(names.variables.first ?? "x")" : expression(terms)
            if row.lower == row.upper {
                out += " \(name):\(body) = \(NumberFormat.text(row.upper))\n"
            } else {
                if row.lower.isFinite {
                    let suffix = row.upper.isFinite ? "#lower" : ""
                    out += " \(name)\(suffix):\(body) >= \(NumberFormat.text(row.lower))\n"
                }
                if row.upper.isFinite {
                    let suffix = row.lower.isFinite ? "#upper" : ""
                    out += " \(name)\(suffix):\(body) <= \(NumberFormat.text(row.upper))\n"
                }
            }
        }
        out += "Bounds\n"
        if let constantColumn { out += " \(constantColumn) = 1\n" }
        for (index, variable) in model.variables.enumerated() where !variable.isBinary {
            let name = names.variables[index]
            switch (variable.lowerBound.isFinite, variable.upperBound.isFinite) {
            case (false, false): out += " \(name) free\n"
            case (true, false):
                if variable.lowerBound != 0 { out += " \(name) >= \(NumberFormat.text(variable.lowerBound))\n" }
            case (false, true): out += " -inf <= \(name) <= \(NumberFormat.text(variable.upperBound))\n"
            case (true, true):
                out +=
                    " \(NumberFormat.text(variable.lowerBound)) <= \(name) <= \(NumberFormat.text(variable.upperBound))\n"
            }
        }
        let generals = model.variables.indices.filter { model.variables[$0].isInteger && !model.variables[$0].isBinary }
        if !generals.isEmpty { out += "Generals\n" + list(generals.map { names.variables[$0] }) }
        let binaries = model.variables.indices.filter { model.variables[$0].isBinary }
        if !binaries.isEmpty { out += "Binaries\n" + list(binaries.map { names.variables[$0] }) }
        out += "End\n"
        return out
    }

    private static func signed(_ value: Double) -> String {
        value < 0 ? "- \(NumberFormat.text(-value))" : "+ \(NumberFormat.text(value))"
    }

    private static func expression(_ terms: [(Double, String)]) -> String {
        var out = ""
        for (index, (coefficient, name)) in terms.enumerated() {
            if index > 0, index % termsPerLine == 0 { out += "\n   " }
            out += " \(signed(coefficient)) \(name)"
        }
        return out
    }

    private static func list(_ names: [String]) -> String {
        stride(from: 0, to: names.count, by: 8).map {
            " " + names[$0..<min($0 + 8, names.count)].joined(separator: " ") + "\n"
        }
        .joined()
    }
}
