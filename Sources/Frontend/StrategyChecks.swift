import Diagnostics
import EdgeModel

/// A policy's per-app strategies must suit the apps they choose for: the AppProfile has the fields
/// the strategy needs, and the strategy preserves the app's state (seed 004, Table IV).
enum StrategyChecks {
    static func check(policy: Policy, apps: [AppProfile], workload: Workload, diagnostics: DiagnosticCollector) {
        guard !policy.strategies.isEmpty else { return }
        let used = Set(workload.users.map(\.app) + workload.traces.map(\.app))
        for (index, app) in apps.enumerated() {
            guard let entry = policy.strategyOverride(for: app.name) else { continue }
            // "*" speaks for the apps the workload uses; a named entry for its app in any case.
            guard entry.app == app.name || used.contains(index) else { continue }
            let appNote = DiagnosticNote("AppProfile \"\(app.name)\" is defined here", at: app.location)
            let missing = app.missingFields(for: entry.strategy)
            if !missing.isEmpty {
                let fields = missing.map { "\"\($0)\"" }.joined(separator: ", ")
                diagnostics.error(
                    .strategyField,
                    "strategy \"\(entry.strategy.rawValue)\" chosen for app \"\(app.name)\" needs the field\(missing.count == 1 ? "" : "s") \(fields) of its AppProfile",
                    at: entry.location, notes: [appNote])
            }
            if let violation = StrategyViability.violation(strategy: entry.strategy, state: app.state) {
                let viable = StrategyViability.viable(for: app.state).map { "\"\($0.rawValue)\"" }.joined(
                    separator: ", ")
                diagnostics.error(
                    .strategyField,
                    "strategy \"\(entry.strategy.rawValue)\" cannot preserve state \"\(app.state.rawValue)\" of app \"\(app.name)\": \(violation)",
                    at: entry.location, notes: [DiagnosticNote("use \(viable)"), appNote])
            }
        }
    }
}
