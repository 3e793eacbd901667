import ArgumentParser
import EdgeModel
import Foundation
import Frontend
import InputFiles
import Interop

/// `edgeplan import`: problems from other tools' formats.
struct ImportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import", abstract: "Convert another tool's scenario into edgeplan YAML.",
        subcommands: [ImportAdvantEDGECommand.self])
}

/// `edgeplan import advantedge`: an AdvantEDGE (ETSI MEC Sandbox) scenario as Topology and Workload.
struct ImportAdvantEDGECommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "advantedge",
        abstract: "Convert an AdvantEDGE scenario (JSON or YAML) into topology.yaml and workload.yaml.",
        discussion: """
            Points of access become base stations (transmit power calibrated so that RSSI reaches \
            --rssi-min at their radius), compute nodes or the servers --servers places become servers, \
            network characteristics become links (AdvantEDGE latencies are one way: rtt is twice their \
            sum), and UEs become users with timed trajectories. Everything edgeplan cannot represent is \
            named in a warning and in the files' comments. Use the files with an AppProfile set, e.g. \
            edgeplan check DIR Models/ngo2020.yaml. See docs/advantedge.md.
            """)

    @Argument(help: "The AdvantEDGE scenario: .json, or YAML (.yaml, .yml).")
    var scenario: String

    @Option(
        name: [.short, .long], help: "Directory to write topology.yaml and workload.yaml into (created if needed).")
    var output: String

    @Option(
        name: .long,
        help: ArgumentHelp(
            "Edge servers: none (only the scenario's compute nodes), per-poa or per-zone.",
            discussion:
                "per-poa and per-zone place one edge server at each point of access or in each zone (seed 004's two deployments) instead of the scenario's edge and fog nodes. A distant cloud, or one for the public domain, is always added.",
            valueName: "placement"))
    var servers: ServerPlacementArgument = .none

    @Option(
        name: .long, parsing: .unconditional,
        help: ArgumentHelp(
            "The RSSI at the edge of coverage that transmit powers are calibrated to, dBm (default: the built-in policy's, -85).",
            valueName: "dBm"))
    var rssiMin: String?

    @Option(name: .long, help: "The AppProfile every user runs (default: the first in --apps).")
    var app: String?

    @Option(name: .long, help: "YAML files or directories whose AppProfiles --app is checked against.")
    var apps: [String] = ["Models/ngo2020.yaml"]

    @Option(
        name: .long, help: "End-of-path cycles of each UE's motion to write (LOOP: around; REVERSE: there and back).")
    var cycles: Int = 1

    func validate() throws {
        if cycles < 1 || cycles > 1000 { throw ValidationError("--cycles must lie in 1...1000, found \(cycles)") }
        _ = try Self.parseRSSI(rssiMin)
    }

    /// `-80`, `-80 dBm` or `-80dBm`, as a power.
    static func parseRSSI(_ text: String?) throws -> DBm {
        guard let text else { return Policy.builtInDefault.rssiMin }
        var number = text.trimmingCharacters(in: .whitespaces)
        if number.hasSuffix("dBm") { number = String(number.dropLast(3)).trimmingCharacters(in: .whitespaces) }
        guard let value = Double(number), value.isFinite else {
            throw ValidationError("--rssi-min must be a power in dBm such as \"-85\" or \"-85 dBm\", found \"\(text)\"")
        }
        // The bound of every power in the inputs: transmit powers are calibrated from it and written.
        guard abs(value) <= InputBounds.maximumDecibels else {
            throw ValidationError("--rssi-min must lie within ±500 dBm, found \(text)")
        }
        return DBm(value)
    }

    func run() throws {
        let appName = try chooseApp()
        let data: Data
        do {
            // The limit of edgeplan's own inputs, checked as the file is read; only a regular file
            // (a FIFO would block, a device never end). An input error: exit status 1, not 64.
            data = try RegularFile.contents(of: scenario, maximumBytes: SourceLoader.defaultMaximumBytes)
        } catch {
            StandardStreams.writeError("\(scenario): error: cannot read the scenario: \(error)\n")
            throw ExitCode(1)
        }
        let imported: AdvantEDGEImport
        do {
            let (parsed, readWarnings) = try AdvantEDGEScenario.read(data, fileName: scenario)
            let options = AdvantEDGEImportOptions(
                servers: servers.placement, rssiMin: try Self.parseRSSI(rssiMin), app: appName, cycles: cycles,
                sourceFile: scenario)
            imported = try AdvantEDGEImporter.convert(parsed, readWarnings: readWarnings, options: options)
        } catch let error as ScenarioReadError {
            StandardStreams.writeError("\(scenario): error: \(error)\n")
            throw ExitCode(1)
        }
        for warning in imported.warnings {
            StandardStreams.writeError("\(scenario): warning: \(warning.message(limit: 8))\n")
        }
        try OutputFile.prepareDirectory(output)
        for file in imported.files {
            try AtomicFile.write(file.text, to: (output as NSString).appendingPathComponent(file.name))
        }
        let tiers = ServerTier.allCases.map { tier in
            "\(imported.servers.filter { $0.tier == tier }.count) \(tier.rawValue)"
        }
        StandardStreams.writeError(
            "wrote \(imported.stations.count) base stations, \(imported.servers.count) servers (\(tiers.joined(separator: ", "))), \(imported.links.count) links and \(imported.users.count) users to \(output)\n"
        )
    }

    /// `--app`, checked against `--apps` when they can be read; else the first AppProfile there.
    private func chooseApp() throws -> String {
        let loaded = ProblemLoader.loadAppProfiles(paths: apps)
        let names = loaded.apps.map(\.name)
        if let app {
            if !names.isEmpty, !names.contains(app) {
                throw ValidationError(
                    "--app \"\(app)\" is not an AppProfile of \(apps.joined(separator: ", ")): \(names.joined(separator: ", "))"
                )
            }
            return app
        }
        guard let first = names.first else {
            throw ValidationError("no AppProfile in \(apps.joined(separator: ", ")): give --app NAME or --apps PATH")
        }
        return first
    }
}

/// `--servers` values.
enum ServerPlacementArgument: String, ExpressibleByArgument, CaseIterable {
    case none
    case perPoA = "per-poa"
    case perZone = "per-zone"

    var placement: ServerPlacement {
        switch self {
        case .none: .none
        case .perPoA: .perPoA
        case .perZone: .perZone
        }
    }
}
