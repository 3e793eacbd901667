public import Plan

/// Where an action sits in its plan: the decision's index in `decisions` and the action's index in
/// that decision's `actions`. Stable for a given plan file, so a journal can name actions by it.
public struct ActionKey: Hashable, Comparable, Sendable, CustomStringConvertible {
    public let decision: Int
    public let action: Int

    public init(decision: Int, action: Int) {
        self.decision = decision
        self.action = action
    }

    public static func < (lhs: ActionKey, rhs: ActionKey) -> Bool {
        (lhs.decision, lhs.action) < (rhs.decision, rhs.action)
    }

    /// `decision.action`, as the log prints it.
    public var description: String { "\(decision).\(action)" }
}

/// One action of the plan with what running it needs.
public struct ScheduledAction: Sendable {
    public let key: ActionKey
    public let user: String
    public let app: String
    public let action: Plan.Action
    public let values: ActionValues
    /// Positions of the same user's earlier actions the plan has end before this one starts: this
    /// one waits for them to finish. All of them, not a transitive reduction: on a resume some are
    /// done and others run again, so none may stand in for another. Actions the plan overlaps (a coordinated migration and
    /// handover) are not among them and may run at the same time.
    public let waitsFor: [Int]
}

/// Every action of a plan in the order they start: by time, then decision, then action.
public struct ExecutionSchedule: Sendable {
    /// Plan time two intervals may touch within and still count as one after the other: the plan
    /// rounds, and a migration that starts as its pre-migration ends must wait for it.
    static let touchingSeconds = 1e-6

    public let actions: [ScheduledAction]
    /// The plan's planning time t: the plan time `--start` refers to.
    public let origin: Double
    /// The plan's epoch, when it has one.
    public let epoch: String?

    public init(plan: Plan) {
        var entries: [(key: ActionKey, user: String, app: String, action: Plan.Action)] = []
        for (decisionIndex, decision) in plan.decisions.enumerated() {
            for (actionIndex, action) in decision.actions.enumerated() {
                entries.append(
                    (ActionKey(decision: decisionIndex, action: actionIndex), decision.user, decision.app, action))
            }
        }
        // A stable order for equal times: decisions follow the workload's users, actions their plan.
        entries.sort { ($0.action.at, $0.key) < ($1.action.at, $1.key) }
        var byUser: [String: [Int]] = [:]
        var actions: [ScheduledAction] = []
        actions.reserveCapacity(entries.count)
        for (position, entry) in entries.enumerated() {
            let earlier = byUser[entry.user, default: []]
            let waitsFor = earlier.filter { index in
                let before = entries[index].action
                return before.at + before.duration <= entry.action.at + Self.touchingSeconds
            }
            actions.append(
                ScheduledAction(
                    key: entry.key, user: entry.user, app: entry.app, action: entry.action,
                    values: ActionValues(user: entry.user, app: entry.app, action: entry.action),
                    waitsFor: waitsFor))
            byUser[entry.user, default: []].append(position)
        }
        self.actions = actions
        origin = plan.planningTime
        epoch = plan.epoch
    }

    /// The number of distinct users with actions.
    public var userCount: Int { Set(actions.map(\.user)).count }

    /// The position of each key.
    public var positions: [ActionKey: Int] {
        Dictionary(uniqueKeysWithValues: actions.enumerated().map { ($1.key, $0) })
    }

    /// Checks that actions a journal recorded as done are this plan's: the same key, user, type and
    /// time. Returns the keys, or a message naming the first that is not.
    public func matching(_ done: [JournalRecord]) -> Result<Set<ActionKey>, JournalError> {
        let positions = positions
        var keys = Set<ActionKey>()
        for record in done {
            guard let key = record.key, let position = positions[key] else {
                return .failure(
                    JournalError(
                        "the journal names action \(record.key?.description ?? "?") (\(record.user ?? "?") \(record.type ?? "?")), which this plan does not have"
                    ))
            }
            let action = actions[position]
            guard record.user == action.user, record.type == action.action.type,
                record.plannedAt.map({ abs($0 - action.action.at) < 1e-6 }) ?? false
            else {
                return .failure(
                    JournalError(
                        "action \(key) is \(record.user ?? "?") \(record.type ?? "?") at \(record.plannedAt.map { ActionValues.seconds($0) } ?? "?") s in the journal but \(action.user) \(action.action.type) at \(ActionValues.seconds(action.action.at)) s in this plan: the journal belongs to another plan"
                    ))
            }
            keys.insert(key)
        }
        return .success(keys)
    }
}
