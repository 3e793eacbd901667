public import Diagnostics
public import EdgeModel
public import Solving

/// What a planner sees at one epoch of planning a span (SPEC §6).
public struct PlanningEpoch {
    /// 1 for the first epoch.
    public let number: Int
    public let time: Seconds
    /// The problem with every user where it is now.
    public let problem: Problem
    /// Candidates at this epoch, with the policy's horizon.
    public let generator: CandidateGenerator
    /// Candidates looking as far ahead as the planner does (`SpanPlanner.lookaheadSeconds`).
    public let lookahead: CandidateGenerator
    /// Users not busy with a move that the RSSI rule or the hysteresis will move within the look-ahead.
    public let due: [Int]
    public let paths: PathCache
    /// Capacity held by everyone not due and by migrations still moving.
    public let reservation: () -> Reservation
}

/// What a planner decided at one epoch.
public struct EpochOutcome {
    /// The pair each moving user goes to.
    public var moves: [(user: Int, candidate: Candidate)] = []
    /// The program solved, if one was, with its size.
    public var answer: ProgramAnswer?
    public var variables = 0
    public var constraints = 0
    /// Users due that had no candidate and keep their placement.
    public var stranded = 0
    /// Objective terms out of range (`ObjectiveCheck`): the span's planning stops with them.
    public var faults: [Diagnostic] = []

    public init() {}
}

/// One planner of `edgeplan plan`: the orchestrated planner solves the program for the users due;
/// the baselines decide as seed 000's do, on the handover the RSSI forces.
public protocol SpanPlanner {
    var kind: PlannerKind { get }
    /// How the decisions' actions are timed: the policy's coordination, or sequential.
    var coordination: CoordinationKind { get }
    /// How far ahead a user counts as about to change base station: nil for the policy's horizon.
    var lookaheadSeconds: Double? { get }
    /// Whether it solves programs (the plan then reports the solver's numbers).
    var solves: Bool { get }
    mutating func decide(_ epoch: PlanningEpoch) -> EpochOutcome
}

/// The choices the baselines share.
enum BaselineChoice {
    /// The kept base station with the strongest predicted RSSI (ties to the lower index).
    static func bestStation(index: Int, generator: CandidateGenerator) -> BaseStationIndex? {
        let user = generator.problem.workload.users[index]
        let kept = generator.coverage.keptBaseStations(for: user, at: generator.time, horizon: generator.horizon)
        return kept.max { a, b in
            let ra = generator.coverage.rssi(of: a, for: user, now: generator.time, predicted: generator.predictedTime)
                .predicted.value
            let rb = generator.coverage.rssi(of: b, for: user, now: generator.time, predicted: generator.predictedTime)
                .predicted.value
            return ra < rb || (ra == rb && a > b)
        }
    }

    /// The server with the least RTT from `station` (ties: edge, regional, cloud, then id), of a tier.
    static func nearestServer(from station: BaseStationIndex, paths: PathCache, tier: ServerTier?) -> ServerIndex? {
        let servers = paths.topology.servers
        return paths.servers(reachableFrom: station, withinNanoseconds: nil)
            .filter { tier == nil || servers[$0.server.rawValue].tier == tier }
            .min { a, b in
                let (sa, sb) = (servers[a.server.rawValue], servers[b.server.rawValue])
                return (a.metrics.rttNanoseconds, sa.tier, sa.id) < (b.metrics.rttNanoseconds, sb.tier, sb.id)
            }?.server
    }

    /// Each due user to its strongest base station, on the server `server` picks (nil: stays put).
    static func handOver(
        _ epoch: PlanningEpoch, coordination: CoordinationKind,
        server: (_ user: Int, _ station: BaseStationIndex) -> ServerIndex?
    ) -> EpochOutcome {
        var outcome = EpochOutcome()
        for index in epoch.due {
            guard let station = bestStation(index: index, generator: epoch.lookahead),
                let target = server(index, station),
                let candidate = epoch.generator.candidate(
                    forUser: index, baseStation: station, server: target, coordination: coordination)
            else { continue }
            outcome.moves.append((index, candidate))
        }
        return outcome
    }
}

/// Hands over to the strongest base station and migrates to the server nearest it.
public struct NearestPlanner: SpanPlanner {
    public let kind = PlannerKind.nearest
    public let coordination = CoordinationKind.sequential
    public let lookaheadSeconds: Double?
    public let solves = false

    public init(stepSeconds: Double) { lookaheadSeconds = stepSeconds }

    public mutating func decide(_ epoch: PlanningEpoch) -> EpochOutcome {
        BaselineChoice.handOver(epoch, coordination: coordination) { _, station in
            BaselineChoice.nearestServer(from: station, paths: epoch.paths, tier: nil)
        }
    }
}

/// Hands over to the strongest base station and migrates to a server it reaches, drawn at random
/// (SplitMix64, so the same seed gives the same plan everywhere).
public struct RandomPlanner: SpanPlanner {
    public let kind = PlannerKind.random
    public let coordination = CoordinationKind.sequential
    public let lookaheadSeconds: Double?
    public let solves = false
    var random: PlannerRandom

    public init(stepSeconds: Double, seed: UInt64) {
        lookaheadSeconds = stepSeconds
        random = PlannerRandom(seed: seed)
    }

    public mutating func decide(_ epoch: PlanningEpoch) -> EpochOutcome {
        var random = self.random
        defer { self.random = random }
        return BaselineChoice.handOver(epoch, coordination: coordination) { _, station in
            let reachable = epoch.paths.servers(reachableFrom: station, withinNanoseconds: nil).map(\.server)
            return reachable.isEmpty ? nil : reachable[random.below(reachable.count)]
        }
    }
}

/// Serves every container from the cloud nearest its base station from the first epoch on, and
/// then only hands over.
public struct CloudPlanner: SpanPlanner {
    public let kind = PlannerKind.cloud
    public let coordination = CoordinationKind.sequential
    public let lookaheadSeconds: Double?
    public let solves = false

    public init(stepSeconds: Double) { lookaheadSeconds = stepSeconds }

    public mutating func decide(_ epoch: PlanningEpoch) -> EpochOutcome {
        let users = epoch.problem.workload.users
        guard epoch.number == 1 else {
            return BaselineChoice.handOver(epoch, coordination: coordination) { index, _ in
                users[index].attachment.server
            }
        }
        var outcome = EpochOutcome()
        for index in users.indices {
            let attachment = users[index].attachment
            guard
                let cloud = BaselineChoice.nearestServer(
                    from: attachment.baseStation, paths: epoch.paths, tier: .cloud),
                cloud != attachment.server,
                let candidate = epoch.generator.candidate(
                    forUser: index, baseStation: attachment.baseStation, server: cloud, coordination: coordination)
            else { continue }
            outcome.moves.append((index, candidate))
        }
        return outcome
    }
}
