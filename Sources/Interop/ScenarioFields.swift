import EdgeModel

/// The fields of one object of a scenario, read by name. Every field read, or set aside under a
/// kind of warning, is marked; what is left and has a value is an unknown field, reported by name.
final class ScenarioFields {
    /// Renamed once the object's own name is read.
    var element: String
    private let fields: [(key: String, value: ScenarioValue)]
    private var seen: Set<String> = []

    /// `element` names the object in messages, e.g. `zone "zone01"`.
    init(_ value: ScenarioValue, element: String) throws {
        guard case .object(let fields) = value else {
            throw ScenarioReadError.invalid("\(element) must be a map, found \(value.text)")
        }
        self.element = element
        self.fields = fields
    }

    subscript(key: String) -> ScenarioValue? {
        seen.insert(key)
        guard let value = fields.first(where: { $0.key == key })?.value, value != .null else { return nil }
        return value
    }

    func string(_ key: String) throws -> String? {
        guard let value = self[key] else { return nil }
        switch value {
        case .string(let text): return text
        case .number, .bool: return value.text
        default: throw ScenarioReadError.invalid("\(element): \"\(key)\" must be text, found \(value.text)")
        }
    }

    func requiredString(_ key: String) throws -> String {
        guard let text = try string(key), !text.isEmpty else {
            throw ScenarioReadError.invalid("\(element) has no \"\(key)\"")
        }
        return text
    }

    func number(_ key: String) throws -> Double? {
        guard let value = self[key] else { return nil }
        guard case .number(let number) = value, number.isFinite else {
            throw ScenarioReadError.invalid("\(element): \"\(key)\" must be a number, found \(value.text)")
        }
        return number
    }

    func list(_ key: String) throws -> [ScenarioValue] {
        guard let value = self[key] else { return [] }
        guard case .array(let items) = value else {
            throw ScenarioReadError.invalid("\(element): \"\(key)\" must be a list, found \(value.text)")
        }
        return items
    }

    /// Fields set aside: each one with a value is named under `kind`.
    func setAside(_ keys: [String], as kind: ImportWarningKind, into warnings: inout ImportWarningCollector) {
        for key in keys {
            guard let value = self[key], !value.isEmpty else { continue }
            warnings.add(kind, "\(element) \(key) \(Self.abbreviated(value))")
        }
    }

    /// Names every field with a value that nothing read or set aside.
    func reportUnknown(into warnings: inout ImportWarningCollector) {
        for field in fields where !seen.contains(field.key) && !field.value.isEmpty {
            warnings.add(.unknownField, "\(element) \(field.key)")
        }
    }

    /// A value short enough for a warning.
    static func abbreviated(_ value: ScenarioValue) -> String {
        let text = value.text
        return text.count <= 60 ? text : String(text.prefix(57)) + "..."
    }
}

/// Reads an element's `geoData`: a GeoJSON Point `location`, a coverage `radius` in metres, a
/// GeoJSON LineString `path`, its end-of-path mode and a velocity in metres per second.
struct GeoDataReader {
    var location: AdvantEDGEScenario.GeoPoint?
    var radius: Double?
    var path: [AdvantEDGEScenario.GeoPoint]?
    var endOfPathMode: String?
    var velocity: Double?

    init(value: ScenarioValue, element: String, warnings: inout ImportWarningCollector) throws {
        let fields = try ScenarioFields(value, element: "\(element) geoData")
        if let point = fields["location"] {
            location = try Self.geometry(point, type: "Point", element: "\(element) location") { coordinates in
                try Self.point(coordinates, element: "\(element) location")
            }
        }
        radius = try fields.number("radius")
        if let radius, radius < 0 {
            throw ScenarioReadError.invalid("\(element): radius must not be negative, found \(radius) m")
        }
        if let line = fields["path"] {
            path = try Self.geometry(line, type: "LineString", element: "\(element) path") { coordinates in
                guard case .array(let points) = coordinates else {
                    throw ScenarioReadError.invalid("\(element) path: coordinates must be a list of points")
                }
                return try points.map { try Self.point($0, element: "\(element) path") }
            }
        }
        endOfPathMode = try fields.string("eopMode")
        velocity = try fields.number("velocity")
        if let velocity, velocity < 0 {
            throw ScenarioReadError.invalid("\(element): velocity must not be negative, found \(velocity) m/s")
        }
        if let velocity, velocity > InputBounds.maximumMetersPerSecond {
            throw ScenarioReadError.invalid(
                "\(element): velocity must be at most \(InputBounds.text(InputBounds.maximumMetersPerSecond)) m/s, found \(velocity) m/s"
            )
        }
        fields.reportUnknown(into: &warnings)
    }

    /// A GeoJSON geometry of the given type; its `coordinates` go to `read`.
    private static func geometry<T>(
        _ value: ScenarioValue, type: String, element: String, _ read: (ScenarioValue) throws -> T
    ) throws -> T {
        let fields = try ScenarioFields(value, element: element)
        let found = try fields.string("type") ?? type
        guard found == type else {
            throw ScenarioReadError.invalid("\(element) must be a GeoJSON \(type), found \"\(found)\"")
        }
        guard let coordinates = fields["coordinates"] else {
            throw ScenarioReadError.invalid("\(element) has no coordinates")
        }
        return try read(coordinates)
    }

    /// `[longitude, latitude]` in degrees, within range.
    private static func point(_ value: ScenarioValue, element: String) throws -> AdvantEDGEScenario.GeoPoint {
        guard case .array(let items) = value, items.count >= 2, case .number(let longitude) = items[0],
            case .number(let latitude) = items[1]
        else {
            throw ScenarioReadError.invalid("\(element): expected [longitude, latitude], found \(value.text)")
        }
        guard (-180...180).contains(longitude), (-90...90).contains(latitude) else {
            throw ScenarioReadError.invalid(
                "\(element): [\(longitude), \(latitude)] is not a [longitude, latitude] in degrees")
        }
        return AdvantEDGEScenario.GeoPoint(longitude: longitude, latitude: latitude)
    }
}
