import Diagnostics
import EdgeModel
import Yams

/// Decodes `kind: Policy` (SPEC §1); every field left out takes the built-in default's value.
struct PolicyDecoder {
    let reader: DocumentReader

    static let fields = [
        "kind", "name", "planner", "coordination", "horizon", "gainWindow", "rssiMin", "rssiRule", "hysteresis",
        "margin", "objective", "sla", "solver", "strategies", "candidateServers",
    ]
    static let slaFields = ["app", "maxDelay", "maxDowntime", "enforcement", "penalty"]
    static let solverFields = ["backend", "timeLimit", "relativeGap", "threads"]

    /// The policy and, for each sla or strategies entry naming an app, where it does and in which
    /// field (checked once apps are known).
    func decode(_ root: Fields, name: String) -> (Policy, [(app: String, location: SourceLocation, field: String)]) {
        let base = Policy.builtInDefault
        let horizon = root.positive("horizon", .time, required: false).map(Seconds.init) ?? base.horizon
        var gainWeight = base.gainWeight
        var downtimeWeight = base.downtimeWeight
        if let node = root["objective"],
            let fields = Fields(
                node, reader: reader, what: "objective", context: "objective",
                allowed: ["gainWeight", "downtimeWeight"])
        {
            let nonNegative = { (key: String) in
                fields.within(
                    key, fields.checked(key, fields.number(key, required: false), { $0 >= 0 }, "must not be negative"),
                    0...InputBounds.maximumObjectiveWeight)
            }
            gainWeight = nonNegative("gainWeight") ?? gainWeight
            downtimeWeight = nonNegative("downtimeWeight") ?? downtimeWeight
        }

        var sla: [SLAEntry] = []
        var references: [(String, SourceLocation, String)] = []
        var seenApps: [String: SourceLocation] = [:]
        if let list = root["sla"].flatMap({ reader.sequence($0, what: "sla") }) {
            for node in list {
                guard
                    let fields = Fields(
                        node, reader: reader, what: "an sla entry", context: "sla entry", allowed: Self.slaFields),
                    let app = fields.string("app")
                else { continue }
                let appLocation = reader.location(fields["app"] ?? node)
                if let first = seenApps[app] {
                    reader.error(
                        .duplicateID, "second sla entry for app \"\(app)\"", at: fields["app"] ?? node,
                        notes: [DiagnosticNote("the first is here", at: first)])
                }
                seenApps[app] = appLocation
                if app != "*" { references.append((app, appLocation, "sla")) }
                let parsedEnforcement: SLAEnforcement? = fields.choice("enforcement", required: false)
                let enforcement = parsedEnforcement ?? .hard
                // An enforcement that did not parse has its own error; whether the penalty counts is open then.
                if enforcement == .hard, parsedEnforcement != nil || !fields.mentions("enforcement"),
                    let penalty = fields.keyNode("penalty")
                {
                    reader.warning(.ignoredField, "\"penalty\" has no effect under hard enforcement", at: penalty)
                }
                let defaults = SLAEntry.default
                sla.append(
                    SLAEntry(
                        app: app,
                        maxDelay: fields.positive("maxDelay", .time, required: false).map(Seconds.init)
                            ?? defaults.maxDelay,
                        maxDowntime: fields.nonNegative("maxDowntime", .time, required: false).map(Seconds.init)
                            ?? defaults.maxDowntime,
                        enforcement: enforcement,
                        penalty: fields.nonNegative("penalty", .time, required: false).map(Seconds.init)
                            ?? defaults.penalty,
                        location: reader.location(node)))
            }
        } else {
            sla = base.sla
        }

        var solver = base.solver
        if let node = root["solver"],
            let fields = Fields(node, reader: reader, what: "solver", context: "solver", allowed: Self.solverFields)
        {
            let threads = fields["threads"].flatMap { reader.integer($0, field: "threads") }
            solver = SolverOptions(
                backend: fields.choice("backend", required: false) ?? solver.backend,
                timeLimitSeconds: fields.positive("timeLimit", .time, required: false) ?? solver.timeLimitSeconds,
                relativeGap: fields.nonNegative("relativeGap", .ratio, required: false) ?? solver.relativeGap,
                threads: fields.within(
                    "threads", fields.checked("threads", threads, { $0 >= 1 }, "must be at least 1"),
                    1...InputBounds.maximumThreads) ?? solver.threads)
        }

        var strategies: [StrategyOverride] = []
        var strategyApps: [String: SourceLocation] = [:]
        for node in root["strategies"].flatMap({ reader.sequence($0, what: "strategies") }) ?? [] {
            guard
                let fields = Fields(
                    node, reader: reader, what: "a strategies entry", context: "strategies entry",
                    allowed: ["app", "strategy"]),
                let app = fields.string("app")
            else { continue }
            let appLocation = reader.location(fields["app"] ?? node)
            if let first = strategyApps[app] {
                reader.error(
                    .duplicateID, "second strategies entry for app \"\(app)\"", at: fields["app"] ?? node,
                    notes: [DiagnosticNote("the first is here", at: first)])
                continue
            }
            strategyApps[app] = appLocation
            guard let strategy: MigrationStrategyKind = fields.choice("strategy") else { continue }
            if app != "*" { references.append((app, appLocation, "strategies")) }
            strategies.append(
                StrategyOverride(app: app, strategy: strategy, location: reader.location(fields["strategy"] ?? node)))
        }

        let candidateServers = root.checked(
            "candidateServers", root["candidateServers"].flatMap { reader.integer($0, field: "candidateServers") },
            { $0 >= 1 },
            "must be at least 1")

        let policy = Policy(
            name: name,
            planner: root.choice("planner", required: false) ?? base.planner,
            coordination: root.choice("coordination", required: false) ?? base.coordination,
            horizon: horizon,
            gainWindow: root.positive("gainWindow", .time, required: false).map(Seconds.init) ?? horizon,
            rssiMin: root.quantity("rssiMin", .power, required: false).map { DBm($0.value) } ?? base.rssiMin,
            rssiRule: root.choice("rssiRule", required: false) ?? base.rssiRule,
            hysteresis: root.nonNegative("hysteresis", .gain, required: false).map(Decibels.init) ?? base.hysteresis,
            margin: root.nonNegative("margin", .ratio, required: false).map(Ratio.init) ?? base.margin,
            gainWeight: gainWeight, downtimeWeight: downtimeWeight, sla: sla, solver: solver, isBuiltIn: false,
            location: reader.placedLocation(root.node), strategies: strategies,
            candidateServers: candidateServers)
        return (policy, references.map { (app: $0.0, location: $0.1, field: $0.2) })
    }
}
