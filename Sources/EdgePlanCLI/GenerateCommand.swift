import ArgumentParser
import CityGenerator
import Foundation
import Frontend

/// `edgeplan generate`: write a seeded, deterministic city as ordinary YAML documents.
struct GenerateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "generate",
        abstract:
            "Write a generated city (hexagonal grid of base stations, an edge server at each, a regional server per 7 cells, a cloud, and users) as YAML.",
        discussion: """
            The same seed and options give the same files. Users are spread over the area and \
            around hotspots, walking, driving or still, each on the nearest base station and its \
            edge server, with apps drawn from --apps. Edge servers hold --capacity-load times the \
            average load of a cell (twice by default, so hotspots load their servers). The policy \
            has one hard SLA for every app (--max-delay, maxDowntime 10 s) and, unless \
            --candidate-servers is given, no candidate limit. Writes topology.yaml, apps.yaml, \
            policy.yaml and workload.yaml into the output directory (each whole or not at all).
            """)

    @Option(
        name: .long,
        help: "Base stations, filled ring by ring (1951 = 25 full rings, seed 003's city); 1 to 100,000.")
    var baseStations: Int = 1951

    @Option(name: .long, help: "Distance between neighbouring base stations, metres; 1 to 1,000,000.")
    var spacing: Double = 500

    @Option(name: .long, help: "Users; 0 to 10,000,000.")
    var users: Int = 1000

    @Option(name: .long, help: "Share of users around hotspots, in [0, 1].")
    var hotspotShare: Double = 0.3

    @Option(
        name: .long,
        help: ArgumentHelp(
            "Servers' capacity as a share of the mean demand they would carry, a number in (0, 1000].",
            discussion:
                "An edge server gets max(8, SHARE × users per cell × mean app CPU) cores, rounded up, and 4 GB of memory per core; a regional server 7 times that; the cloud keeps 100,000 cores, in effect unbounded. At 1 (100 % of mean demand) hotspot cells and their neighbours compete for capacity.",
            valueName: "share"))
    var capacityLoad: Double = 2

    @Option(
        name: .long,
        help: ArgumentHelp(
            "The hard SLA's maxDelay for every app: a number and ms or s, such as \"300 ms\" or \"1 s\"; above 0, at most 3600 s.",
            valueName: "duration"))
    var maxDelay: String = "300 ms"

    @Option(
        name: .long,
        help: ArgumentHelp(
            "Write candidateServers: N into the policy, a whole number ≥ 1 (default: none, every server is a candidate).",
            discussion:
                "An approximation: per base station only the N nearest servers of each tier by RTT, and the user's current server, become candidates, so the plan is optimal over that subset only.",
            valueName: "n"))
    var candidateServers: Int?

    @Option(name: .long, help: "Seed of the generator.")
    var seed: UInt64 = 1

    @Option(name: .long, help: "YAML files or directories whose AppProfiles the users' apps are drawn from.")
    var apps: [String] = ["Models/ngo2020.yaml"]

    @Option(name: [.short, .long], help: "Directory to write into (created if needed).")
    var output: String

    func validate() throws {
        // Every bound keeps the generator's sizes and coordinates finite and far from Int overflow;
        // NaN fails each `contains`, so it is rejected with the rest.
        if !(1...CityParameters.maximumBaseStations).contains(baseStations) {
            throw ValidationError("--base-stations must lie in 1...100,000, found \(baseStations)")
        }
        if !(0...CityParameters.maximumUsers).contains(users) {
            throw ValidationError("--users must lie in 0...10,000,000, found \(users)")
        }
        if !CityParameters.spacingMetersRange.contains(spacing) {
            throw ValidationError("--spacing must be a distance in metres in [1, 1,000,000], found \(spacing)")
        }
        if !(0...1).contains(hotspotShare) {
            throw ValidationError("--hotspot-share must lie in [0, 1], found \(hotspotShare)")
        }
        if !(capacityLoad > 0 && capacityLoad <= CityParameters.maximumCapacityLoad) {
            throw ValidationError("--capacity-load must be a share in (0, 1000], found \(capacityLoad)")
        }
        _ = try Self.parseMaxDelay(maxDelay)
        if let candidateServers, candidateServers < 1 {
            throw ValidationError("--candidate-servers must be at least 1, found \(candidateServers)")
        }
    }

    /// `--max-delay` as the policy will carry it ("300ms" becomes "300 ms"), or a usage error.
    ///
    /// The policy language takes more units and exponents; the command accepts only a plain
    /// decimal with ms or s, so what it writes is certain to load and to mean what was typed.
    static func parseMaxDelay(_ text: String) throws -> String {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        let unit = trimmed.hasSuffix("ms") ? "ms" : (trimmed.hasSuffix("s") ? "s" : "")
        let number = trimmed.dropLast(unit.count).trimmingCharacters(in: .whitespaces)
        let parts = number.split(separator: ".", omittingEmptySubsequences: false)
        let isDecimal =
            !unit.isEmpty && (1...2).contains(parts.count)
            && parts.allSatisfy { !$0.isEmpty && $0.allSatisfy { ("0"..."9").contains($0) } }
        guard isDecimal, let value = Double(number) else {
            throw ValidationError(
                "--max-delay must be a duration such as \"300 ms\" or \"1 s\" (a decimal number and ms or s), found \"\(text)\""
            )
        }
        let seconds = unit == "ms" ? value / 1000 : value
        guard seconds > 0, seconds <= CityParameters.maximumMaxDelaySeconds else {
            throw ValidationError("--max-delay must lie above 0 and at most 3600 s, found \"\(text)\"")
        }
        return "\(number) \(unit)"
    }

    func run() throws {
        let loaded = ProblemLoader.loadAppProfiles(paths: apps)
        if !loaded.diagnostics.isEmpty {
            DiagnosticsPrinter.print(loaded.diagnostics, sources: [:], format: .text)
        }
        guard !loaded.apps.isEmpty else {
            StandardStreams.writeError("edgeplan: error: no AppProfile in \(apps.joined(separator: ", "))\n")
            throw ExitCode(1)
        }
        // Before the city is made: a million users take seconds, and then could not be written.
        try OutputFile.prepareDirectory(output)
        var parameters = CityParameters()
        parameters.seed = seed
        parameters.baseStations = baseStations
        parameters.spacingMeters = spacing
        parameters.users = users
        parameters.hotspotShare = hotspotShare
        parameters.capacityLoad = capacityLoad
        parameters.maxDelay = try Self.parseMaxDelay(maxDelay)
        parameters.candidateServers = candidateServers
        let city = CityGenerator.generate(parameters, apps: loaded.apps)
        for file in city.files {
            try AtomicFile.write(file.text, to: (output as NSString).appendingPathComponent(file.name))
        }
        StandardStreams.writeError(
            "wrote \(city.baseStations) base stations, \(city.edgeServers) edge and \(city.regionalServers) regional servers, a cloud and \(city.users) users to \(output)\n"
        )
    }
}
