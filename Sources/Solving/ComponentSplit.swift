public import MILP

/// An independent part of a program: its own columns and rows, re-indexed.
public struct ModelComponent: Sendable {
    public let model: MILPModel
    /// Column i of `model` is column `columns[i]` of the program it came from.
    public let columns: [Int]
    /// Row i of `model` is row `rows[i]` of the program it came from.
    public let rows: [Int]

    public init(model: MILPModel, columns: [Int], rows: [Int]) {
        self.model = model
        self.columns = columns
        self.rows = rows
    }

    /// Whether every row is an assignment row: each user then takes its best column (exact).
    public func isAssignmentOnly(in program: AssignmentProgram) -> Bool {
        rows.allSatisfy { program.isAssignment(row: $0) }
    }
}

/// Users linked by no remaining row are independent: each connected component of the user–row
/// graph (over active columns and kept rows) is a program of its own, and the answers add up.
public struct ComponentSplit: Reduction {
    public init() {}

    /// How to put the components' answers back together.
    public struct Layout: Sendable {
        public let columnCount: Int
        public let objectiveConstant: Double
        public let components: [ModelComponent]
        public let statistics: ReductionStatistics
    }

    public func apply(_ masked: MaskedProgram) -> (target: [ModelComponent], inverse: Layout) {
        let program = masked.program
        let model = program.model
        let columnUser = program.columns.map { Int($0.user) }
        var parent = Array(0..<max(program.userCount, 1))
        func find(_ x: Int) -> Int {
            var x = x
            while parent[x] != x {
                parent[x] = parent[parent[x]]
                x = parent[x]
            }
            return x
        }
        let kept = model.constraints.indices.filter { masked.isRowKept[$0] }
        for index in kept {
            var first: Int?
            for term in model.constraints[index].terms where masked.isColumnActive[term.variable] {
                let user = columnUser[term.variable]
                guard let anchor = first else {
                    first = user
                    continue
                }
                let (a, b) = (find(anchor), find(user))
                if a != b { parent[a] = b }
            }
        }
        // Group columns and rows by the root of their users, in first-appearance order.
        var componentOfRoot: [Int: Int] = [:]
        var componentColumns: [[Int]] = []
        var componentRows: [[Int]] = []
        for (column, user) in columnUser.enumerated() where masked.isColumnActive[column] {
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
            guard let term = row.terms.first(where: { masked.isColumnActive[$0.variable] }),
                let component = componentOfRoot[find(columnUser[term.variable])]
            else {
                // A row without columns (a user with no candidate, or an overfilled reservation).
                orphanRows.append(index)
                continue
            }
            componentRows[component].append(index)
        }
        var local = [Int](repeating: -1, count: model.variables.count)
        var components: [ModelComponent] = zip(componentColumns, componentRows).map { columns, rows in
            for (position, column) in columns.enumerated() { local[column] = position }
            let sub = MILPModel(
                name: model.name, sense: model.sense, variables: columns.map { model.variables[$0] },
                constraints: rows.map { index in
                    var row = model.constraints[index]
                    row.terms = row.terms.compactMap { term in
                        masked.isColumnActive[term.variable] ? MILPTerm(local[term.variable], term.coefficient) : nil
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
        var statistics = ReductionStatistics()
        statistics.componentCount = components.count
        statistics.solverComponentCount = components.filter { !$0.isAssignmentOnly(in: program) }.count
        return (
            components,
            Layout(
                columnCount: model.variables.count, objectiveConstant: model.objectiveConstant,
                components: components, statistics: statistics)
        )
    }

    /// The components' answers as one: values placed back, objectives and bounds summed, and the
    /// status of the worst part.
    public func invert(_ answers: [MILPSolution], _ layout: Layout) -> ProgramAnswer {
        var values = [Double](repeating: 0, count: layout.columnCount)
        var objective = layout.objectiveConstant
        var bound: Double? = layout.objectiveConstant
        var status = SolveStatus.optimal
        var infeasible: [ModelComponent] = []
        var messages: [String] = []
        var backend = ""
        for (component, answer) in zip(layout.components, answers) {
            backend = answer.backend
            if let message = answer.message { messages.append(message) }
            let partStatus = SolveStatus(answer)
            status = max(status, partStatus)
            if partStatus == .infeasible { infeasible.append(component) }
            if let point = answer.values, answer.primal == .feasiblePoint {
                for (local, column) in component.columns.enumerated() { values[column] = point[local] }
                objective += answer.objective ?? 0
            }
            if let partBound = answer.bound, let total = bound { bound = total + partBound } else { bound = nil }
        }
        let hasPoint = status.hasSolution
        return ProgramAnswer(
            backend: backend, status: status, objective: hasPoint ? objective : nil,
            bound: status == .infeasible ? nil : bound, seconds: 0, values: hasPoint ? values : nil,
            message: messages.isEmpty ? nil : messages.joined(separator: "; "), statistics: layout.statistics,
            infeasibleComponents: infeasible)
    }
}
