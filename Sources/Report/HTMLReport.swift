public import EdgeModel
public import Plan

/// The report of a plan as one self-contained HTML page: the plan's facts and the solver's
/// figures, a map, a timeline and, when given, the what-if charts. Nothing is fetched: the page
/// is readable offline. The same inputs give the same bytes (no timestamps, stable order).
public struct HTMLReport: Sendable {
    /// The page.
    public let html: String
    /// Ways the plan and the inputs disagree; the page shows them too.
    public let warnings: [String]

    /// Renders `plan` over `problem` (the inputs it was made from), with `whatIf` scenarios if any.
    public init(problem: Problem, plan: Plan, whatIf: [WhatIfScenario]? = nil) {
        let actions = PlanActions(plan)
        let known = Set(problem.workload.users.map(\.id))
        let strangers = actions.usersInPlanOrder.filter { !known.contains($0) }
        var warnings: [String] = []
        let hashes = Set(problem.inputs.map(\.sha256))
        for input in plan.inputs where !hashes.contains(input.sha256) {
            warnings.append("the plan was made from \(input.path), whose content is not among these inputs")
        }
        if !strangers.isEmpty {
            let listed = strangers.prefix(5).joined(separator: ", ") + (strangers.count > 5 ? ", …" : "")
            warnings.append(
                "\(strangers.count) user\(strangers.count == 1 ? "" : "s") of the plan not in the workload (\(listed)): timeline only"
            )
        }
        self.warnings = warnings

        let title = "edgeplan report: policy \(plan.policy), \(plan.planner) planner"
        var out = "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n"
        out += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
        out += "<title>\(HTMLText.escape(title))</title>\n<style>\n\(ReportStyle.css)\n</style></head><body>\n"
        out += "<h1>\(HTMLText.escape(title))</h1>\n"
        if !warnings.isEmpty {
            out += "<ul class=\"warnings\">" + warnings.map { "<li>\(HTMLText.escape($0))</li>" }.joined() + "</ul>\n"
        }
        let facts = ReportFacts(problem: problem, plan: plan, actions: actions)
        out += "<div class=\"top\"><section id=\"plan\"><h2>Plan</h2>\(facts.planTable())</section>\n"
        out += "<section id=\"solver\"><h2>Solver</h2>\(facts.solverTable())</section></div>\n"
        out += "<section id=\"map-section\"><h2>Map</h2>\n\(ReportFacts.mapLegend(problem: problem))\n"
        out += "<!-- Servers have no position in the inputs: each is drawn at the centroid of the base stations "
        out += "it links to directly, or on the row below the map when it links to none. -->\n"
        out += MapRenderer(problem: problem, actions: actions).render() + "</section>\n"
        out += "<section id=\"timeline-section\"><h2>Timeline</h2>\n\(ReportFacts.timelineLegend)\n"
        out += TimelineRenderer(problem: problem, actions: actions, strangers: strangers).render() + "</section>\n"
        if let whatIf {
            out += "<section id=\"whatif\"><h2>What-if</h2>\n"
            out += "<p>\(whatIf.count) scenario\(whatIf.count == 1 ? "" : "s"), the first the base; "
            out +=
                "one bar per scenario in each chart (pink with a dashed edge: the scenario failed; grey: not given).</p>\n"
            out += WhatIfRenderer(scenarios: whatIf).render() + "</section>\n"
        }
        out += "<script>\n\(ReportStyle.script)\n</script>\n</body></html>\n"
        self.html = out
    }
}
