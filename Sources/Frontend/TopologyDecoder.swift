import Diagnostics
import EdgeModel
import Yams

/// A decoded Topology with what later checks need: where each id was defined, the app names the
/// servers cache (resolved once the AppProfiles are known), and what was left out after an error.
struct DecodedTopology {
    let topology: Topology
    let definitions: [String: SourceLocation]
    let cachedAppReferences: [(name: String, location: SourceLocation)]
    /// Some link had an error and is missing from `topology`, so reachability is not known.
    let hasBrokenLinks: Bool
    /// Some base station (or server) could not be read, so an id not found may be its.
    let hasUnreadBaseStations: Bool
    let hasUnreadServers: Bool
}

/// Decodes `kind: Topology` (SPEC §1).
struct TopologyDecoder {
    let reader: DocumentReader

    static let fields = ["kind", "name", "coordinates", "radio", "baseStations", "servers", "links"]
    static let baseStationFields = [
        "id", "position", "technology", "txPower", "peakRate", "maxUsers", "handoverTime", "radio", "zone",
    ]
    static let serverFields = [
        "id", "tier", "compute", "capacity", "used", "checkpointCost", "restoreCost", "cachedApps",
    ]
    static let linkFields = ["between", "bandwidth", "rtt"]
    static let radioFields = ["pathLoss", "noise", "channelWidth"]
    static let pathLossFields = ["referenceLoss", "referenceDistance", "exponent"]
    static let resourceFields = ResourceKind.allCases.map(\.rawValue)

    func decode(_ root: Fields, name: String) -> DecodedTopology {
        let coordinates: CoordinateSystem = root.choice("coordinates", required: false) ?? .plane
        let defaultRadio = root["radio"].flatMap { radio($0, base: .default, context: "topology radio") } ?? .default
        var definitions: [String: SourceLocation] = [:]
        var ids = IDRegistry(reader: reader)

        // Base stations: positions are projected after all are read (the centroid is the reference).
        var rawStations: [(fields: Fields, id: String, position: (Double, Double), isNew: Bool)] = []
        let stationNodes = root.required("baseStations").flatMap { reader.sequence($0, what: "baseStations") }
        var hasUnreadBaseStations = stationNodes == nil
        for node in stationNodes ?? [] {
            let id = peekID(node)
            guard
                let fields = Fields(
                    node, reader: reader, what: "a base station", context: "base station \(quoted(id))",
                    allowed: Self.baseStationFields),
                let id = fields.string("id")
            else {
                hasUnreadBaseStations = true
                continue
            }
            // A duplicate is still read, so that its own errors are reported too.
            let isNew = ids.register(id, at: fields["id"] ?? node)
            let position = fields.required("position").flatMap {
                point($0, coordinates: coordinates, field: "position")
            }
            rawStations.append((fields, id, position ?? (0, 0), isNew))
        }
        let projection: EquirectangularProjection? =
            coordinates == .geographic && !rawStations.isEmpty
            ? EquirectangularProjection(
                referenceLongitudeDegrees: rawStations.map(\.position.0).reduce(0, +) / Double(rawStations.count),
                referenceLatitudeDegrees: rawStations.map(\.position.1).reduce(0, +) / Double(rawStations.count))
            : nil
        var baseStations: [BaseStation] = []
        for raw in rawStations {
            let fields = raw.fields
            let technology: RadioTechnology = fields.choice("technology", required: false) ?? .other
            let maxUsers = fields["maxUsers"].flatMap { reader.integer($0, field: "maxUsers") }
            _ = fields.within(
                "maxUsers", fields.checked("maxUsers", maxUsers, { $0 >= 1 }, "must be at least 1"),
                1...InputBounds.maximumUsersPerBaseStation)
            let position =
                projection?.project(longitudeDegrees: raw.position.0, latitudeDegrees: raw.position.1)
                ?? PlanePoint(xMeters: raw.position.0, yMeters: raw.position.1)
            let station = BaseStation(
                id: raw.id, index: BaseStationIndex(baseStations.count), position: position, technology: technology,
                txPower: DBm(fields.quantity("txPower", .power)?.value ?? 0),
                peakRate: BitsPerSecond(
                    fields.positive("peakRate", .bandwidth, required: false) ?? technology.defaultPeakRate.value),
                maxUsers: maxUsers,
                handoverTime: Seconds(fields.nonNegative("handoverTime", .time, required: false) ?? 0.5),
                radio: fields["radio"].flatMap {
                    radio($0, base: defaultRadio, context: "radio of base station \(quoted(raw.id))")
                }
                    ?? defaultRadio,
                location: reader.location(fields.node), zone: fields.string("zone", required: false))
            guard raw.isNew else { continue }
            baseStations.append(station)
            definitions[raw.id] = reader.location(fields["id"] ?? fields.node)
        }

        var servers: [Server] = []
        var cachedAppReferences: [(String, SourceLocation)] = []
        let serverNodes = root.required("servers").flatMap { reader.sequence($0, what: "servers") }
        var hasUnreadServers = serverNodes == nil
        for node in serverNodes ?? [] {
            let id = peekID(node)
            guard
                let fields = Fields(
                    node, reader: reader, what: "a server", context: "server \(quoted(id))", allowed: Self.serverFields),
                let id = fields.string("id")
            else {
                hasUnreadServers = true
                continue
            }
            let isNew = ids.register(id, at: fields["id"] ?? node)
            let tier: ServerTier = fields.choice("tier") ?? .edge
            // Compute divides processing, checkpoint and restore times.
            let compute =
                fields.within(
                    "compute",
                    fields.checked(
                        "compute", fields.number("compute", required: false), { $0 > 0 }, "must be greater than zero"),
                    InputBounds.computeRange) ?? 1
            let capacity =
                fields.required("capacity").flatMap {
                    resources($0, context: "capacity of server \"\(id)\"", requireAll: true, positive: true)
                } ?? .zero
            let used =
                fields["used"].flatMap {
                    resources($0, context: "used of server \"\(id)\"", requireAll: false, positive: false)
                } ?? .zero
            if case .mapping(let usedMapping)? = fields["used"] {
                for kind in ResourceKind.allCases where used[kind] > capacity[kind] && capacity[kind] > 0 {
                    guard let amount = usedMapping[kind.rawValue] else { continue }
                    var limit = ""
                    if case .mapping(let capacityMapping)? = fields["capacity"],
                        let capacityNode = capacityMapping[kind.rawValue]
                    {
                        limit = " of \(Fields.text(capacityNode))"
                    }
                    reader.error(
                        .outOfRange,
                        "background load \"used.\(kind.rawValue)\" of server \"\(id)\" must not exceed its capacity\(limit), found \(Fields.text(amount))",
                        at: amount)
                }
            }
            var cached: [String] = []
            if let list = fields["cachedApps"].flatMap({ reader.sequence($0, what: "cachedApps") }) {
                for item in list {
                    guard let app = reader.string(item, what: "an app name in cachedApps") else { continue }
                    cached.append(app)
                    cachedAppReferences.append((app, reader.location(item)))
                }
            }
            let server = Server(
                id: id, index: ServerIndex(servers.count), tier: tier, compute: compute, capacity: capacity,
                used: used,
                checkpointCost: SecondsPerByte(
                    fields.nonNegative("checkpointCost", .timePerSize, required: false) ?? 1e-9),
                restoreCost: SecondsPerByte(fields.nonNegative("restoreCost", .timePerSize, required: false) ?? 1e-9),
                cachedApps: cached, location: reader.location(fields.node))
            guard isNew else { continue }
            servers.append(server)
            definitions[id] = reader.location(fields["id"] ?? fields.node)
        }

        // An empty list is an error of its own; then every id looked up in it is unknown as a consequence.
        if let node = root["baseStations"], stationNodes?.isEmpty == true {
            reader.error(.missingField, "topology \"\(name)\" has no base stations", at: node)
            hasUnreadBaseStations = true
        }
        if let node = root["servers"], serverNodes?.isEmpty == true {
            reader.error(.missingField, "topology \"\(name)\" has no servers", at: node)
            hasUnreadServers = true
        }

        let nodeIndex: [String: NodeIndex] = Dictionary(
            uniqueKeysWithValues: baseStations.map { ($0.id, NodeIndex($0.index.rawValue)) }
                + servers.map { ($0.id, NodeIndex(baseStations.count + $0.index.rawValue)) })
        var links: [Link] = []
        // A misspelt "links" (already reported) is as broken as a wrong one.
        var hasBrokenLinks = root.mentions("links") && !root.has("links")
        var linkNodes: [Node] = []
        if let node = root["links"] {
            if let list = reader.sequence(node, what: "links") { linkNodes = list } else { hasBrokenLinks = true }
        }
        for node in linkNodes {
            guard let fields = Fields(node, reader: reader, what: "a link", context: "link", allowed: Self.linkFields)
            else {
                hasBrokenLinks = true
                continue
            }
            let endpoints = fields.required("between").flatMap {
                between($0, nodeIndex: nodeIndex, hasUnreadNodes: hasUnreadBaseStations || hasUnreadServers)
            }
            let bandwidth = fields.positive("bandwidth", .bandwidth)
            let rtt = fields.quantity("rtt", .time)
            let rttNanoseconds = fields.checked("rtt", rtt?.exactNanoseconds, { $0 >= 0 }, "must not be negative")
            guard let endpoints, let bandwidth, let rttNanoseconds else {
                hasBrokenLinks = true
                continue
            }
            links.append(
                Link(
                    endpoints: endpoints, bandwidth: BitsPerSecond(bandwidth), rttNanoseconds: rttNanoseconds,
                    location: reader.location(node)))
        }

        let topology = Topology(
            name: name, coordinates: coordinates, projection: projection, baseStations: baseStations,
            servers: servers, links: links, location: reader.location(root.node))
        return DecodedTopology(
            topology: topology, definitions: definitions,
            cachedAppReferences: cachedAppReferences.map { (name: $0.0, location: $0.1) },
            hasBrokenLinks: hasBrokenLinks, hasUnreadBaseStations: hasUnreadBaseStations,
            hasUnreadServers: hasUnreadServers)
    }

    // MARK: Parts

    private func peekID(_ node: Node) -> String? {
        if case .mapping(let mapping) = node, case .scalar(let scalar)? = mapping["id"] { return scalar.string }
        return nil
    }

    private func quoted(_ id: String?) -> String { id.map { "\"\($0)\"" } ?? "(without id)" }

    /// A position: [x, y] metres on a plane, [longitude, latitude] degrees when geographic.
    func point(_ node: Node, coordinates: CoordinateSystem, field: String) -> (Double, Double)? {
        PointReader(reader: reader).point(node, coordinates: coordinates, field: field)
    }

    /// A radio map over `base`, field by field.
    private func radio(_ node: Node, base: RadioModel, context: String) -> RadioModel? {
        guard let fields = Fields(node, reader: reader, what: "radio", context: context, allowed: Self.radioFields)
        else { return nil }
        var radio = base
        if let pathLossNode = fields["pathLoss"],
            let pathLoss = Fields(
                pathLossNode, reader: reader, what: "pathLoss", context: "pathLoss of \(context)",
                allowed: Self.pathLossFields)
        {
            if let loss = pathLoss.quantity("referenceLoss", .gain, required: false) {
                radio.pathLoss.referenceLoss = Decibels(loss.value)
            }
            if let distance = pathLoss.positive("referenceDistance", .distance, required: false) {
                radio.pathLoss.referenceDistance = Meters(distance)
            }
            if let exponent = pathLoss.within(
                "exponent",
                pathLoss.checked(
                    "exponent", pathLoss.number("exponent", required: false), { $0 > 0 }, "must be greater than zero"),
                -Double.infinity...InputBounds.maximumPathLossExponent)
            {
                radio.pathLoss.exponent = exponent
            }
        }
        if let noise = fields.quantity("noise", .power, required: false) { radio.noise = DBm(noise.value) }
        if let width = fields.positive("channelWidth", .frequency, required: false) {
            radio.channelWidth = Hertz(width)
        }
        return radio
    }

    /// A resource map; `requireAll` for capacities (all four), `positive` for capacities too.
    func resources(_ node: Node, context: String, requireAll: Bool, positive: Bool) -> ResourceVector? {
        ResourceReader(reader: reader).resources(node, context: context, requireAll: requireAll, positive: positive)
    }

    /// The two ends of a link; an unknown id is not reported when some node could not be read (it may be that one).
    private func between(
        _ node: Node, nodeIndex: [String: NodeIndex], hasUnreadNodes: Bool
    ) -> (NodeIndex, NodeIndex)? {
        guard let items = reader.sequence(node, what: "\"between\" (two ids)") else { return nil }
        guard items.count == 2 else {
            reader.error(.wrongType, "\"between\" must name exactly two nodes, found \(items.count)", at: node)
            return nil
        }
        var ends: [NodeIndex] = []
        for item in items {
            guard let id = reader.string(item, what: "a node id") else { return nil }
            guard let index = nodeIndex[id] else {
                if hasUnreadNodes { return nil }
                let suggestion = Suggestions.closest(to: id, in: nodeIndex.keys.sorted())
                reader.error(
                    .unknownReference, "link names unknown node \(DiagnosticText.quote(id))", at: item,
                    notes: suggestion.map { [DiagnosticNote(Messages.didYouMean($0))] } ?? [])
                return nil
            }
            ends.append(index)
        }
        if ends[0] == ends[1] {
            reader.error(.selfLink, "link from \"\(Fields.text(items[0]))\" to itself", at: node)
            return nil
        }
        return (ends[0], ends[1])
    }
}

/// Reads `[x, y]` pairs.
struct PointReader {
    let reader: DocumentReader

    func point(_ node: Node, coordinates: CoordinateSystem, field: String) -> (Double, Double)? {
        let shape = coordinates == .plane ? "[x, y] in metres" : "[longitude, latitude] in degrees"
        guard let items = reader.sequence(node, what: "\"\(field)\" \(shape)") else { return nil }
        guard items.count == 2 else {
            reader.error(.wrongType, "\"\(field)\" must be \(shape), found \(items.count) numbers", at: node)
            return nil
        }
        // Degrees have their own ranges, checked below; metres are bounded like every coordinate.
        guard let x = reader.number(items[0], field: field, maximum: InputBounds.maximumCoordinate),
            let y = reader.number(items[1], field: field, maximum: InputBounds.maximumCoordinate)
        else {
            return nil
        }
        if coordinates == .geographic, !checkGeographic(x, items[0], y, items[1]) { return nil }
        return (x, y)
    }

    /// Whether a longitude and latitude lie in range; false after reporting the first that does not.
    func checkGeographic(_ longitude: Double, _ longitudeNode: Node, _ latitude: Double, _ latitudeNode: Node) -> Bool {
        let order = [DiagnosticNote("a geographic topology writes coordinates as [longitude, latitude] in degrees")]
        if !(-180...180).contains(longitude) {
            reader.error(
                .outOfRange, "longitude must lie in [-180, 180], found \(Fields.text(longitudeNode))",
                at: longitudeNode, notes: order)
            return false
        }
        if !(-90...90).contains(latitude) {
            reader.error(
                .outOfRange, "latitude must lie in [-90, 90], found \(Fields.text(latitudeNode))", at: latitudeNode,
                notes: order)
            return false
        }
        return true
    }
}

/// Reads `{cpu, memory, storage, netio}` maps.
struct ResourceReader {
    let reader: DocumentReader

    func resources(_ node: Node, context: String, requireAll: Bool, positive: Bool) -> ResourceVector? {
        guard
            let fields = Fields(
                node, reader: reader, what: context, context: context, allowed: ResourceKind.allCases.map(\.rawValue))
        else { return nil }
        func amount(_ kind: ResourceKind, _ quantityKind: QuantityKind) -> Double {
            positive
                ? fields.positive(kind.rawValue, quantityKind, required: requireAll) ?? 0
                : fields.nonNegative(kind.rawValue, quantityKind, required: requireAll) ?? 0
        }
        return ResourceVector(
            cpu: Cores(amount(.cpu, .cpu)), memory: Bytes(amount(.memory, .size)),
            storage: Bytes(amount(.storage, .size)), netio: BitsPerSecond(amount(.netio, .bandwidth)))
    }
}

/// Registers ids in the one namespace of base stations and servers.
struct IDRegistry {
    let reader: DocumentReader
    private var seen: [String: SourceLocation] = [:]

    init(reader: DocumentReader) { self.reader = reader }

    /// False (after reporting, with a note at the first definition) when the id is taken.
    mutating func register(_ id: String, at node: Node) -> Bool {
        if let first = seen[id] {
            reader.error(
                .duplicateID, "duplicate id \(DiagnosticText.quote(id))", at: node,
                notes: [DiagnosticNote("\(DiagnosticText.quote(id)) is first defined here", at: first)])
            return false
        }
        seen[id] = reader.location(node)
        return true
    }
}
