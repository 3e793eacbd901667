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
                full: Bytes(fields.nonNegative("full", .size) ?? 0),
                delta: Bytes(fields.nonNegative("delta", .size) ?? 0))
        }
        let memory = root.positive("memory", .size, required: false)
        let dirtyRate = root.nonNegative("dirtyRate", .ratioPerTime, required: false)
        let threshold = root.positive("precopyThreshold", .size, required: false)
        // A state that did not parse has its own error; the viability check below then stays quiet.
        let parsedState: StateKind? = root.choice("state")
        let state = parsedState ?? .application
        let resources =
            root.required("resources").flatMap {
                ResourceReader(reader: reader).resources(
                    $0, context: "resources of \(context)", requireAll: true, positive: false)
            } ?? .zero
        var task = TaskProfile(size: .zero, rate: .zero, processing: .zero)
        var taskRateLocation: SourceLocation?
        if let node = root.required("task"),
            let fields = Fields(
                node, reader: reader, what: "task", context: "task of \(context)",
                allowed: ["size", "rate", "processing"])
        {
            taskRateLocation = fields["rate"].flatMap(reader.placedLocation)
            task = TaskProfile(
                size: Bytes(fields.positive("size", .size) ?? 0),
                rate: PerSecond(fields.nonNegative("rate", .rate) ?? 0),
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
        let relocationFields = root["relocation"].flatMap {
            Fields(
                $0, reader: reader, what: "relocation", context: "relocation of \(context)",
                allowed: Self.relocationFields)
        }
        let relocation = relocationFields.flatMap(self.relocation)

        // What the chosen strategy needs (SPEC §3), named field by field in one error. A field that
        // is present but wrong, or misspelt, has its own error already.
        let strategyNode = root["strategy"] ?? root.node
        var missing: [String] = []
        switch strategy {
        case .deltaCheckpoint: break
        case .precopy:
            missing = ["memory", "dirtyRate", "precopyThreshold"].filter { !root.mentions($0) }
        case .layered:
            if !root.mentions("layers") { missing = ["layers"] }
        case .sfp, .fccp:
            if !root.mentions("relocation") { missing = ["relocation"] }
        case .fullsp:
            if !root.mentions("relocation") {
                missing = ["relocation"]
            } else if let relocationFields, !relocationFields.mentions("checkpointDelta") {
                missing = ["relocation.checkpointDelta"]
            }
        }
        if !missing.isEmpty {
            let fieldList = missing.map { "\"\($0)\"" }.joined(separator: ", ")
            reader.error(
                .strategyField,
                "strategy \"\(strategy.rawValue)\" of \(context) needs the field\(missing.count == 1 ? "" : "s") \(fieldList)",
                at: strategyNode)
        }
        if parsedState != nil, let violation = StrategyViability.violation(strategy: strategy, state: state) {
            reader.error(
                .strategyField,
                "strategy \"\(strategy.rawValue)\" cannot preserve state \"\(state.rawValue)\" of \(context): \(violation)",
                at: strategyNode,
                notes: [
                    DiagnosticNote(
                        "use \(StrategyViability.viable(for: state).map { "\"\($0.rawValue)\"" }.joined(separator: ", "))"
                    )
                ])
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
            relocation: relocation, location: reader.location(root.node), taskRateLocation: taskRateLocation)
    }

    /// The relocation timings (seed 004); nil when one is missing or wrong, each reported.
    private func relocation(_ fields: Fields) -> RelocationParameters? {
        let values = (
            fields.nonNegative("tarball", .size), fields.nonNegative("prepare", .time),
            fields.nonNegative("load", .time),
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
