public import Diagnostics

/// Index of a base station in `Topology.baseStations`.
public struct BaseStationIndex: Sendable, Hashable, Comparable {
    public let rawValue: Int
    public init(_ rawValue: Int) { self.rawValue = rawValue }
    public static func < (lhs: Self, rhs: Self) -> Bool { lhs.rawValue < rhs.rawValue }
}

/// Index of a server in `Topology.servers`.
public struct ServerIndex: Sendable, Hashable, Comparable {
    public let rawValue: Int
    public init(_ rawValue: Int) { self.rawValue = rawValue }
    public static func < (lhs: Self, rhs: Self) -> Bool { lhs.rawValue < rhs.rawValue }
}

/// A node of the wired graph: base stations occupy `0..<baseStationCount`, servers follow.
public struct NodeIndex: Sendable, Hashable, Comparable {
    public let rawValue: Int
    public init(_ rawValue: Int) { self.rawValue = rawValue }
    public static func < (lhs: Self, rhs: Self) -> Bool { lhs.rawValue < rhs.rawValue }
}

public struct BaseStation: Sendable {
    public let id: String
    public let index: BaseStationIndex
    public let position: PlanePoint
    public let technology: RadioTechnology
    public let txPower: DBm
    public let peakRate: BitsPerSecond
    /// N_b of (3e); nil means unlimited.
    public let maxUsers: Int?
    /// T_ho of a handover into this base station.
    public let handoverTime: Seconds
    public let radio: RadioModel
    /// The zone the base station belongs to (an AdvantEDGE zone, say); a label the model does not use.
    public let zone: String?
    public let location: SourceLocation

    public init(
        id: String, index: BaseStationIndex, position: PlanePoint, technology: RadioTechnology, txPower: DBm,
        peakRate: BitsPerSecond, maxUsers: Int?, handoverTime: Seconds, radio: RadioModel, location: SourceLocation,
        zone: String? = nil
    ) {
        self.id = id
        self.index = index
        self.position = position
        self.technology = technology
        self.txPower = txPower
        self.peakRate = peakRate
        self.maxUsers = maxUsers
        self.handoverTime = handoverTime
        self.radio = radio
        self.zone = zone
        self.location = location
    }
}

public enum ServerTier: String, Sendable, CaseIterable, Comparable {
    case edge, regional, cloud

    private var rank: Int {
        switch self {
        case .edge: 0
        case .regional: 1
        case .cloud: 2
        }
    }

    public static func < (lhs: Self, rhs: Self) -> Bool { lhs.rank < rhs.rank }
}

public struct Server: Sendable {
    public let id: String
    public let index: ServerIndex
    public let tier: ServerTier
    /// C_s, relative computational power.
    public let compute: Double
    public let capacity: ResourceVector
    /// Background load not part of the problem.
    public let used: ResourceVector
    /// mu_s: checkpoint seconds per byte at compute 1.0.
    public let checkpointCost: SecondsPerByte
    /// rho_s: restore seconds per byte at compute 1.0.
    public let restoreCost: SecondsPerByte
    /// Names of the apps whose application layer is already present.
    public let cachedApps: [String]
    public let location: SourceLocation

    public init(
        id: String, index: ServerIndex, tier: ServerTier, compute: Double, capacity: ResourceVector,
        used: ResourceVector, checkpointCost: SecondsPerByte, restoreCost: SecondsPerByte, cachedApps: [String],
        location: SourceLocation
    ) {
        self.id = id
        self.index = index
        self.tier = tier
        self.compute = compute
        self.capacity = capacity
        self.used = used
        self.checkpointCost = checkpointCost
        self.restoreCost = restoreCost
        self.cachedApps = cachedApps
        self.location = location
    }

    /// Capacity left for the problem's containers: `capacity − used`.
    public func available(_ kind: ResourceKind) -> Double { capacity[kind] - used[kind] }
}

/// An undirected wired link.
public struct Link: Sendable {
    public let endpoints: (NodeIndex, NodeIndex)
    public let bandwidth: BitsPerSecond
    /// Exact RTT, so that path ties compare exactly.
    public let rttNanoseconds: Int64
    public let location: SourceLocation

    public init(
        endpoints: (NodeIndex, NodeIndex), bandwidth: BitsPerSecond, rttNanoseconds: Int64, location: SourceLocation
    ) {
        self.endpoints = endpoints
        self.bandwidth = bandwidth
        self.rttNanoseconds = rttNanoseconds
        self.location = location
    }

    public var rtt: Seconds { Seconds(Double(rttNanoseconds) / 1e9) }
}

/// The validated network: base stations, servers, links, and the wired graph over them.
public struct Topology: Sendable {
    public let name: String
    public let coordinates: CoordinateSystem
    /// The projection used for geographic inputs; nil on a plane.
    public let projection: EquirectangularProjection?
    public let baseStations: [BaseStation]
    public let servers: [Server]
    public let links: [Link]
    public let graph: WiredGraph
    public let location: SourceLocation

    public init(
        name: String, coordinates: CoordinateSystem, projection: EquirectangularProjection?,
        baseStations: [BaseStation], servers: [Server], links: [Link], location: SourceLocation
    ) {
        self.name = name
        self.coordinates = coordinates
        self.projection = projection
        self.baseStations = baseStations
        self.servers = servers
        self.links = links
        self.location = location
        self.graph = WiredGraph(nodeCount: baseStations.count + servers.count, links: links)
    }

    public func node(_ bs: BaseStationIndex) -> NodeIndex { NodeIndex(bs.rawValue) }
    public func node(_ server: ServerIndex) -> NodeIndex { NodeIndex(baseStations.count + server.rawValue) }

    /// The id of a node of either kind.
    public func id(of node: NodeIndex) -> String {
        node.rawValue < baseStations.count
            ? baseStations[node.rawValue].id : servers[node.rawValue - baseStations.count].id
    }

    public func serverIndex(of node: NodeIndex) -> ServerIndex? {
        node.rawValue >= baseStations.count ? ServerIndex(node.rawValue - baseStations.count) : nil
    }

    public func isReachable(_ a: NodeIndex, _ b: NodeIndex) -> Bool {
        graph.component[a.rawValue] == graph.component[b.rawValue]
    }
}
