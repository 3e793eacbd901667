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
            edge server, with apps drawn from --apps. Edge servers hold about twice the average load \
            of a cell, so hotspots load their servers. Writes topology.yaml, apps.yaml, policy.yaml \
            and workload.yaml into the output directory (each whole or not at all).
            """)

    @Option(name: .long, help: "Base stations, filled ring by ring (1951 = 25 full rings, seed 003's city).")
    var baseStations: Int = 1951

    @Option(name: .long, help: "Distance between neighbouring base stations, metres.")
    var spacing: Double = 500

    @Option(name: .long, help: "Users.")
    var users: Int = 1000

    @Option(name: .long, help: "Share of users around hotspots, in [0, 1].")
    var hotspotShare: Double = 0.3

    @Option(name: .long, help: "Seed of the generator.")
    var seed: UInt64 = 1

    @Option(name: .long, help: "YAML files or directories whose AppProfiles the users' apps are drawn from.")
    var apps: [String] = ["Models/ngo2020.yaml"]

    @Option(name: [.short, .long], help: "Directory to write into (created if needed).")
    var output: String

    func validate() throws {
        if baseStations < 1 { throw ValidationError("--base-stations must be at least 1") }
        if users < 0 { throw ValidationError("--users must not be negative") }
        if !(spacing > 0) { throw ValidationError("--spacing must be positive") }
        if !(0...1).contains(hotspotShare) { throw ValidationError("--hotspot-share must lie in [0, 1]") }
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
        var parameters = CityParameters()
        parameters.seed = seed
        parameters.baseStations = baseStations
        parameters.spacingMeters = spacing
        parameters.users = users
        parameters.hotspotShare = hotspotShare
        let city = CityGenerator.generate(parameters, apps: loaded.apps)
        try FileManager.default.createDirectory(atPath: output, withIntermediateDirectories: true)
        for file in city.files {
            try AtomicFile.write(file.text, to: (output as NSString).appendingPathComponent(file.name))
        }
        StandardStreams.writeError(
            "wrote \(city.baseStations) base stations, \(city.edgeServers) edge and \(city.regionalServers) regional servers, a cloud and \(city.users) users to \(output)\n"
        )
    }
}
