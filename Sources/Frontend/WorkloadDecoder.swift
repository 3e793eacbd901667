import Diagnostics
import EdgeModel
import Foundation
import Yams

/// A reference by id, with where it was written.
struct Reference {
    let id: String
    let location: SourceLocation
}

/// A user as written: references by id and raw coordinates, resolved once the topology is known.
struct UserSyntax {
    let id: String
    let idLocation: SourceLocation
    let app: Reference?
    let bs: Reference?
    let server: Reference?
    let position: (Double, Double)?
    let positionLocation: SourceLocation?
    let velocity: (Double, Double)
    /// Time and raw coordinates of each waypoint.
    let trajectory: [(time: Seconds, x: Double, y: Double)]?
    let rssi: [(bs: Reference, value: DBm)]
    let location: SourceLocation
}

struct TraceSyntax {
    let file: String
    let resolvedPath: String
    /// The path checked against the trace root (nil without one): the one to read.
    let checkedPath: String?
    let format: TraceFormat
    let app: Reference?
    let location: SourceLocation
}

struct WorkloadSyntax {
    let name: String
    let epoch: Date?
    let users: [UserSyntax]
    let traces: [TraceSyntax]
    let location: SourceLocation
}

/// Decodes `kind: Workload` (SPEC §1). Coordinates stay raw: the topology says what they mean.
struct WorkloadDecoder {
    let reader: DocumentReader
    /// The coordinate system of the topology, when one was read (positions are checked against it).
    let coordinates: CoordinateSystem
    /// Which files traces may name.
    let traces: TraceAccess

    static let fields = ["kind", "name", "epoch", "users", "traces"]
    static let userFields = ["id", "app", "attachment", "position", "velocity", "trajectory", "rssi"]

    func decode(_ root: Fields, name: String) -> WorkloadSyntax {
        var epoch: Date?
        if let node = root["epoch"], let text = reader.string(node, what: "an ISO 8601 time for \"epoch\"") {
            epoch = Self.parseISO8601(text)
            if epoch == nil {
                reader.error(
                    .wrongType,
                    "expected an ISO 8601 time such as \"2026-01-01T00:00:00Z\" for \"epoch\", found \(DiagnosticText.quote(text))",
                    at: node)
            }
        }
        var users: [UserSyntax] = []
        var seen: [String: SourceLocation] = [:]
        for node in root["users"].flatMap({ reader.sequence($0, what: "users") }) ?? [] {
            guard let user = user(node) else { continue }
            if let first = seen[user.id] {
                reader.diagnostics.error(
                    .duplicateID, "duplicate user id \(DiagnosticText.quote(user.id))", at: user.idLocation,
                    notes: [DiagnosticNote("\(DiagnosticText.quote(user.id)) is first defined here", at: first)])
                continue
            }
            seen[user.id] = user.idLocation
            users.append(user)
        }
        var traces: [TraceSyntax] = []
        for node in root["traces"].flatMap({ reader.sequence($0, what: "traces") }) ?? [] {
            guard
                let fields = Fields(
                    node, reader: reader, what: "a trace", context: "trace", allowed: ["file", "format", "app"]),
                let file = fields.string("file")
            else { continue }
            let format: TraceFormat? = fields.choice("format")
            let directory = (reader.file as NSString).deletingLastPathComponent
            let resolved = file.hasPrefix("/") || directory.isEmpty ? file : directory + "/" + file
            let app = reference(fields, "app")
            guard let fileNode = fields["file"],
                case .readable(let checkedPath) = self.traces.check(
                    file: file, resolved: resolved, reader: reader, at: fileNode),
                let format
            else { continue }
            traces.append(
                TraceSyntax(
                    file: file, resolvedPath: resolved, checkedPath: checkedPath, format: format, app: app,
                    location: reader.location(node)))
        }
        if users.isEmpty && traces.isEmpty && !reader.isExhausted && !root.mentions("users")
            && !root.mentions("traces")
        {
            reader.error(.missingField, "workload \"\(name)\" has neither \"users\" nor \"traces\"", at: root.node)
        }
        return WorkloadSyntax(
            name: name, epoch: epoch, users: users, traces: traces, location: reader.location(root.node))
    }

    static func parseISO8601(_ text: String) -> Date? {
        let formatter = ISO8601DateFormatter()
        if let date = formatter.date(from: text) { return date }
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return formatter.date(from: text)
    }

    private func reference(_ fields: Fields, _ key: String) -> Reference? {
        guard let node = fields.required(key), let id = reader.string(node, what: "an id for \"\(key)\"") else {
            return nil
        }
        return Reference(id: id, location: reader.location(node))
    }

    private func user(_ node: Node) -> UserSyntax? {
        var peeked: String?
        if case .mapping(let mapping) = node, case .scalar(let scalar)? = mapping["id"] { peeked = scalar.string }
        let context = peeked.map { "user \"\($0)\"" } ?? "user (without id)"
        guard let fields = Fields(node, reader: reader, what: "a user", context: context, allowed: Self.userFields),
            let id = fields.string("id")
        else { return nil }
        let app = reference(fields, "app")
        var bs: Reference?
        var server: Reference?
        if let attachmentNode = fields.required("attachment"),
            let attachment = Fields(
                attachmentNode, reader: reader, what: "attachment", context: "attachment of \(context)",
                allowed: ["bs", "server"])
        {
            bs = reference(attachment, "bs")
            server = reference(attachment, "server")
        }
        let points = PointReader(reader: reader)
        var trajectory: [(time: Seconds, x: Double, y: Double)]?
        if let trajectoryNode = fields["trajectory"] {
            trajectory = waypoints(trajectoryNode, points: points, context: context)
            if let positionKey = fields.keyNode("position") {
                reader.warning(
                    .ignoredField, "\"position\" of \(context) is ignored: the trajectory gives the position",
                    at: positionKey)
            }
            if let velocityKey = fields.keyNode("velocity") {
                reader.warning(
                    .ignoredField, "\"velocity\" of \(context) is ignored: the trajectory gives the motion",
                    at: velocityKey)
            }
        }
        var position: (Double, Double)?
        if trajectory == nil, !fields.mentions("trajectory"), let positionNode = fields.required("position") {
            position = points.point(positionNode, coordinates: coordinates, field: "position")
        }
        var velocity = (0.0, 0.0)
        if trajectory == nil, let velocityNode = fields["velocity"] {
            velocity = velocityPair(velocityNode) ?? velocity
        }
        var rssi: [(bs: Reference, value: DBm)] = []
        if let rssiNode = fields["rssi"],
            let mapping = reader.mapping(rssiNode, what: "\"rssi\" (base station id: power, such as {ap1: -61 dBm})")
        {
            for (key, value) in mapping {
                guard let bsID = reader.string(key, what: "a base station id"),
                    let parsed = reader.quantity(value, .power, field: "rssi")
                else { continue }
                rssi.append((Reference(id: bsID, location: reader.location(key)), DBm(parsed.value)))
            }
        }
        return UserSyntax(
            id: id, idLocation: reader.location(fields["id"] ?? node), app: app, bs: bs, server: server,
            position: position, positionLocation: fields["position"].map(reader.location),
            velocity: velocity, trajectory: trajectory, rssi: rssi, location: reader.location(node))
    }

    private func velocityPair(_ node: Node) -> (Double, Double)? {
        guard let items = reader.sequence(node, what: "\"velocity\" [east, north] in m/s") else { return nil }
        guard items.count == 2 else {
            reader.error(
                .wrongType, "\"velocity\" must be [east, north] in m/s, found \(items.count) numbers", at: node)
            return nil
        }
        guard let east = reader.number(items[0], field: "velocity", maximum: InputBounds.maximumVelocity),
            let north = reader.number(items[1], field: "velocity", maximum: InputBounds.maximumVelocity)
        else { return nil }
        return (east, north)
    }

    private func waypoints(_ node: Node, points: PointReader, context: String) -> [(
        time: Seconds, x: Double, y: Double
    )]? {
        guard let items = reader.sequence(node, what: "\"trajectory\" (a list of [t, x, y])") else { return nil }
        if items.isEmpty {
            reader.error(.wrongType, "\"trajectory\" of \(context) has no waypoints", at: node)
            return nil
        }
        var result: [(time: Seconds, x: Double, y: Double)] = []
        var valid = true
        var previous: (time: Double, node: Node)?
        for item in items {
            guard let parts = reader.sequence(item, what: "a waypoint [t, x, y]") else {
                valid = false
                continue
            }
            guard parts.count == 3 else {
                reader.error(.wrongType, "a waypoint must be [t, x, y], found \(parts.count) values", at: item)
                valid = false
                continue
            }
            let time = reader.quantity(parts[0], .time, field: "trajectory time")
            let x = reader.number(parts[1], field: "trajectory x", maximum: InputBounds.maximumCoordinate)
            let y = reader.number(parts[2], field: "trajectory y", maximum: InputBounds.maximumCoordinate)
            guard let time, let x, let y,
                coordinates == .plane || points.checkGeographic(x, parts[1], y, parts[2])
            else {
                valid = false
                continue
            }
            if let previous, time.value <= previous.time {
                reader.error(
                    .trajectoryOrder,
                    "waypoint times must increase: \(Fields.text(parts[0])) does not come after \(Fields.text(previous.node))",
                    at: parts[0])
                valid = false
            }
            previous = (time.value, parts[0])
            result.append((Seconds(time.value), x, y))
        }
        return valid ? result : nil
    }
}
