public import Diagnostics

/// What must survive a migration (seed 004's kinds of state).
public enum StateKind: String, Sendable, CaseIterable {
    case none, user, application
}

/// How a container is moved between servers (SPEC §3).
public enum MigrationStrategyKind: String, Sendable, CaseIterable {
    case deltaCheckpoint = "delta-checkpoint"
    case precopy
    case layered
    case sfp
    case fccp
    case fullsp
}

/// Sizes measured by two consecutive checkpoints (seed 000).
public struct DeltaCheckpoint: Sendable, Hashable {
    /// S_pre: the first checkpoint, moved during pre-migration.
    public let full: Bytes
    /// S_delta: the difference of the second from the first, moved during migration.
    public let delta: Bytes

    public init(full: Bytes, delta: Bytes) {
        self.full = full
        self.delta = delta
    }
}

/// Iterative pre-copy parameters (seed 003).
public struct PrecopyParameters: Sendable, Hashable {
    public let memory: Bytes
    public let dirtyRate: RatioPerSecond
    public let threshold: Bytes

    public init(memory: Bytes, dirtyRate: RatioPerSecond, threshold: Bytes) {
        self.memory = memory
        self.dirtyRate = dirtyRate
        self.threshold = threshold
    }
}

/// Layer sizes of layered migration (seed 001); the base layer is everywhere.
public struct LayerSizes: Sendable, Hashable {
    public let application: Bytes
    public let instance: Bytes

    public init(application: Bytes, instance: Bytes) {
        self.application = application
        self.instance = instance
    }
}

/// Phases of SFP / FCCP / FullSP relocation (seed 004).
public struct RelocationParameters: Sendable, Hashable {
    public let tarball: Bytes
    public let prepare: Seconds
    public let load: Seconds
    public let stop: Seconds
    public let volume: Bytes
    /// FullSP only.
    public let checkpointDelta: Bytes?
    public let start: Seconds

    public init(
        tarball: Bytes, prepare: Seconds, load: Seconds, stop: Seconds, volume: Bytes, checkpointDelta: Bytes?,
        start: Seconds
    ) {
        self.tarball = tarball
        self.prepare = prepare
        self.load = load
        self.stop = stop
        self.volume = volume
        self.checkpointDelta = checkpointDelta
        self.start = start
    }
}

/// The offloaded task a user sends (eq. 4).
public struct TaskProfile: Sendable, Hashable {
    public let size: Bytes
    public let rate: PerSecond
    /// Processing time at compute 1.0.
    public let processing: Seconds

    public init(size: Bytes, rate: PerSecond, processing: Seconds) {
        self.size = size
        self.rate = rate
        self.processing = processing
    }
}

public struct AppProfile: Sendable {
    public let name: String
    /// S_D, the container image.
    public let image: Bytes
    public let checkpoint: DeltaCheckpoint
    /// Pre-copy parameters when the profile gives them all.
    public let precopy: PrecopyParameters?
    /// Resident memory, when given (pre-copy and layered).
    public let memory: Bytes?
    public let state: StateKind
    /// Res(D_u) of (3c).
    public let resources: ResourceVector
    public let task: TaskProfile
    public let strategy: MigrationStrategyKind
    public let layers: LayerSizes?
    public let relocation: RelocationParameters?
    public let location: SourceLocation
    /// Where `task.rate` is written, for errors about the tasks it makes (a replay's bound).
    public let taskRateLocation: SourceLocation?

    public init(
        name: String, image: Bytes, checkpoint: DeltaCheckpoint, precopy: PrecopyParameters?, memory: Bytes?,
        state: StateKind, resources: ResourceVector, task: TaskProfile, strategy: MigrationStrategyKind,
        layers: LayerSizes?, relocation: RelocationParameters?, location: SourceLocation,
        taskRateLocation: SourceLocation? = nil
    ) {
        self.taskRateLocation = taskRateLocation
        self.name = name
        self.image = image
        self.checkpoint = checkpoint
        self.precopy = precopy
        self.memory = memory
        self.state = state
        self.resources = resources
        self.task = task
        self.strategy = strategy
        self.layers = layers
        self.relocation = relocation
        self.location = location
    }
}

extension AppProfile {
    /// The fields `strategy` needs that this profile lacks (SPEC §3), as written in YAML.
    public func missingFields(for strategy: MigrationStrategyKind) -> [String] {
        switch strategy {
        case .deltaCheckpoint: return []
        case .precopy: return precopy == nil ? ["memory", "dirtyRate", "precopyThreshold"] : []
        case .layered: return layers == nil ? ["layers"] : []
        case .sfp, .fccp: return relocation == nil ? ["relocation"] : []
        case .fullsp:
            guard let relocation else { return ["relocation"] }
            return relocation.checkpointDelta == nil ? ["relocation.checkpointDelta"] : []
        }
    }
}
