import ArgumentParser
import EdgeModel
import Foundation
import MILP
import Solving

/// `edgeplan solve-worker`: solves one model read from standard input (a `WorkerRequest`) and
/// writes the solution; run by edgeplan itself to solve independent components in parallel.
struct SolveWorkerCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "solve-worker",
        abstract:
            "Internal: solve one program read from standard input (used to solve independent components in parallel).",
        shouldDisplay: false)

    func run() throws {
        let data = FileHandle.standardInput.readDataToEndOfFile()
        let request = try WorkerCoding.decoder().decode(WorkerRequest.self, from: data)
        let backend = SolverBackendKind(rawValue: request.backend) ?? .cbc
        let solution = SolverFactory.make(backend).solve(request.model, options: request.options)
        FileHandle.standardOutput.write(try WorkerCoding.encoder().encode(solution))
    }
}
