import Diagnostics
import EdgeModel
import Foundation

/// Why a sweep key or value cannot make a variant; `description` is the message for the command line.
public struct SweepError: Error, Sendable, CustomStringConvertible {
    public let description: String
}

/// What the value of a sweep key must spell.
enum SweepValue {
    case quantity(QuantityKind)
    case number
    case integer
    case choice([String])

    /// How messages name it: `a time such as "500 ms"`.
    var expectation: String {
        switch self {
        case .quantity(let kind): "\(kind.noun) such as \"\(kind.example)\""
        case .number: "a bare number such as \"2\""
        case .integer: "a whole number such as \"3\""
        case .choice(let values): "one of \(Messages.expectedOneOf(values))"
        }
    }
}

/// A sweep key (docs/language.md, "Sweep keys"): the field of the Policy or of selected servers,
/// base stations or links that `whatif --sweep KEY=V1,V2,…` varies.
struct SweepKey {
    static let families = ["policy", "servers", "baseStations", "links"]

    /// The Policy fields a sweep may set, with what their values spell.
    static let policyFields: [(path: String, value: SweepValue)] = [
        ("planner", .choice(PlannerKind.allCases.map(\.rawValue))),
        ("coordination", .choice(CoordinationKind.allCases.map(\.rawValue))),
        ("horizon", .quantity(.time)), ("gainWindow", .quantity(.time)), ("rssiMin", .quantity(.power)),
        ("rssiRule", .choice(RSSIRule.allCases.map(\.rawValue))), ("hysteresis", .quantity(.gain)),
        ("margin", .quantity(.ratio)), ("candidateServers", .integer),
        ("objective.gainWeight", .number), ("objective.downtimeWeight", .number),
        ("solver.backend", .choice(SolverBackendKind.allCases.map(\.rawValue))),
        ("solver.timeLimit", .quantity(.time)), ("solver.relativeGap", .quantity(.ratio)),
        ("solver.threads", .integer),
    ]

    let text: String
    /// The Topology list, nil for the Policy.
    let list: TopologyList?
    /// The selector's text: an id, "*", "tier:TIER", or for links "A.B" / "*".
    let selector: String
    let path: [String]
    let value: SweepValue

    init(_ text: String) throws {
        self.text = text
        let parts = text.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
        let family = parts.first ?? ""
        guard Self.families.contains(family), parts.count >= 2 else {
            let suggestion = Suggestions.closest(to: family, in: Self.families).map { " (did you mean \"\($0)\"?)" }
            throw SweepError(
                description:
                    "unknown sweep key \"\(text)\": a key starts with \(Messages.expectedOneOf(Self.families.map { "\($0)." }))\(suggestion ?? ""), as in policy.horizon, servers.edge1.capacity.cpu, baseStations.*.maxUsers or links.*.bandwidth"
            )
        }
        list = TopologyList(rawValue: family)
        let field: (path: String, value: SweepValue)
        if let list {
            (selector, field) = try Self.topologyKey(text, parts: parts, list: list)
        } else {
            (selector, field) = ("", try Self.policyKey(text, field: parts.dropFirst().joined(separator: ".")))
        }
        path = field.path.split(separator: ".").map(String.init)
        value = field.value
    }

    /// The Policy field of a `policy.FIELD` key.
    private static func policyKey(_ text: String, field: String) throws -> (path: String, value: SweepValue) {
        if let entry = policyFields.first(where: { $0.path == field }) { return entry }
        let names = policyFields.map(\.path)
        let hint = Suggestions.closest(to: field, in: names).map { "did you mean \"policy.\($0)\"? " } ?? ""
        throw SweepError(
            description:
                "unknown sweep key \"\(text)\": \(hint)policy fields that a sweep sets are \(Messages.expectedOneOf(names.map { "policy.\($0)" })) (sla and strategies are lists: change them in a Variant document)"
        )
    }

    /// The selector and field of a `servers.`, `baseStations.` or `links.` key. The field is the
    /// last name, or the last two for a resource of capacity or used; the names before it select.
    private static func topologyKey(
        _ text: String, parts: [String], list: TopologyList
    ) throws -> (selector: String, field: (path: String, value: SweepValue)) {
        let fields = fields(of: list)
        let namesNoElement = SweepError(
            description: "sweep key \"\(text)\" names no \(list.noun): a key for \(list.rawValue) is \(shape(of: list))"
        )
        guard parts.count >= 3 else { throw namesNoElement }
        let twoNames = parts.count >= 4 ? parts.suffix(2).joined(separator: ".") : nil
        let field: (path: String, value: SweepValue)
        let selectorParts: ArraySlice<String>
        if let twoNames, let match = fields.first(where: { $0.path == twoNames }) {
            (field, selectorParts) = (match, parts.dropFirst().dropLast(2))
        } else if let last = parts.last, let match = fields.first(where: { $0.path == last }) {
            (field, selectorParts) = (match, parts.dropFirst().dropLast())
        } else {
            let last = twoNames ?? parts.last ?? ""
            let hint = Suggestions.closest(to: last, in: fields.map(\.path)).map { "did you mean \"\($0)\"? " } ?? ""
            throw SweepError(
                description:
                    "unknown sweep key \"\(text)\": \(hint)a key for \(list.rawValue) is \(shape(of: list)) with FIELD one of \(Messages.expectedOneOf(fields.map(\.path)))"
            )
        }
        let selector = selectorParts.joined(separator: ".")
        // A link is named by its two ends (ids with dots cannot be told apart from them).
        let isValidSelector =
            list == .links
            ? selector == Selector.wildcard || selectorParts.count == 2 && !selectorParts.contains("")
            : !selector.isEmpty
        guard isValidSelector else { throw namesNoElement }
        if list == .servers, selector.hasPrefix("tier:"),
            ServerTier(rawValue: String(selector.dropFirst("tier:".count))) == nil
        {
            throw SweepError(
                description:
                    "sweep key \"\(text)\" names an unknown tier; expected tier:TIER with TIER one of \(Messages.expectedOneOf(ServerTier.allCases.map(\.rawValue)))"
            )
        }
        return (selector, field)
    }

    /// How a key of a family is written, for messages.
    private static func shape(of list: TopologyList) -> String {
        switch list {
        case .servers: "servers.ID.FIELD, servers.*.FIELD or servers.tier:TIER.FIELD"
        case .baseStations: "baseStations.ID.FIELD or baseStations.*.FIELD"
        case .links: "links.A.B.FIELD (a link by its two ends, either of them \"*\") or links.*.FIELD"
        }
    }

    /// The fields of a list a sweep may set, with what their values spell.
    static func fields(of list: TopologyList) -> [(path: String, value: SweepValue)] {
        EditField.settable(in: list).flatMap { name, field -> [(path: String, value: SweepValue)] in
            switch field {
            case .quantity(let kind, _): [(name, .quantity(kind))]
            case .positiveNumber: [(name, .number)]
            case .count: [(name, .integer)]
            case .resources:
                ResourceKind.allCases.map { ("\(name).\($0.rawValue)", .quantity(EditField.kind(of: $0))) }
            }
        }
    }
}

extension SweepKey {
    /// The variant that sets the key's field to `text`, or multiplies it when `text` is a factor
    /// (`x2`, `×0.5`); the value is checked to spell what the field holds, and by the field's range
    /// rules when the variant is applied.
    func variant(value text: String) throws -> Variant {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        let name = "\(self.text)=\(trimmed)"
        let node = SyntaxNode.sweep(trimmed, key: name)
        if let first = trimmed.first, first == "x" || first == "×" {
            return try scaling(String(trimmed.dropFirst()), name: name, node: node)
        }
        try check(trimmed)
        let value = FieldValue(path: path, value: node)
        guard let list else { return Variant(name: name, location: nil, edits: [.setPolicy(value)]) }
        return Variant(name: name, location: nil, edits: [.set(list, selector(name), [value])])
    }

    private func scaling(_ factorText: String, name: String, node: SyntaxNode) throws -> Variant {
        guard let list else {
            throw SweepError(description: "sweep \(name): a policy field is set, not scaled; give its values")
        }
        if let reason = EditField.unscalable(in: list)[path[0]] {
            throw SweepError(description: "sweep \(name): \"\(path[0])\" cannot be scaled: \(reason)")
        }
        guard let factor = VariantDecoder.factor(factorText.trimmingCharacters(in: .whitespaces)) else {
            throw SweepError(
                description:
                    "sweep \(name): a scale factor must be a positive finite number after \"x\", such as x2 or x0.5, found \"\(factorText)\""
            )
        }
        return Variant(
            name: name, location: nil,
            edits: [.scale(list, selector(name), [FieldFactor(path: path, factor: factor, node: node)])])
    }

    /// Throws unless `text` spells a value of the field's kind.
    private func check(_ text: String) throws {
        let problem: String?
        switch value {
        case .quantity(let kind):
            switch UnitParser.parse(text, as: kind) {
            case .success: problem = nil
            case .failure(let failure):
                problem = failure.message + (failure.suggestion.map { " (did you mean \"\($0)\"?)" } ?? "")
            }
        case .number:
            let number = UnitParser.splitNumber(text).flatMap { $0.1.isEmpty ? Double($0.0) : nil }
            problem = number?.isFinite == true ? nil : "expected \(value.expectation), found \"\(text)\""
        case .integer:
            problem = Int(text) == nil ? "expected \(value.expectation), found \"\(text)\"" : nil
        case .choice(let values):
            let suggestion = Suggestions.closest(to: text, in: values).map { " (did you mean \"\($0)\"?)" } ?? ""
            problem = values.contains(text) ? nil : "expected \(value.expectation), found \"\(text)\"\(suggestion)"
        }
        if let problem { throw SweepError(description: "sweep value for \(self.text): \(problem)") }
    }

    /// The selector the key names, written by the sweep.
    private func selector(_ name: String) -> Selector {
        let node = { (text: String) in SyntaxNode.sweep(text, key: name) }
        if list == .links {
            let ends = selector == Selector.wildcard ? ["*", "*"] : selector.split(separator: ".").map(String.init)
            return .link(node(ends.first ?? "*"), node(ends.last ?? "*"), whole: node(selector))
        }
        if selector.hasPrefix("tier:"), let tier = ServerTier(rawValue: String(selector.dropFirst("tier:".count))) {
            return .tier(tier, node(tier.rawValue))
        }
        return .id(node(selector))
    }
}

extension ProblemLoader {
    /// A sweep key and one value as a variant named `KEY=VALUE`; throws a `SweepError` whose
    /// description is the message when the key names no field or the value does not spell one.
    public static func sweepVariant(key: String, value: String) throws -> Variant {
        try SweepKey(key).variant(value: value)
    }
}
