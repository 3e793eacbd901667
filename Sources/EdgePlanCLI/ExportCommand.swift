import ArgumentParser
import Foundation
import Interop
import Plan

/// `edgeplan export`: plans in other tools' formats.
struct ExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export", abstract: "Write a plan in another tool's format.",
        subcommands: [ExportAdvantEDGEReplayCommand.self])
}

/// `edgeplan export advantedge-replay`: a plan's handovers as an AdvantEDGE replay file.
struct ExportAdvantEDGEReplayCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "advantedge-replay",
        abstract: "Write a plan's handovers as an AdvantEDGE replay file (MOBILITY events).",
        discussion: """
            Each handover moves the user's UE (its id) to the target point of access (the base \
            station's id) at the handover's time, in milliseconds after the plan's t = 0; the file \
            starts with AdvantEDGE's "Init" event at 0 ms so that the first handover keeps its time. \
            Migrations have no replay event and are counted in a warning. Ids are those of an \
            imported scenario (edgeplan import advantedge keeps AdvantEDGE's names). See \
            docs/advantedge.md.
            """)

    @Argument(help: "A plan written by edgeplan compile or plan -o (\"-\" for standard input).")
    var plan: String

    @Option(name: [.short, .long], help: "The replay file to write (\"-\" for standard output).")
    var output: String

    func run() throws {
        try OutputFile.check(output)
        let decoded = try PlanReading.read(plan)
        let replay: AdvantEDGEReplay
        let migrationActions: Int
        do {
            (replay, migrationActions) = try AdvantEDGEReplay.make(from: decoded)
        } catch {
            StandardStreams.writeError("\(plan): error: \(error)\n")
            throw ExitCode(1)
        }
        if migrationActions > 0 {
            StandardStreams.writeError(
                "\(plan): warning: \(migrationActions) migration action\(migrationActions == 1 ? "" : "s") not exported: an AdvantEDGE replay moves UEs between points of access, and edgeplan's servers are not AdvantEDGE processes\n"
            )
        }
        try AtomicFile.write(try replay.encoded(), to: output)
        if output != "-" {
            StandardStreams.writeError("wrote \(replay.events.count - 1) MOBILITY events to \(output)\n")
        }
    }
}
