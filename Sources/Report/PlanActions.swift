import EdgeModel
import Plan

/// One action of the plan as the report draws it: the action and whether its decision was late.
struct UserAction {
    let action: Plan.Action
    let late: Bool
}

/// The plan's actions grouped by user, and the span of time the report draws.
struct PlanActions {
    /// Each user's actions in time order (a user planned over a span may have several decisions).
    let byUser: [String: [UserAction]]
    /// Users that have actions, in the order of their first decision.
    let usersInPlanOrder: [String]
    let count: Int
    /// The plan's span: from its planning time to the later of `planningTime + horizon` and the
    /// end of its last action (a plan made by `edgeplan plan` spans many epochs after `planningTime`).
    let start: Double
    let end: Double

    init(_ plan: Plan) {
        var byUser: [String: [UserAction]] = [:]
        var order: [String] = []
        var count = 0
        var end = plan.planningTime + plan.horizon
        for decision in plan.decisions {
            if byUser[decision.user] == nil { order.append(decision.user) }
            var actions = byUser[decision.user] ?? []
            for action in decision.actions {
                actions.append(UserAction(action: action, late: decision.late))
                end = max(end, action.at + action.duration, decision.decidedAt)
                count += 1
            }
            byUser[decision.user] = actions
        }
        for (user, actions) in byUser {
            // Stable: equal starts keep the plan's order (pre-migration, migration, handover).
            byUser[user] = actions.enumerated().sorted { a, b in
                a.element.action.at != b.element.action.at
                    ? a.element.action.at < b.element.action.at : a.offset < b.offset
            }.map(\.element)
        }
        self.byUser = byUser
        self.usersInPlanOrder = order
        self.count = count
        self.start = plan.planningTime
        // A span of zero length would divide by zero on the time axis.
        self.end = end > plan.planningTime ? end : plan.planningTime + 1
    }
}

/// A user's positions over the span, before simplification.
enum UserTrack {
    /// Linear motion is a straight segment, drawn from its two ends; a trajectory keeps every
    /// waypoint inside the span and gains the interpolated positions at its ends.
    static func samples(of motion: Motion, from start: Double, to end: Double) -> [PlanePoint] {
        let first = motion.position(at: Seconds(start))
        let last = motion.position(at: Seconds(end))
        switch motion {
        case .linear:
            return [first, last]
        case .trajectory(let waypoints):
            var points = [first]
            for waypoint in waypoints where waypoint.time.value > start && waypoint.time.value < end {
                points.append(waypoint.position)
            }
            points.append(last)
            return points
        }
    }
}

/// Words for an action, used by the hover titles of the map and the timeline.
enum ActionText {
    /// `handover ap1 → ap2 at 25.089 s for 50 ms`, or a migration's servers and bytes.
    static func summary(_ item: UserAction, user: String) -> String {
        let action = item.action
        var text = "\(user): \(action.type) "
        if action.type == "handover" {
            text += "\(action.fromBS ?? "?") → \(action.toBS ?? "?")"
        } else {
            text += "\(action.source ?? "?") → \(action.target ?? "?")"
            if let bytes = action.bytes { text += ", \(ShortNumber.bytes(bytes))" }
        }
        text += " at \(ShortNumber.format(action.at, decimals: 3)) s"
        if let wallClock = action.atTime { text += " (\(wallClock))" }
        text +=
            " for \(ShortNumber.seconds(action.duration)), until \(ShortNumber.format(action.at + action.duration, decimals: 3)) s"
        return item.late ? text + "; late decision" : text
    }
}
