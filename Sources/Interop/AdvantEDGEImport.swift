public import EdgeModel

/// Where `edgeplan import advantedge` puts edge servers. The sandbox does not say where MEC hosts
/// are (seed 004 assumes one near each point of access, then one per zone).
public enum ServerPlacement: String, CaseIterable, Sendable {
    /// Only the scenario's own compute nodes: edge and fog nodes, distant clouds.
    case none
    /// One edge server at each point of access (a fog node there, in AdvantEDGE's terms).
    case perPoA = "per-poa"
    /// One edge server in each zone that has points of access (an edge node there).
    case perZone = "per-zone"
}

/// What the import needs besides the scenario.
public struct AdvantEDGEImportOptions: Sendable {
    public var servers: ServerPlacement
    /// The RSSI at which coverage ends, the policy's `rssiMin`; transmit powers are calibrated to it.
    public var rssiMin: DBm
    /// The AppProfile every user runs.
    public var app: String
    /// How many end-of-path cycles of each UE's motion to write (LOOP: around; REVERSE: there and back).
    public var cycles: Int
    /// The path-loss model written into the topology, and the one transmit powers are calibrated for.
    public var pathLoss: PathLossModel
    /// The scenario file as given; the header names it without its directory.
    public var sourceFile: String

    public init(
        servers: ServerPlacement = .none, rssiMin: DBm = Policy.builtInDefault.rssiMin, app: String, cycles: Int = 1,
        pathLoss: PathLossModel = .default, sourceFile: String
    ) {
        self.servers = servers
        self.rssiMin = rssiMin
        self.app = app
        self.cycles = cycles
        self.pathLoss = pathLoss
        self.sourceFile = sourceFile
    }
}

/// An imported scenario as edgeplan elements, before it is written as YAML.
public struct AdvantEDGEImport: Sendable {
    public struct Station: Sendable {
        public let id: String
        public let zone: String
        public let domain: String
        public let technology: String
        public let position: AdvantEDGEScenario.GeoPoint
        public let radiusMeters: Double
        public let txPower: DBm
        public let peakRateMbps: Double
    }

    public struct Server: Sendable {
        public let id: String
        public let tier: ServerTier
        public let capacity: ServerCapacity
        /// Where it comes from, for a comment: `edge node "mep1" in zone "z1"`.
        public let origin: String
    }

    public struct Link: Sendable {
        public let ends: (String, String)
        public let rttMilliseconds: Double
        public let bandwidthMbps: Double
        public let explanation: String
    }

    public enum Motion: Sendable, Equatable {
        case still(AdvantEDGEScenario.GeoPoint)
        /// Waypoints with strictly increasing times in whole microseconds.
        case trajectory([(microseconds: Int64, point: AdvantEDGEScenario.GeoPoint)])

        public static func == (lhs: Motion, rhs: Motion) -> Bool {
            switch (lhs, rhs) {
            case (.still(let a), .still(let b)): a == b
            case (.trajectory(let a), .trajectory(let b)):
                a.map(\.microseconds) == b.map(\.microseconds) && a.map(\.point) == b.map(\.point)
            default: false
            }
        }
    }

    public struct User: Sendable {
        public let id: String
        public let app: String
        public let baseStation: String
        public let server: String
        public let motion: Motion
        /// How the motion was made and where the scenario put the UE, for a comment.
        public let notes: [String]
    }

    public let scenarioName: String
    public let scenarioVersion: String?
    public let options: AdvantEDGEImportOptions
    public let stations: [Station]
    public let servers: [Server]
    public let links: [Link]
    public let users: [User]
    public let warnings: [ImportWarning]
}

/// A server's capacity as written: the scenario has none, so these are edgeplan's assumptions.
public struct ServerCapacity: Sendable, Equatable {
    public let cores: Double
    public let memoryGB: Double
    public let storageGB: Double
    public let netioGbps: Double

    /// A MEC host: 16 cores, 64 GB, 1 TB, 10 Gbps.
    public static let edge = ServerCapacity(cores: 16, memoryGB: 64, storageGB: 1000, netioGbps: 10)
    /// A core-network site, four MEC hosts.
    public static let regional = ServerCapacity(cores: 64, memoryGB: 256, storageGB: 4000, netioGbps: 40)
    /// A distant cloud, in effect unbounded for a sandbox's handful of UEs.
    public static let cloud = ServerCapacity(cores: 1000, memoryGB: 4000, storageGB: 100_000, netioGbps: 100)

    public static func assumed(for tier: ServerTier) -> ServerCapacity {
        switch tier {
        case .edge: .edge
        case .regional: .regional
        case .cloud: .cloud
        }
    }

    /// `16 cores, 64 GB, 1000 GB, 10 Gbps`.
    public var description: String {
        let n = ScenarioValue.decimal
        return "\(n(cores)) cores, \(n(memoryGB)) GB memory, \(n(storageGB)) GB storage, \(n(netioGbps)) Gbps netio"
    }
}
