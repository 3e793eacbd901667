public import Plan

/// A value of an action that `--on` commands name as `{name}` and see as an environment variable.
public enum Placeholder: String, CaseIterable, Sendable {
    case user, app, source, target, fromBS, toBS, bytes, at

    /// The environment variable that carries the same value (`EDGEPLAN_FROM_BS` for `{fromBS}`).
    public var environmentName: String {
        switch self {
        case .user: "EDGEPLAN_USER"
        case .app: "EDGEPLAN_APP"
        case .source: "EDGEPLAN_SOURCE"
        case .target: "EDGEPLAN_TARGET"
        case .fromBS: "EDGEPLAN_FROM_BS"
        case .toBS: "EDGEPLAN_TO_BS"
        case .bytes: "EDGEPLAN_BYTES"
        case .at: "EDGEPLAN_AT"
        }
    }

    /// The variable that names the action's type, beside the placeholders' variables.
    public static let actionTypeVariable = "EDGEPLAN_ACTION"
}

/// The placeholder values of one action. A value the action's type does not have (a handover's
/// `source`, a migration's `fromBS`) is the empty string, so every command sees every name.
public struct ActionValues: Sendable, Equatable {
    public let type: String
    private let values: [Placeholder: String]

    public init(user: String, app: String, action: Plan.Action) {
        type = action.type
        values = [
            .user: user, .app: app, .source: action.source ?? "", .target: action.target ?? "",
            .fromBS: action.fromBS ?? "", .toBS: action.toBS ?? "", .bytes: action.bytes.map(String.init) ?? "",
            .at: Self.seconds(action.at),
        ]
    }

    public subscript(placeholder: Placeholder) -> String { values[placeholder] ?? "" }

    /// The environment variables a command of this action gets on top of edgeplan's own environment.
    public var environment: [String: String] {
        var variables = [Placeholder.actionTypeVariable: type]
        for placeholder in Placeholder.allCases { variables[placeholder.environmentName] = self[placeholder] }
        return variables
    }

    /// Seconds in Swift's shortest round-trip form, as the plan writes them, without a trailing
    /// ".0" for whole numbers (so `{at}` of 60 reads "60", as a shell script would expect).
    static func seconds(_ value: Double) -> String {
        if value == value.rounded(), abs(value) < 1e15 { return String(Int64(value)) }
        return "\(value)"
    }
}

/// The commands of `--on TYPE=COMMAND`, by action type.
public struct ActionCommands: Sendable {
    /// The action types a plan has (docs/plan-format.md).
    public static let types = ["pre-migration", "migration", "handover"]

    private let byType: [String: CommandTemplate]

    /// Parses `TYPE=COMMAND` arguments; each type at most once.
    public init(parsing arguments: [String]) throws(CommandSyntaxError) {
        var byType: [String: CommandTemplate] = [:]
        for argument in arguments {
            guard let equals = argument.firstIndex(of: "=") else {
                throw CommandSyntaxError(
                    "--on \(argument): expected TYPE=COMMAND, such as --on migration='migrate.sh {user} {target}'")
            }
            let type = String(argument[..<equals])
            guard Self.types.contains(type) else {
                throw CommandSyntaxError(
                    "--on \(argument): unknown action type \"\(type)\" (expected \(Self.types.joined(separator: ", ")))"
                )
            }
            guard byType[type] == nil else { throw CommandSyntaxError("--on \(type) is given twice") }
            do {
                byType[type] = try CommandTemplate(parsing: String(argument[argument.index(after: equals)...]))
            } catch {
                throw CommandSyntaxError("--on \(type): \(error.description)")
            }
        }
        self.byType = byType
    }

    public subscript(type: String) -> CommandTemplate? { byType[type] }

    /// Every command given, by type, in the order of `types`.
    public var all: [(type: String, command: CommandTemplate)] {
        Self.types.compactMap { type in byType[type].map { (type, $0) } }
    }
}
