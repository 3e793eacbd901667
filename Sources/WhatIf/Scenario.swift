public import EdgeModel
public import Frontend

/// What `edgeplan whatif` was asked to compare: a base and the ways scenarios differ from it.
public struct WhatIfRequest: Sendable {
    public var basePaths: [String]
    /// `--alt NAME=PATHS`: the documents of PATHS replace the base's of the same kind.
    public var alternatives: [(name: String, paths: [String])]
    /// Variant documents (each one scenario), from `--variant` files.
    public var variants: [Variant]
    /// `--sweep KEY=V1,V2,…`: several form their cartesian product.
    public var sweeps: [(key: String, values: [String])]
    /// Planners to run each scenario with (span runs); nil: the policy's.
    public var planners: [PlannerKind]?

    public init(
        basePaths: [String], alternatives: [(name: String, paths: [String])] = [], variants: [Variant] = [],
        sweeps: [(key: String, values: [String])] = [], planners: [PlannerKind]? = nil
    ) {
        self.basePaths = basePaths
        self.alternatives = alternatives
        self.variants = variants
        self.sweeps = sweeps
        self.planners = planners
    }
}

/// One scenario: the base, or the base changed one way, with one planner.
public struct Scenario: Sendable {
    /// How it differs from the base.
    public enum Change: Sendable {
        case none
        case replacement(paths: [String])
        /// Index into `WhatIfRequest.variants`.
        case variant(Int)
        case sweep([(key: String, value: String)])
    }

    /// Position in the whole enumeration (shards keep it, merge orders by it).
    public let index: Int
    public let name: String
    public let change: Change
    public let planner: PlannerKind?
    /// What differs from the base, in words, for reports.
    public let changes: [String]

    public var isBase: Bool { if case .none = change { true } else { false } }
}

extension WhatIfRequest {
    /// At most this many scenarios (changes × planners) per run. Each is a separate plan and
    /// replay, listed in memory before any runs: a million is days of work even when sharded, and
    /// a product of a few long sweeps would otherwise fill memory while listing
    /// (docs/reliability.md).
    public static let maximumScenarios = 1_000_000

    /// How many scenarios `scenarios()` lists, or nil when that overflows an Int.
    public var scenarioCount: Int? {
        var changes = 1 + alternatives.count + variants.count
        if !sweeps.isEmpty {
            var combinations = 1
            for sweep in sweeps {
                let (product, overflow) = combinations.multipliedReportingOverflow(by: sweep.values.count)
                if overflow { return nil }
                combinations = product
            }
            let (sum, overflow) = changes.addingReportingOverflow(combinations)
            if overflow { return nil }
            changes = sum
        }
        let (total, overflow) = changes.multipliedReportingOverflow(by: max(1, planners?.count ?? 1))
        return overflow ? nil : total
    }

    /// Every scenario, in a fixed order: the base, the alternatives, the variants, then the sweeps'
    /// cartesian product (the last key varying fastest); each with every planner asked for.
    public func scenarios() -> [Scenario] {
        var changes: [(name: String, change: Scenario.Change, words: [String])] = [("base", .none, [])]
        for alternative in alternatives {
            changes.append(
                (
                    alternative.name, .replacement(paths: alternative.paths),
                    ["documents of \(alternative.paths.joined(separator: ", ")) replace the base's"]
                ))
        }
        for (index, variant) in variants.enumerated() {
            let place = variant.location.map { " (\($0.file):\($0.line))" } ?? ""
            changes.append((variant.name, .variant(index), ["variant \(variant.name)\(place)"]))
        }
        for combination in Self.product(sweeps) {
            let words = combination.map { "\($0.key) = \($0.value)" }
            changes.append((words.joined(separator: ", "), .sweep(combination), words))
        }
        var scenarios: [Scenario] = []
        for entry in changes {
            for planner in planners.map({ $0.map(Optional.some) }) ?? [nil] {
                scenarios.append(
                    Scenario(
                        index: scenarios.count, name: entry.name, change: entry.change, planner: planner,
                        changes: entry.words))
            }
        }
        return scenarios
    }

    /// Every choice of one value per key, the last key varying fastest; none without keys.
    static func product(_ sweeps: [(key: String, values: [String])]) -> [[(key: String, value: String)]] {
        guard !sweeps.isEmpty else { return [] }
        var combinations: [[(key: String, value: String)]] = [[]]
        for sweep in sweeps {
            combinations = combinations.flatMap { prefix in sweep.values.map { prefix + [(sweep.key, $0)] } }
        }
        return combinations
    }
}
