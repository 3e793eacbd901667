public import EdgeModel

/// Time and bytes of moving one container from `s` to `s'` (SPEC §3): the pre-migration phase runs
/// while the service keeps running; the migration phase is downtime.
public struct MigrationEstimate: Sendable, Hashable {
    /// T_pre, seconds.
    public let preMigrationSeconds: Double
    /// T_mig, seconds: the downtime part.
    public let migrationSeconds: Double
    public let preMigrationBytes: Double
    public let migrationBytes: Double
    /// Iterative pre-copy rounds sent before the last one (pre-copy only).
    public let precopyRounds: Int?

    public init(
        preMigrationSeconds: Double, migrationSeconds: Double, preMigrationBytes: Double, migrationBytes: Double,
        precopyRounds: Int? = nil
    ) {
        self.preMigrationSeconds = preMigrationSeconds
        self.migrationSeconds = migrationSeconds
        self.preMigrationBytes = preMigrationBytes
        self.migrationBytes = migrationBytes
        self.precopyRounds = precopyRounds
    }
}

/// Why a strategy cannot move a container over a path.
public enum MigrationObstacle: Error, Sendable, Hashable {
    /// Pre-copy dirties memory at least as fast as the link sends it: δ·M·8/B ≥ 1.
    case precopyDoesNotConverge(dirtyBitsPerSecond: Double, bandwidthBitsPerSecond: Double)
    /// The profile lacks what the strategy needs (the front end reports this; planning skips it).
    case missingParameters(String)
}

/// One way of moving a container.
public protocol MigrationStrategy: Sendable {
    var kind: MigrationStrategyKind { get }
    func estimate(app: AppProfile, from source: Server, to target: Server, path: PathMetrics)
        -> Result<MigrationEstimate, MigrationObstacle>
}

/// Checkpoint and restore costs scale with size and inversely with compute.
enum CheckpointCost {
    /// μ_s · size / C_s.
    static func checkpoint(_ bytes: Double, on server: Server) -> Double {
        server.checkpointCost.value * bytes / server.compute
    }

    /// ρ_s' · size / C_s'.
    static func restore(_ bytes: Double, on server: Server) -> Double {
        server.restoreCost.value * bytes / server.compute
    }

    static func transfer(_ bytes: Double, over path: PathMetrics) -> Double {
        8 * bytes / path.bottleneck.value
    }
}

/// Seed 000, eqs. 5–6: checkpoint twice, move the first in advance and the difference in downtime.
public struct DeltaCheckpointStrategy: MigrationStrategy {
    public let kind = MigrationStrategyKind.deltaCheckpoint
    public init() {}

    public func estimate(app: AppProfile, from source: Server, to target: Server, path: PathMetrics)
        -> Result<MigrationEstimate, MigrationObstacle>
    {
        let image = app.image.value
        let full = app.checkpoint.full.value
        let delta = app.checkpoint.delta.value
        // T_chkpt = μ_s·S_D/C_s; T_pre = T_chkpt + S_pre/B; T_restore = ρ_s'·(S_D + S_pre + S_delta)/C_s';
        // T_mig = T_chkpt + S_delta/B + T_restore.
        let checkpoint = CheckpointCost.checkpoint(image, on: source)
        let restore = CheckpointCost.restore(image + full + delta, on: target)
        return .success(
            MigrationEstimate(
                preMigrationSeconds: checkpoint + CheckpointCost.transfer(full, over: path),
                migrationSeconds: checkpoint + CheckpointCost.transfer(delta, over: path) + restore,
                preMigrationBytes: full, migrationBytes: delta))
    }
}

/// Seed 003: iterative pre-copy of memory until a round is below the threshold.
public struct PrecopyStrategy: MigrationStrategy {
    public let kind = MigrationStrategyKind.precopy
    /// Rounds after which pre-copy stops whatever the dirty volume.
    public static let maximumRounds = 30
    public init() {}

    public func estimate(app: AppProfile, from source: Server, to target: Server, path: PathMetrics)
        -> Result<MigrationEstimate, MigrationObstacle>
    {
        guard let precopy = app.precopy else {
            return .failure(.missingParameters("memory, dirtyRate, precopyThreshold"))
        }
        let memory = precopy.memory.value
        let bandwidth = path.bottleneck.value
        let dirtyBitsPerSecond = precopy.dirtyRate.value * memory * 8
        guard dirtyBitsPerSecond < bandwidth else {
            return .failure(
                .precopyDoesNotConverge(dirtyBitsPerSecond: dirtyBitsPerSecond, bandwidthBitsPerSecond: bandwidth))
        }
        let imageBytes = target.cachedApps.contains(app.name) ? 0 : app.image.value
        // V0 = M; V(k+1) = δ·M·(8·Vk/B): what was dirtied while round k was on the wire.
        var volumes = [memory]
        while let last = volumes.last, last > precopy.threshold.value, volumes.count <= Self.maximumRounds {
            volumes.append(precopy.dirtyRate.value * memory * (8 * last / bandwidth))
        }
        let last = volumes.removeLast()
        let sentBefore = volumes.reduce(0, +)
        return .success(
            MigrationEstimate(
                preMigrationSeconds: CheckpointCost.transfer(imageBytes + sentBefore, over: path),
                migrationSeconds: CheckpointCost.checkpoint(memory, on: source)
                    + CheckpointCost.transfer(last, over: path)
                    + CheckpointCost.restore(app.image.value + memory, on: target),
                preMigrationBytes: imageBytes + sentBefore, migrationBytes: last, precopyRounds: volumes.count))
    }
}

/// Seed 001: base layer everywhere, application layer in advance unless cached, instance in downtime.
public struct LayeredStrategy: MigrationStrategy {
    public let kind = MigrationStrategyKind.layered
    public init() {}

    public func estimate(app: AppProfile, from source: Server, to target: Server, path: PathMetrics)
        -> Result<MigrationEstimate, MigrationObstacle>
    {
        guard let layers = app.layers else { return .failure(.missingParameters("layers")) }
        let application = target.cachedApps.contains(app.name) ? 0 : layers.application.value
        let instance = layers.instance.value
        return .success(
            MigrationEstimate(
                preMigrationSeconds: CheckpointCost.transfer(application, over: path),
                migrationSeconds: CheckpointCost.checkpoint(instance, on: source)
                    + CheckpointCost.transfer(instance, over: path)
                    + CheckpointCost.restore(layers.application.value + instance, on: target),
                preMigrationBytes: application, migrationBytes: instance))
    }
}

/// Seed 004: SFP, FCCP and FullSP relocate a tarball in advance and the volume (and, for FullSP,
/// the changed checkpoint pages) in downtime.
public struct RelocationStrategy: MigrationStrategy {
    public let kind: MigrationStrategyKind
    public init(kind: MigrationStrategyKind) { self.kind = kind }

    public func estimate(app: AppProfile, from source: Server, to target: Server, path: PathMetrics)
        -> Result<MigrationEstimate, MigrationObstacle>
    {
        guard let relocation = app.relocation else { return .failure(.missingParameters("relocation")) }
        let downtimeBytes = relocation.volume.value + (kind == .fullsp ? relocation.checkpointDelta?.value ?? 0 : 0)
        return .success(
            MigrationEstimate(
                preMigrationSeconds: relocation.prepare.value
                    + CheckpointCost.transfer(relocation.tarball.value, over: path)
                    + relocation.load.value,
                migrationSeconds: relocation.stop.value + CheckpointCost.transfer(downtimeBytes, over: path)
                    + relocation.start.value,
                preMigrationBytes: relocation.tarball.value, migrationBytes: downtimeBytes))
    }
}

/// The strategy for each kind.
public enum MigrationStrategies {
    public static func strategy(for kind: MigrationStrategyKind) -> any MigrationStrategy {
        switch kind {
        case .deltaCheckpoint: DeltaCheckpointStrategy()
        case .precopy: PrecopyStrategy()
        case .layered: LayeredStrategy()
        case .sfp, .fccp, .fullsp: RelocationStrategy(kind: kind)
        }
    }
}
