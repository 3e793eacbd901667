public import Foundation
public import MILP
import ProcessControl

/// What a solver worker process is asked: one model, its options, and which backend solves it.
///
/// CBC's C interface keeps static state (two solves at once in one process garble each other),
/// so independent components are solved in parallel by separate processes, each running
/// `edgeplan solve-worker`, which reads a request on standard input and writes the solution.
public struct WorkerRequest: Codable, Sendable {
    public var backend: String
    public var model: MILPModel
    public var options: MILPOptions

    public init(backend: String, model: MILPModel, options: MILPOptions) {
        self.backend = backend
        self.model = model
        self.options = options
    }
}

/// JSON with infinite bounds written as strings, which plain JSON has no number for.
public enum WorkerCoding {
    public static func encoder() -> JSONEncoder {
        let encoder = JSONEncoder()
        encoder.nonConformingFloatEncodingStrategy = .convertToString(
            positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        return encoder
    }

    public static func decoder() -> JSONDecoder {
        let decoder = JSONDecoder()
        decoder.nonConformingFloatDecodingStrategy = .convertFromString(
            positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        return decoder
    }
}

/// Solves models in worker processes, as many at once as there are cores.
public struct ProcessPoolSolver: Sendable {
    /// The program a worker runs, and its arguments (`edgeplan solve-worker`, given by the CLI).
    public let executable: URL
    public let arguments: [String]
    public let backend: String

    public init(executable: URL, arguments: [String], backend: String) {
        self.executable = executable
        self.arguments = arguments
        self.backend = backend
    }

    /// Solves each model in its own process, `ProcessInfo.activeProcessorCount` at a time; a worker
    /// that fails yields an error solution naming why.
    public func solve(_ models: [MILPModel], options: MILPOptions) -> [MILPSolution] {
        let executable = executable
        let arguments = arguments
        let backend = backend
        return boundedConcurrentMap(count: models.count, limit: ProcessInfo.processInfo.activeProcessorCount) { index in
            Self.run(
                executable: executable, arguments: arguments,
                request: WorkerRequest(backend: backend, model: models[index], options: options))
        }
    }

    /// One model in one worker. Every way a worker can fail (it cannot start, stops reading its
    /// request, dies of a signal, exits with an error or answers nonsense) becomes an error
    /// solution saying so; none of them may take this process down.
    static func run(executable: URL, arguments: [String], request: WorkerRequest) -> MILPSolution {
        let failure = { (message: String) in
            MILPSolution(
                backend: request.backend, termination: .error, primal: .noSolution, objective: nil, bound: nil,
                seconds: 0,
                values: nil, message: message)
        }
        let payload: Data
        do {
            payload = try WorkerCoding.encoder().encode(request)
        } catch {
            return failure("solver worker failed: cannot encode the request: \(error)")
        }
        let child: ChildProcess
        do {
            child = try ChildProcess(
                executable: executable.path, arguments: arguments, pipeInput: true, pipeOutput: true,
                pipeErrors: false)
        } catch {
            return failure("solver worker failed: \(error)")
        }
        // Write on another thread: a large model could fill the pipe before the worker reads.
        let written = BackgroundResult { child.writeInputAndClose(payload) }
        let data = child.readOutput()
        let writeFailure = written.wait()
        let termination = child.wait()
        guard termination == .exited(0) else { return failure("solver worker \(termination)") }
        if let reason = writeFailure {
            return failure("solver worker failed: it stopped reading its request (\(reason))")
        }
        do {
            return try WorkerCoding.decoder().decode(MILPSolution.self, from: data)
        } catch {
            return failure("solver worker failed: no readable answer (\(data.count) bytes): \(error)")
        }
    }
}
