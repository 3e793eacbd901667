import EdgeModel
import Plan

/// The report's tables of facts (the plan's header, the solver) and its legends.
struct ReportFacts {
    let problem: Problem
    let plan: Plan
    let actions: PlanActions

    /// The plan's header, what it decided, and the problem it was drawn over.
    func planTable() -> String {
        let topology = problem.topology
        var rows: [(String, String)] = [
            ("policy", plan.policy + (plan.policyBuiltIn ? " (built-in)" : "")),
            ("planner, coordination", "\(plan.planner), \(plan.coordination)"),
            ("generator", "\(plan.generator.name) \(plan.generator.version), plan format \(plan.schemaVersion)"),
            (
                "planning time, horizon",
                "t = \(ShortNumber.format(plan.planningTime, decimals: 3)) s, Δt = \(ShortNumber.format(plan.horizon, decimals: 3)) s"
            ),
            (
                "span drawn",
                "\(ShortNumber.format(actions.start, decimals: 3)) s to \(ShortNumber.format(actions.end, decimals: 3)) s"
            ),
        ]
        if let epoch = plan.epoch { rows.append(("epoch (t = 0)", epoch)) }
        let changes = Dictionary(grouping: plan.decisions, by: \.change).mapValues(\.count)
        let changed = ["handover", "migration", "handover+migration", "none"].compactMap { kind in
            changes[kind].map { "\($0) \(kind)" }
        }
        rows.append(("decisions", "\(plan.decisions.count): " + changed.joined(separator: ", ")))
        let byType = Dictionary(grouping: plan.timeline, by: \.action.type).mapValues(\.count)
        let counted = ["pre-migration", "migration", "handover"].map { "\(byType[$0] ?? 0) \($0)" }
        rows.append(("actions", "\(actions.count): " + counted.joined(separator: ", ")))
        rows.append(("late decisions", String(plan.decisions.filter(\.late).count)))
        let tiers = ServerTier.allCases.map { tier in "\(topology.servers.filter { $0.tier == tier }.count) \(tier)" }
        rows.append(
            (
                "topology",
                "\(topology.name) (\(topology.coordinates.rawValue)): \(topology.baseStations.count) base stations, "
                    + "\(topology.servers.count) servers (\(tiers.joined(separator: ", "))), \(topology.links.count) links"
            ))
        let users = problem.workload.users.count
        rows.append(("workload", "\(problem.workload.name): \(users) user\(users == 1 ? "" : "s")"))
        rows.append(
            (
                "coverage drawn at",
                "rssiMin \(ShortNumber.format(problem.policy.rssiMin.value)) dBm (rule \(problem.policy.rssiRule.rawValue))"
            ))
        var table = Self.table(rows)
        table += "<details><summary>\(plan.inputs.count) input file\(plan.inputs.count == 1 ? "" : "s")</summary>"
        table +=
            "<table>"
            + plan.inputs.map {
                "<tr><td>\(HTMLText.escape($0.path))</td><td><code>\($0.sha256.prefix(16))…</code></td></tr>"
            }.joined()
        return table + "</table></details>"
    }

    /// The `solver` section: status, objective, bound and gap as the plan states them.
    func solverTable() -> String {
        let solver = plan.solver
        let absent = "— (not proved)"
        return Self.table([
            ("backend", solver.backend),
            ("status", solver.status),
            ("objective", solver.objective.map { ShortNumber.format($0, decimals: 6) } ?? absent),
            ("bound", solver.bound.map { ShortNumber.format($0, decimals: 6) } ?? absent),
            ("gap", solver.gap.map { ShortNumber.format($0 * 100, decimals: 4) + " %" } ?? absent),
            ("time", ShortNumber.format(solver.seconds, decimals: 3) + " s"),
            ("program", "\(solver.variables) variables, \(solver.constraints) constraints"),
        ])
    }

    static func table(_ rows: [(String, String)]) -> String {
        "<table class=\"facts\">"
            + rows.map { "<tr><td>\(HTMLText.escape($0.0))</td><td>\(HTMLText.escape($0.1))</td></tr>" }.joined()
            + "</table>"
    }

    /// What the marks of the map mean (the shapes are the map's own).
    static func mapLegend(problem: Problem) -> String {
        func icon(_ shape: String) -> String {
            "<svg width=\"20\" height=\"20\" viewBox=\"-10 -10 20 20\">\(shape)</svg>"
        }
        let rssiMin = ShortNumber.format(problem.policy.rssiMin.value)
        let items = [
            icon(
                "<circle r=\"8\" fill=\"#4a90d9\" fill-opacity=\".15\" stroke=\"#4a90d9\"/><circle r=\"3\" fill=\"#1f4e8c\"/>"
            )
                + " base station, circle where its RSSI estimate falls to \(rssiMin) dBm",
            icon("<path class=\"edge\" d=\"M-4-4h8v8h-8z\"/>") + " edge server",
            icon("<path class=\"regional\" d=\"M0-7l6.5 11h-13z\"/>") + " regional server",
            icon("<path class=\"cloud\" d=\"M0-9l9 9-9 9-9-9z\"/>") + " cloud server",
            icon("<line x1=\"-9\" y1=\"0\" x2=\"9\" y2=\"0\" stroke=\"#8a8a8a\"/>") + " link",
            icon("<circle cx=\"-6\" r=\"2.5\" fill=\"#555\"/><path d=\"M-6 0L9-4\" stroke=\"#555\" fill=\"none\"/>")
                + " user: where it is when the span starts, and its path",
            icon("<path d=\"M0-5l4.5 5-4.5 5-4.5-5z\" fill=\"#555\"/>") + " handover starts",
            icon("<path d=\"M-3.5-3.5h7v7h-7z\" fill=\"#555\"/>") + " migration starts",
            icon("<path d=\"M-3.5-3.5h7v7h-7z\" fill=\"#555\" stroke=\"#d00\" stroke-width=\"1.6\"/>")
                + " of a late decision",
        ]
        return "<div class=\"legend\">" + items.map { "<span>\($0)</span>" }.joined() + "</div>"
            + "<p>Servers are drawn where the base stations they link to directly are (their centroid); servers "
            + "linked to none are on the row below the map. Wheel: zoom; drag: pan; double click: back. "
            + "Hover for details.</p>"
    }

    static let timelineLegend = """
        <div class="legend"><span><svg width="24" height="12"><rect class="pre" width="24" height="12"/></svg> \
        pre-migration (service runs)</span><span><svg width="24" height="12"><rect class="mig" width="24" \
        height="12"/></svg> migration (service down)</span><span><svg width="24" height="12"><rect class="ho" \
        width="24" height="12"/></svg> handover (service down)</span><span><svg width="24" height="12"><rect \
        class="mig late" x="1" y="1" width="22" height="10"/></svg> late decision</span></div>\
        <p>One row per user; containers move in the upper half of a row, radio connections in the lower half.</p>
        """
}
