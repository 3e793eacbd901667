/// What of an AdvantEDGE scenario edgeplan cannot represent, by kind. Nothing is dropped
/// silently: every kind names the elements it concerns, on standard error and in a comment of the
/// YAML written.
public enum ImportWarningKind: String, CaseIterable, Sendable, Comparable {
    case latencyVariation = "latency-variation"
    case latencyDistribution = "latency-distribution"
    case packetLoss = "packet-loss"
    case asymmetricThroughput = "asymmetric-throughput"
    case nodeCharacteristics = "node-characteristics"
    case processes
    case unknownType = "unknown-type"
    case unknownField = "unknown-field"
    case deprecatedField = "deprecated-field"
    case identifiers
    case metadata
    case connectivity
    case computeLocations = "compute-locations"
    case assumedCapacities = "assumed-capacities"
    case assumedRadius = "assumed-radius"
    case publicDomainCloud = "public-domain-cloud"
    case replacedServers = "replaced-servers"
    case motion
    case skipped

    /// What is lost, and what edgeplan does instead.
    var headline: String {
        switch self {
        case .latencyVariation:
            "latency variation (jitter) is not represented: edgeplan links have a fixed RTT, the mean latency"
        case .latencyDistribution:
            "the jitter distribution is not represented (edgeplan has no jitter)"
        case .packetLoss: "packet loss is not represented: edgeplan links lose nothing"
        case .asymmetricThroughput:
            "uplink and downlink throughputs differ; edgeplan links are symmetric and take the smaller"
        case .nodeCharacteristics:
            "network characteristics of single nodes and processes (a UE's own link, an application's latency) are not represented"
        case .processes:
            "processes (MEC applications and services, UE and cloud applications) are not imported: users run the app given by --app, and servers host any AppProfile"
        case .unknownType: "elements of a type edgeplan does not know are skipped"
        case .unknownField: "fields edgeplan does not know are ignored"
        case .deprecatedField:
            "deprecated fields are ignored, as AdvantEDGE has done since release 1.3.0 (netChar replaced them)"
        case .identifiers: "radio identifiers (cell ids, MAC addresses, PLMN codes) are not kept"
        case .metadata: "metadata (meta, userMeta: display and sandbox settings) is not kept"
        case .connectivity:
            "connectivity settings (connected, wireless, wirelessType priorities, data networks, external nodes) are not represented: edgeplan attaches each user to the strongest base station, whatever its technology"
        case .computeLocations:
            "positions of compute nodes are not kept: edgeplan servers have no position, only links"
        case .assumedCapacities:
            "the scenario gives servers no capacity; edgeplan's defaults for imported servers are assumed"
        case .assumedRadius:
            "points of access without a usable radius get an assumed one (coverage radii below the path-loss model's reference distance cannot be told apart)"
        case .publicDomainCloud:
            "the public domain has no distant-cloud node; a cloud server stands for it"
        case .replacedServers: "the scenario's edge and fog nodes are replaced by the servers --servers places"
        case .motion: "UE motion differs from the scenario"
        case .skipped: "elements edgeplan cannot place are skipped"
        }
    }

    public static func < (lhs: Self, rhs: Self) -> Bool {
        (allCases.firstIndex(of: lhs) ?? 0) < (allCases.firstIndex(of: rhs) ?? 0)
    }
}

/// One kind of loss and the elements it concerns, e.g. `network location "w1": 1 ms`.
public struct ImportWarning: Sendable, Equatable {
    public let kind: ImportWarningKind
    public let elements: [String]

    /// One line: the kind, what is lost, and the elements (the first `limit` of them).
    public func message(limit: Int = .max) -> String {
        let shown = elements.prefix(limit)
        var text = "[\(kind.rawValue)] \(kind.headline)"
        if !shown.isEmpty {
            text += ": " + shown.joined(separator: "; ")
            if elements.count > shown.count { text += "; and \(elements.count - shown.count) more" }
        }
        return text
    }
}

/// Collects warnings by kind, each element once, in the order first met.
struct ImportWarningCollector {
    private var elements: [ImportWarningKind: [String]] = [:]

    /// Adds the elements of a warning made elsewhere (while reading the scenario).
    mutating func add(_ warning: ImportWarning) {
        for element in warning.elements { add(warning.kind, element) }
    }

    mutating func add(_ kind: ImportWarningKind, _ element: String) {
        var list = elements[kind, default: []]
        guard !list.contains(element) else { return }
        list.append(element)
        elements[kind] = list
    }

    /// The warnings in a fixed order of kinds.
    var warnings: [ImportWarning] {
        elements.keys.sorted().map { ImportWarning(kind: $0, elements: elements[$0] ?? []) }
    }
}
