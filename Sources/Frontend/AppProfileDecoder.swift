import Diagnostics
public import EdgeModel
import Yams

/// Decodes `kind: AppProfile` (SPEC §1), including what each migration strategy needs.
struct AppProfileDecoder {
    let reader: DocumentReader

    static let fields = [
        "kind", "name", "image", "checkpoint", "memory", "dirtyRate", "precopyThreshold", "state", "resources",
        "task", "strategy", "layers", "relocation",
    ]
    static let relocationFields = ["tarball", "prepare", "load", "stop", "volume", "checkpointDelta", "start"]

    func decode(_ root: Fields, name: String) -> AppProfile {
        let context = "app \"\(name)\""
        let image = root.positive("image", .size) ?? 0
        var checkpoint = DeltaCheckpoint(full: .zero, delta: .zero)
        if let node = root.required("checkpoint"),
            let fields = Fields(
                node, reader: reader, what: "checkpoint", context: "checkpoint of \(context)",
                allowed: ["full", "delta"])
        {
            checkpoint = DeltaCheckpoint(
                full: Bytes(fields.nonNegative("full", .size) ?? 0), delta: Bytes(fields.nonNegative("delta", .size) ?? 0))
        }
        let memory = root.positive("memory", .size, required: false)
        let dirtyRate = root.nonNegative("dirtyRate", .ratioPerTime, required: false)
        let threshold = root.positive("precopyThreshold", .size, required: false)
        let state: StateKind = root.choice("state") ?? .application
        let resources =
            root.required("resources").flatMap {
                ResourceReader(reader: reader).resources(
                    $0, context: "resources of \(context)", requireAll: true, positive: false)
            } ?? .zero
        var task = TaskProfile(size: .zero, rate: .zero, processing: .zero)
        if let node = root.required("task"),
            let fields = Fields(
                node, reader: reader, what: "task", context: "task of \(context)",
                allowed: ["size", "rate", "processing"])
        {
            task = TaskProfile(
                size: Bytes(fields.positive("size", .size) ?? 0), rate: PerSecond(fields.nonNegative("rate", .rate) ?? 0),
                processing: Seconds(fields.nonNegative("processing", .time) ?? 0))
        }
        let strategy: MigrationStrategyKind = root.choice("strategy", required: false) ?? .deltaCheckpoint
        var layers: LayerSizes?
        if let node = root["layers"],
            let fields = Fields(
                node, reader: reader, what: "layers", context: "layers of \(context)",
                allowed: ["application", "instance"])
        {
            layers = LayerSizes(
                application: Bytes(fields.nonNegative("application", .size) ?? 0),
                instance: Bytes(fields.nonNegative("instance", .size) ?? 0))
        }
        let relocation = root["relocation"].flatMap { self.relocation($0, context: context) }

        // What the chosen strategy needs (SPEC §3), named field by field.
        let strategyNode = root["strategy"] ?? root.node
        func need(_ field: String) {
            reader.error(
                .strategyField, "strategy \"\(strategy.rawValue)\" of \(context) needs the field \"\(field)\"",
                at: strategyNode)
        }
        switch strategy {
        case .deltaCheckpoint: break
        case .precopy:
            for field in ["memory", "dirtyRate", "precopyThreshold"] where !root.has(field) { need(field) }
        case .layered:
            if !root.has("layers") { need("layers") }
        case .sfp, .fccp:
            if !root.has("relocation") { need("relocation") }
        case .fullsp:
            if !root.has("relocation") {
                need("relocation")
            } else if relocation != nil, relocation?.checkpointDelta == nil {
                need("relocation.checkpointDelta")
            }
        }
        if let violation = StrategyViability.violation(strategy: strategy, state: state) {
            reader.error(
                .strategyField,
                "strategy \"\(strategy.rawValue)\" cannot preserve state \"\(state.rawValue)\" of \(context): \(violation)",
                at: strategyNode,
                notes: [DiagnosticNote("use \(StrategyViability.viable(for: state).map { "\"\($0.rawValue)\"" }.joined(separator: ", "))")])
        }

        let precopy = memory.flatMap { memory in
            dirtyRate.flatMap { rate in
                threshold.map {
                    PrecopyParameters(memory: Bytes(memory), dirtyRate: RatioPerSecond(rate), threshold: Bytes($0))
                }
            }
        }
        return AppProfile(
            name: name, image: Bytes(image), checkpoint: checkpoint, precopy: precopy, memory: memory.map(Bytes.init),
            state: state, resources: resources, task: task, strategy: strategy, layers: layers,
            relocation: relocation, location: reader.location(root.node))
    }

    private func relocation(_ node: Node, context: String) -> RelocationParameters? {
        guard let fields = Fields(
            node, reader: reader, what: "relocation", context: "relocation of \(context)",
            allowed: Self.relocationFields)
        else { return nil }
        let values = (
            fields.nonNegative("tarball", .size), fields.nonNegative("prepare", .time), fields.nonNegative("load", .time),
            fields.nonNegative("stop", .time), fields.nonNegative("volume", .size),
            fields.nonNegative("checkpointDelta", .size, required: false), fields.nonNegative("start", .time)
        )
        guard let tarball = values.0, let prepare = values.1, let load = values.2, let stop = values.3,
            let volume = values.4, let start = values.6
        else { return nil }
        return RelocationParameters(
            tarball: Bytes(tarball), prepare: Seconds(prepare), load: Seconds(load), stop: Seconds(stop),
            volume: Bytes(volume), checkpointDelta: values.5.map(Bytes.init), start: Seconds(start))
    }
}

/// Which strategies preserve which state (seed 004, Table IV; SPEC §3).
public enum StrategyViability {
    /// Why `strategy` loses `state`, or nil when it preserves it.
    public static func violation(strategy: MigrationStrategyKind, state: StateKind) -> String? {
        switch (strategy, state) {
        case (.sfp, .user), (.sfp, .application):
            "SFP preserves the filesystem only"
        case (.fccp, .application):
            "FCCP preserves the filesystem, configuration and user state, not the application's memory"
        default:
            nil
        }
    }

    /// Strategies that preserve `state`, in SPEC order.
    public static func viable(for state: StateKind) -> [MigrationStrategyKind] {
        MigrationStrategyKind.allCases.filter { violation(strategy: $0, state: state) == nil }
    }
}
