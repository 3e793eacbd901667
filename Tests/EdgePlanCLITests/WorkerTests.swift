import CBCBackend
import Foundation
import MILP
import Solving
import Testing

/// The worker processes that solve independent components in parallel.
struct WorkerTests {
    static func catalogue() -> [MILPModel] {
        // max Σ c·x over binaries with a knapsack row, in several sizes: each has a known optimum
        // that the in-process solver also finds.
        (1...6).map { size in
            var model = MILPModel(name: "k\(size)", sense: .maximize)
            for item in 0..<(size * 3) {
                model.addVariable(.binary("x\(item)", objective: Double((item * 7) % 11 + 1)))
            }
            model.addConstraint(
                .lessEqual("w", (0..<(size * 3)).map { MILPTerm($0, Double(($0 * 5) % 9 + 1)) }, Double(size * 6)))
            return model
        }
    }

    @Test func workersAgreeWithTheInProcessSolver() {
        let models = Self.catalogue()
        let options = MILPOptions(timeLimitSeconds: 10, relativeGap: 0, threads: 1)
        let pooled = ProcessPoolSolver(
            executable: EdgePlanRunner.executable, arguments: ["solve-worker"], backend: "cbc"
        ).solve(
            models, options: options)
        #expect(pooled.count == models.count)
        for (model, solution) in zip(models, pooled) {
            let local = CBCSolver().solve(model, options: options)
            #expect(SolveStatus(solution) == .optimal, "\(solution.message ?? "")")
            #expect(abs((solution.objective ?? .nan) - (local.objective ?? .nan)) < 1e-9)
            if let values = solution.values { #expect(model.isFeasible(values)) }
        }
    }

    /// Run by hand with junk on standard input, the internal command says what it is instead of
    /// printing a DecodingError.
    @Test func junkRequestIsWorded() throws {
        let scratch = try ScratchDirectory()
        defer { scratch.remove() }
        let output = try scratch.shell("printf 'not a request' | \"$EDGEPLAN\" solve-worker")
        #expect(output.status == 1)
        #expect(
            output.stderr
                == "edgeplan solve-worker: error: not a request from edgeplan (this command is run by edgeplan itself)\n")
    }

    @Test func aBrokenWorkerIsAnErrorNotACrash() {
        let pooled = ProcessPoolSolver(
            executable: URL(fileURLWithPath: "/nonexistent/edgeplan"), arguments: ["solve-worker"], backend: "cbc"
        )
        .solve(Array(Self.catalogue().prefix(2)), options: MILPOptions())
        #expect(pooled.map(SolveStatus.init) == [.error, .error])
        #expect(pooled.allSatisfy { ($0.message ?? "").hasPrefix("solver worker failed") })
    }

    /// A model whose request is far larger than a pipe holds (64 KB), so writing it to a worker
    /// that does not read must fail rather than fit in the pipe.
    static func largeModel() -> MILPModel {
        var model = MILPModel(name: "large", sense: .maximize)
        for item in 0..<20_000 { model.addVariable(.binary("x\(item)", objective: 1)) }
        model.addConstraint(.lessEqual("w", (0..<20_000).map { MILPTerm($0, 1) }, 10))
        return model
    }

    /// A worker executable that is a shell script.
    static func fakeWorker(_ body: String) throws -> (url: URL, remove: () -> Void) {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("edgeplan-fake-\(UUID())")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let script = directory.appendingPathComponent("worker")
        try ("#!/bin/sh\n" + body + "\n").write(to: script, atomically: true, encoding: .utf8)
        chmod(script.path, 0o755)
        return (script, { try? FileManager.default.removeItem(at: directory) })
    }

    /// Workers that exit without reading their request, die of a signal or exit with an error:
    /// each becomes an error solution saying which, and this process lives on (before, the
    /// first killed the parent with SIGPIPE, and the second was "exited with status 9").
    @Test(arguments: [
        ("exit 0", "solver worker failed: it stopped reading its request (Broken pipe)"),
        ("kill -9 $$", "solver worker was killed by signal 9 (SIGKILL)"),
        ("cat >/dev/null; exit 3", "solver worker exited with status 3"),
        ("cat >/dev/null; echo nonsense", "solver worker failed: no readable answer (9 bytes)"),
    ])
    func aFailingWorkerIsReportedNotFatal(script: String, message: String) throws {
        let worker = try Self.fakeWorker(script)
        defer { worker.remove() }
        let solutions = ProcessPoolSolver(executable: worker.url, arguments: [], backend: "cbc")
            .solve([Self.largeModel(), Self.largeModel()], options: MILPOptions())
        #expect(solutions.map(SolveStatus.init) == [.error, .error])
        for solution in solutions {
            #expect((solution.message ?? "").hasPrefix(message), "\(solution.message ?? "")")
        }
    }
}
