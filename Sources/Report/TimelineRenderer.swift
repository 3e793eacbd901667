import EdgeModel
import Plan

/// Draws the timeline: one row per user, a bar per action on a shared time axis.
struct TimelineRenderer {
    let problem: Problem
    let actions: PlanActions
    /// Users of the plan that the workload lacks (drawn last, so every action still gets its bar).
    let strangers: [String]

    static let labelWidth = 140.0
    static let plotWidth = 850.0
    static let width = labelWidth + plotWidth + 10
    /// Bars narrower than this would vanish: a 50 ms handover on a ten-minute axis is 0.07 px.
    static let minimumBarWidth = 1.5

    /// The axis (kept in view) and the rows (scrolling) as two SVG elements.
    func render() -> String {
        let users = problem.workload.users.map(\.id) + strangers
        // Rows shrink for crowds so that a city's timeline stays scrollable rather than endless.
        let rowHeight = users.count <= 200 ? 18.0 : 10.0
        let height = rowHeight * Double(users.count)
        var out = "<div class=\"axis\">" + axis() + "</div>\n<div class=\"rows\">"
        out += "<svg id=\"timeline\" width=\"\(ShortNumber.format(Self.width))\" "
        out += "height=\"\(ShortNumber.format(height))\" xmlns=\"http://www.w3.org/2000/svg\">"
        for (row, user) in users.enumerated() {
            let top = Double(row) * rowHeight
            if row % 2 == 1 {
                out +=
                    "<rect class=\"stripe\" x=\"0\" y=\"\(ShortNumber.format(top))\" width=\"\(ShortNumber.format(Self.width))\" "
                out += "height=\"\(ShortNumber.format(rowHeight))\"/>"
            }
            out +=
                "<text x=\"\(ShortNumber.format(Self.labelWidth - 6))\" y=\"\(ShortNumber.format(top + rowHeight - 4))\">"
            out += HTMLText.escape(user) + "</text>"
            for item in actions.byUser[user] ?? [] {
                out += bar(item, user: user, top: top, rowHeight: rowHeight)
            }
        }
        return out + "</svg></div>\n"
    }

    /// A bar: containers move in the upper half of the row, radio connections in the lower half,
    /// so a coordinated migration and handover that end together are both visible.
    private func bar(_ item: UserAction, user: String, top: Double, rowHeight: Double) -> String {
        let action = item.action
        let kind =
            switch action.type {
            case "pre-migration": "pre"
            case "migration": "mig"
            case "handover": "ho"
            default: "other"
            }
        let lane = action.type == "handover" ? 1.0 : 0.0
        let barHeight = (rowHeight - 4) / 2
        let y = top + 2 + lane * barHeight
        let x = self.x(action.at)
        let width = max(self.x(action.at + action.duration) - x, Self.minimumBarWidth)
        var out = "<rect data-user=\"\(HTMLText.attribute(user))\" data-action=\"\(HTMLText.attribute(action.type))\" "
        out += "class=\"\(kind)\(item.late ? " late" : "")\" x=\"\(ShortNumber.format(x, decimals: 2))\" "
        out += "y=\"\(ShortNumber.format(y))\" width=\"\(ShortNumber.format(width, decimals: 2))\" "
        out += "height=\"\(ShortNumber.format(barHeight))\"><title>"
        return out + HTMLText.escape(ActionText.summary(item, user: user)) + "</title></rect>"
    }

    /// Ticks at a round step, about eight across the span.
    private func axis() -> String {
        var out = "<svg width=\"\(ShortNumber.format(Self.width))\" height=\"24\" xmlns=\"http://www.w3.org/2000/svg\">"
        out += "<text class=\"unit\" x=\"\(ShortNumber.format(Self.labelWidth - 6))\" y=\"16\">t (s)</text>"
        let step = Self.roundStep(for: (actions.end - actions.start) / 8)
        let first = (actions.start / step).rounded(.up)
        // Multiples of the step counted in whole numbers, so that ticks do not drift by adding.
        var count = 0.0
        while (first + count) * step <= actions.end + step * 1e-9 {
            let tick = (first + count) * step
            let x = ShortNumber.format(self.x(tick))
            out += "<line x1=\"\(x)\" y1=\"18\" x2=\"\(x)\" y2=\"24\"/>"
            out += "<text x=\"\(x)\" y=\"14\">\(ShortNumber.format(tick, decimals: 3))</text>"
            count += 1
        }
        return out + "</svg>"
    }

    private func x(_ time: Double) -> Double {
        Self.labelWidth + (time - actions.start) / (actions.end - actions.start) * Self.plotWidth
    }

    /// The smallest of 1, 2 and 5 times a power of ten that is at least `rough`.
    static func roundStep(for rough: Double) -> Double {
        guard rough > 0, rough.isFinite else { return 1 }
        var power = 1.0
        while power > rough { power /= 10 }
        while power * 10 <= rough { power *= 10 }
        for factor in [1.0, 2, 5, 10] where power * factor >= rough { return power * factor }
        return power * 10
    }
}
