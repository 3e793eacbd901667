/// Draws the what-if section: the scenarios in a table, then one bar chart per metric with a bar
/// per scenario (a failed scenario's bar is drawn full width, dashed, and says so).
struct WhatIfRenderer {
    let scenarios: [WhatIfScenario]

    static let labelWidth = 120.0
    static let plotWidth = 170.0
    static let valueWidth = 80.0
    static let rowHeight = 20.0

    /// The metrics drawn: the replay's always, the solver's when some scenario gives them.
    var metrics: [WhatIfMetric] {
        WhatIfMetric.overall
            + WhatIfMetric.solver.filter { metric in scenarios.contains { $0.values[metric.key] != nil } }
    }

    func render() -> String {
        var out = "<table class=\"scenarios\"><tr><th>scenario</th><th>planner</th><th>what differs from the base</th>"
        out += "<th>status</th><th>inputs</th></tr>"
        for (index, scenario) in scenarios.enumerated() {
            let changes =
                scenario.changes.isEmpty
                ? (index == 0 ? "the base" : "—") : scenario.changes.map(HTMLText.escape).joined(separator: "<br>")
            let status =
                scenario.failure.map { "<span class=\"failed\">failed: \(HTMLText.escape($0))</span>" }
                ?? HTMLText.escape(scenario.status ?? "")
            out += "<tr><td>\(HTMLText.escape(scenario.name))</td><td>\(HTMLText.escape(scenario.planner ?? ""))</td>"
            out += "<td>\(changes)</td><td>\(status)</td><td>"
            out += scenario.inputs.map { HTMLText.escape($0.path) }.joined(separator: "<br>") + "</td></tr>"
        }
        out += "</table>\n<div class=\"charts\">"
        for metric in metrics { out += chart(metric) }
        return out + "</div>\n"
    }

    /// One metric across the scenarios, bars from a zero line (objectives may be negative).
    private func chart(_ metric: WhatIfMetric) -> String {
        let values = scenarios.map { $0.failure == nil ? $0.values[metric.key].map { $0 * metric.factor } : nil }
        let known = values.compactMap { $0 }
        let low = min(known.min() ?? 0, 0)
        var high = max(known.max() ?? 0, 0)
        if high == low { high = low + 1 }
        func x(_ value: Double) -> Double { Self.labelWidth + (value - low) / (high - low) * Self.plotWidth }
        let width = Self.labelWidth + Self.plotWidth + Self.valueWidth
        let height = Self.rowHeight * Double(scenarios.count) + 4
        let unit = metric.unit.isEmpty ? "" : " (\(metric.unit))"
        var out = "<figure data-metric=\"\(HTMLText.attribute(metric.key))\"><figcaption>"
        out += HTMLText.escape(metric.label + unit) + "</figcaption>"
        out += "<svg width=\"\(ShortNumber.format(width))\" height=\"\(ShortNumber.format(height))\" "
        out += "xmlns=\"http://www.w3.org/2000/svg\">"
        let base = values.first ?? nil
        for (index, scenario) in scenarios.enumerated() {
            let top = Double(index) * Self.rowHeight + 2
            let name = HTMLText.escape(scenario.name)
            out += "<text class=\"name\" x=\"\(ShortNumber.format(Self.labelWidth - 6))\" "
            out += "y=\"\(ShortNumber.format(top + 13))\">\(name)</text>"
            let attributes =
                "data-scenario=\"\(HTMLText.attribute(scenario.name))\" data-metric=\"\(HTMLText.attribute(metric.key))\""
            let (barClass, left, right, label, title): (String, Double, Double, String, String)
            if let failure = scenario.failure {
                (barClass, left, right, label) = (
                    "bar failed", Self.labelWidth, Self.labelWidth + Self.plotWidth, "failed"
                )
                title = "\(scenario.name): failed: \(failure)"
            } else if let value = values[index] {
                let text = ShortNumber.format(value, decimals: 3) + (metric.unit.isEmpty ? "" : " " + metric.unit)
                (left, right) = (min(x(0), x(value)), max(x(0), x(value)))
                (barClass, label) = (index == 0 ? "bar base" : "bar", ShortNumber.format(value, decimals: 2))
                title = "\(scenario.name): \(text)" + Self.relative(value, to: index == 0 ? nil : base)
            } else {
                // Still one bar, so every scenario has its place in every chart.
                (barClass, left, right, label) = ("bar missing", Self.labelWidth, Self.labelWidth + 1, "n/a")
                title = "\(scenario.name): not given"
            }
            out += "<rect \(attributes) class=\"\(barClass)\" x=\"\(ShortNumber.format(left))\" "
            out += "y=\"\(ShortNumber.format(top + 2))\" width=\"\(ShortNumber.format(max(right - left, 1)))\" "
            out +=
                "height=\"\(ShortNumber.format(Self.rowHeight - 6))\"><title>\(HTMLText.escape(title))</title></rect>"
            out += "<text class=\"value\" x=\"\(ShortNumber.format(Self.labelWidth + Self.plotWidth + 4))\" "
            out += "y=\"\(ShortNumber.format(top + 13))\">\(label)</text>"
        }
        return out + "</svg></figure>"
    }

    /// ` (+12.5 % against the base)`, when the base has a non-zero value to compare with.
    static func relative(_ value: Double, to base: Double?) -> String {
        guard let base, base != 0 else { return "" }
        let change = (value - base) / abs(base) * 100
        return " (\(change >= 0 ? "+" : "")\(ShortNumber.format(change, decimals: 1)) % against the base)"
    }
}
