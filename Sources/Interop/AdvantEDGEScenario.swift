/// The part of an AdvantEDGE scenario that edgeplan reads: the network hierarchy deployment →
/// domains → zones → network locations → physical locations, each level with its network
/// characteristics, and the geographic data of points of access and UEs. The fields follow the
/// Scenario definitions of AdvantEDGE's sandbox controller API
/// (go-apps/meep-sandbox-ctrl/api/swagger.yaml in github.com/InterDigitalInc/AdvantEDGE).
public struct AdvantEDGEScenario: Sendable {
    /// The largest one-way latency of an element edgeplan imports, milliseconds (1000 s): path RTTs
    /// sum a few of them in 64-bit nanoseconds, far below edgeplan's bound on times.
    public static let maximumLatencyMilliseconds = 1e6

    public var name: String
    public var version: String?
    public var deployment: Deployment

    /// Network characteristics of one level. AdvantEDGE writes latencies in milliseconds, applied
    /// one way to every packet that crosses the element; throughputs in Mbps; packet loss in %.
    public struct NetworkCharacteristics: Sendable, Equatable {
        public var latencyMilliseconds: Double?
        public var latencyVariationMilliseconds: Double?
        public var latencyDistribution: String?
        public var throughputDownlinkMbps: Double?
        public var throughputUplinkMbps: Double?
        public var packetLossPercent: Double?

        public init(
            latencyMilliseconds: Double? = nil, latencyVariationMilliseconds: Double? = nil,
            latencyDistribution: String? = nil, throughputDownlinkMbps: Double? = nil,
            throughputUplinkMbps: Double? = nil, packetLossPercent: Double? = nil
        ) {
            self.latencyMilliseconds = latencyMilliseconds
            self.latencyVariationMilliseconds = latencyVariationMilliseconds
            self.latencyDistribution = latencyDistribution
            self.throughputDownlinkMbps = throughputDownlinkMbps
            self.throughputUplinkMbps = throughputUplinkMbps
            self.packetLossPercent = packetLossPercent
        }

        /// AdvantEDGE's own default when a throughput is unset or 0: 1000 Mbps
        /// (`DEFAULT_THROUGHPUT_LINK`, go-packages/meep-net-char-mgr/algo-segment.go).
        public static let defaultThroughputMbps = 1000.0

        /// One-way latency, 0 when unset (the segment algorithm adds 0 for it).
        public var latency: Double { latencyMilliseconds ?? 0 }

        /// The smaller of the two directions, each defaulted as AdvantEDGE does.
        public var symmetricThroughputMbps: Double {
            min(Self.defaulted(throughputUplinkMbps), Self.defaulted(throughputDownlinkMbps))
        }

        static func defaulted(_ value: Double?) -> Double {
            guard let value, value > 0 else { return defaultThroughputMbps }
            return value
        }
    }

    public struct Deployment: Sendable {
        public var netChar: NetworkCharacteristics
        public var domains: [Domain]
    }

    public struct Domain: Sendable {
        public var name: String
        /// OPERATOR, OPERATOR-CELLULAR or PUBLIC.
        public var type: String
        public var netChar: NetworkCharacteristics
        public var zones: [Zone]
    }

    public struct Zone: Sendable {
        public var name: String
        /// ZONE, or COMMON (the zone every domain has for its common network).
        public var type: String
        public var netChar: NetworkCharacteristics
        public var networkLocations: [NetworkLocation]
    }

    /// A point [longitude, latitude] in degrees (WGS84), GeoJSON's order.
    public struct GeoPoint: Sendable, Equatable {
        public var longitude: Double
        public var latitude: Double
        public init(longitude: Double, latitude: Double) {
            self.longitude = longitude
            self.latitude = latitude
        }
    }

    public struct NetworkLocation: Sendable {
        public var name: String
        /// POA, POA-4G, POA-5G, POA-WIFI, POA-CELLULAR (before 1.5), or DEFAULT.
        public var type: String
        /// The terminal link's characteristics (between a UE and this point of access).
        public var netChar: NetworkCharacteristics
        public var location: GeoPoint?
        /// Coverage radius of a point of access, metres.
        public var radiusMeters: Double?
        public var physicalLocations: [PhysicalLocation]
    }

    public struct PhysicalLocation: Sendable {
        public var name: String
        /// UE, FOG, EDGE, DC (distant cloud) or CN.
        public var type: String
        public var netChar: NetworkCharacteristics
        public var location: GeoPoint?
        /// A GeoJSON LineString the UE follows.
        public var path: [GeoPoint]?
        /// LOOP (around again from the start) or REVERSE (back along the path); AdvantEDGE's
        /// default when unset is LOOP.
        public var endOfPathMode: String?
        public var velocityMetersPerSecond: Double?
        public var processes: [Process]
    }

    public struct Process: Sendable {
        public var name: String
        /// UE-APP, EDGE-APP, MEC-SVC or CLOUD-APP.
        public var type: String
    }
}

extension AdvantEDGEScenario {
    /// Every point of access with the zone and domain it belongs to, in the scenario's order.
    var pointsOfAccess: [(domain: Domain, zone: Zone, location: NetworkLocation)] {
        deployment.domains.flatMap { domain in
            domain.zones.flatMap { zone in
                zone.networkLocations.filter { PointOfAccessKind($0.type) != nil }.map { (domain, zone, $0) }
            }
        }
    }

    /// Every physical location with its ancestors, in the scenario's order.
    var physicalLocations: [(domain: Domain, zone: Zone, networkLocation: NetworkLocation, physical: PhysicalLocation)]
    {
        deployment.domains.flatMap { domain in
            domain.zones.flatMap { zone in
                zone.networkLocations.flatMap { location in
                    location.physicalLocations.map { (domain, zone, location, $0) }
                }
            }
        }
    }
}

/// The points of access edgeplan imports, by AdvantEDGE network-location type.
enum PointOfAccessKind: String {
    case generic = "POA"
    case fourG = "POA-4G"
    case fiveG = "POA-5G"
    case wifi = "POA-WIFI"
    /// The cellular type of releases before 1.5, an LTE cell.
    case cellular = "POA-CELLULAR"

    init?(_ type: String) { self.init(rawValue: type) }

    /// edgeplan's technology name.
    var technology: String {
        switch self {
        case .generic: "other"
        case .fourG, .cellular: "4g"
        case .fiveG: "5g"
        case .wifi: "wifi"
        }
    }
}
