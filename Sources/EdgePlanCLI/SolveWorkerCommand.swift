import ArgumentParser
import EdgeModel
import Foundation
import InputFiles
import MILP
import ProcessControl
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
        // Requests come from edgeplan itself, far below a quarter of the memory; standard input
        // that never ends (`< /dev/zero`) is refused rather than held.
        let limit = Int(clamping: ProcessInfo.processInfo.physicalMemory / 4)
        let data: Data
        do {
            data = try DescriptorReading.readAll(STDIN_FILENO, maximumBytes: limit)
        } catch .tooLarge {
            StandardStreams.writeError("edgeplan solve-worker: error: the request is larger than \(limit) bytes\n")
            throw ExitCode(1)
        } catch {
            StandardStreams.writeError("edgeplan solve-worker: error: cannot read the request: \(error)\n")
            throw ExitCode(1)
        }
        let request: WorkerRequest
        do {
            request = try WorkerCoding.decoder().decode(WorkerRequest.self, from: data)
        } catch {
            StandardStreams.writeError(
                "edgeplan solve-worker: error: not a request from edgeplan (this command is run by edgeplan itself)\n")
            throw ExitCode(1)
        }
        let backend = SolverBackendKind(rawValue: request.backend) ?? .cbc
        let solution = SolverFactory.make(backend).solve(request.model, options: request.options)
        // A parent that stopped reading has no use for the answer; say so on standard error.
        if let reason = Descriptor.writeAll(STDOUT_FILENO, try WorkerCoding.encoder().encode(solution)) {
            StandardStreams.writeError("edgeplan solve-worker: error: cannot write the solution: \(reason)\n")
            throw ExitCode(1)
        }
    }
}
