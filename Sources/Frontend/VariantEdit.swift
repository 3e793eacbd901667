import EdgeModel

/// A list of a Topology that a Variant edits.
enum TopologyList: String, Sendable, CaseIterable {
    case baseStations, servers, links

    /// How messages name one element: `unknown server "edge9"`.
    var noun: String {
        switch self {
        case .baseStations: "base station"
        case .servers: "server"
        case .links: "link"
        }
    }
}

/// How a set, scale or remove entry chooses the elements it changes.
enum Selector: Sendable {
    /// A server or base station by id, or every one with `"*"`.
    case id(SyntaxNode)
    /// Every server of a tier.
    case tier(ServerTier, SyntaxNode)
    /// The links between two nodes (parallel links too), in either direction; either end may be
    /// `"*"`. `whole` is where the selector was written.
    case link(SyntaxNode, SyntaxNode, whole: SyntaxNode)

    static let wildcard = "*"
}

/// A value a set entry gives a field; a path of two names a resource of `capacity` or `used`, or a
/// field of a Policy's `objective` or `solver`.
struct FieldValue: Sendable {
    let path: [String]
    let value: SyntaxNode
}

/// A factor a scale entry multiplies a field by; `node` is where the factor was written (so the
/// scaled value is reported there).
struct FieldFactor: Sendable {
    let path: [String]
    let factor: Double
    let node: SyntaxNode
}

/// One edit of a Variant, kept as located syntax until it is applied to a base's documents.
enum VariantEdit: Sendable {
    /// Removes servers or base stations (with every link that touches them), or links.
    case remove(TopologyList, Selector)
    /// Adds an element written exactly as in a Topology.
    case add(TopologyList, SyntaxNode)
    case set(TopologyList, Selector, [FieldValue])
    case scale(TopologyList, Selector, [FieldFactor])
    /// Sets a field of the Policy (`sla` and `strategies` whole).
    case setPolicy(FieldValue)

    var isPolicyEdit: Bool {
        if case .setPolicy = self { return true }
        return false
    }
}

/// What the fields a Variant may set or scale hold, so values are checked where they are written.
enum EditField: Sendable {
    /// A quantity with its range rule.
    case quantity(QuantityKind, EditRange)
    /// A bare number (compute), which must be greater than zero.
    case positiveNumber
    /// A whole number of at least one (maxUsers).
    case count
    /// A map of resources, each a quantity of the resource's kind.
    case resources(EditRange)

    /// The fields of each list that a set entry may change, in the order of the Topology's tables.
    static func settable(in list: TopologyList) -> [(name: String, field: EditField)] {
        switch list {
        case .servers:
            [
                ("compute", .positiveNumber), ("capacity", .resources(.positive)), ("used", .resources(.nonNegative)),
                ("checkpointCost", .quantity(.timePerSize, .nonNegative)),
                ("restoreCost", .quantity(.timePerSize, .nonNegative)),
            ]
        case .baseStations:
            [
                ("txPower", .quantity(.power, .any)), ("maxUsers", .count),
                ("handoverTime", .quantity(.time, .nonNegative)), ("peakRate", .quantity(.bandwidth, .positive)),
            ]
        case .links: [("bandwidth", .quantity(.bandwidth, .positive)), ("rtt", .quantity(.time, .nonNegative))]
        }
    }

    /// Fields that may be set but not scaled, with the reason a message gives.
    static func unscalable(in list: TopologyList) -> [String: String] {
        list == .baseStations
            ? ["txPower": "a power in dBm is a logarithm, and multiplying it means nothing physical; set it instead"]
            : [:]
    }

    /// The value a scale entry multiplies when the element leaves the field out (nil: nothing to scale).
    static func defaultText(of field: String, technology: String?) -> String? {
        switch field {
        case "compute": "1"
        case "checkpointCost", "restoreCost": "1 s/GB"
        case "handoverTime": "500 ms"
        case "peakRate":
            "\(Messages.number((RadioTechnology(rawValue: technology ?? "") ?? .other).defaultPeakRate.value)) bps"
        default: nil
        }
    }

    /// The quantity kind of a resource of `capacity` or `used`.
    static func kind(of resource: ResourceKind) -> QuantityKind {
        switch resource {
        case .cpu: .cpu
        case .memory, .storage: .size
        case .netio: .bandwidth
        }
    }
}

/// The range rule of an editable quantity, as the Topology states it.
enum EditRange: Sendable {
    case any, positive, nonNegative
}
