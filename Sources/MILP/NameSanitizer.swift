/// Names valid in both CPLEX LP and free MPS, unique within a model.
///
/// Both formats allow letters, digits and `!"#$%&()/,.;?@_\`'{}|~`; LP forbids a leading digit,
/// period or "e"/"E" followed by a digit. Any other character becomes `_`, a bad start gets a `_`
/// prefix, and a name that then collides with an earlier one gets `~2`, `~3`, ….
public struct NameSanitizer: Sendable {
    public let variables: [String]
    public let constraints: [String]

    public init(_ model: MILPModel) {
        var used = Set<String>()
        variables = model.variables.enumerated().map {
            Self.unique(Self.clean($0.element.name, fallback: "x\($0.offset)"), &used)
        }
        constraints = model.constraints.enumerated().map {
            Self.unique(Self.clean($0.element.name, fallback: "r\($0.offset)"), &used)
        }
    }

    public static let allowedPunctuation = Set("!\"#$%&()/,.;?@_`'{}|~".unicodeScalars)

    public static func clean(_ name: String, fallback: String) -> String {
        var scalars = String.UnicodeScalarView()
        for scalar in name.unicodeScalars {
            let isAlphanumeric =
                scalar.isASCII
                && (("a"..."z").contains(scalar) || ("A"..."Z").contains(scalar) || ("0"..."9").contains(scalar))
            scalars.append(isAlphanumeric || allowedPunctuation.contains(scalar) ? scalar : "_")
        }
        var result = String(scalars)
        if result.isEmpty { result = fallback }
        if let first = result.unicodeScalars.first, ("0"..."9").contains(first) || first == "." {
            result = "_" + result
        }
        let characters = Array(result.unicodeScalars)
        if characters.count > 1, characters[0] == "e" || characters[0] == "E", ("0"..."9").contains(characters[1]) {
            result = "_" + result
        }
        // GLPK and CPLEX cap names at 255 characters.
        if result.unicodeScalars.count > 240 {
            result = String(String.UnicodeScalarView(result.unicodeScalars.prefix(240)))
        }
        return result
    }

    public static func unique(_ name: String, _ used: inout Set<String>) -> String {
        if used.insert(name).inserted { return name }
        var counter = 2
        while !used.insert("\(name)~\(counter)").inserted { counter += 1 }
        return "\(name)~\(counter)"
    }
}
