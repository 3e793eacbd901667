import Foundation
import Testing

/// Stop signals during a run: temporary files removed, worker processes stopped, edgeplan ended
/// by the signal itself. Serialized: the worker tests keep the two cores busy for seconds.
@Suite(.serialized)
struct SignalTests {
    static let slowClusters = ScratchDirectory.repository("Tests/EdgePlanCLITests/Inputs/slow-clusters.yaml")

    /// A city whose whole program takes about a second to stream with `--emit-model` (200 users
    /// on 37 cells, about 12 MB of LP), after most of a second of compiling: time enough to stop
    /// the write midway.
    static func city(in scratch: ScratchDirectory) throws {
        let city = try scratch.start([
            "generate", "--base-stations", "37", "--users", "200", "--apps",
            ScratchDirectory.repository("Models/ngo2020.yaml"), "-o", "city",
        ]).wait()
        #expect(city.status == 0, "\(city.stderr)")
    }

    /// Stopped while `--emit-model` streams the program: the temporary file is removed, the old
    /// model is left as it was, and edgeplan ends killed by the signal (a shell's 128 + its
    /// number). SIGQUIT stops the same way, with no core file even where cores are allowed
    /// (before, it printed "Program crashed" and the run went on). Before, the temporary file
    /// stayed behind after each of them.
    @Test(arguments: [SIGTERM, SIGINT, SIGHUP, SIGQUIT])
    func aStopMidwayLeavesNoTemporaryFile(signal: Int32) throws {
        let scratch = try ScratchDirectory()
        defer { scratch.remove() }
        try Self.city(in: scratch)
        try "old model\n".write(toFile: scratch.path("model.lp"), atomically: false, encoding: .utf8)
        let running = try scratch.start(
            ["compile", "city", "--emit-model", "lp", "model.lp"], niceness: 10, coreDumps: true)
        // Some of the model written: the write is under way (not the probe of the output's
        // directory that compile makes, and removes, before it starts).
        let writing = ExecuteFixture.waitUntil(seconds: 60) {
            scratch.temporaryFiles.contains { name in
                ((try? FileManager.default.attributesOfItem(atPath: scratch.path(name))[.size]) as? Int ?? 0) > 0
            }
        }
        #expect(writing, "the model's temporary file never filled")
        kill(running.process.processIdentifier, signal)
        let stopped = running.wait()
        #expect(running.process.terminationReason == .uncaughtSignal, "\(stopped.stderr)")
        #expect(stopped.status == signal, "\(stopped.stderr)")
        #expect(!stopped.stderr.contains("crashed"), "\(stopped.stderr)")
        #expect(scratch.temporaryFiles.isEmpty)
        #expect(try String(contentsOfFile: scratch.path("model.lp"), encoding: .utf8) == "old model\n")
        let cores = try FileManager.default.contentsOfDirectory(atPath: scratch.url.path).filter {
            $0.hasPrefix("core")
        }
        #expect(cores.isEmpty)
    }

    /// Stopped (or killed) while components are solved in `solve-worker` processes: no worker
    /// outlives edgeplan. SIGTERM: edgeplan stops them; SIGKILL: the kernel does, through the
    /// parent-death signal each worker asked for. Before, they solved on to their time limit.
    @Test(arguments: [SIGTERM, SIGKILL])
    func workersDieWithTheirParent(signal: Int32) throws {
        let scratch = try ScratchDirectory()
        defer { scratch.remove() }
        let running = try scratch.start(
            ["compile", Self.slowClusters, "--solver", "cbc", "--time-limit", "60"], niceness: 10)
        let parent = running.process.processIdentifier
        var workers: [Int32] = []
        let started = ExecuteFixture.waitUntil(seconds: 60) {
            workers = ScratchDirectory.solveWorkers(of: parent)
            return workers.count >= 2
        }
        defer { for worker in workers { kill(worker, SIGKILL) } }
        #expect(started, "no solve-worker started")
        // Let them get going: a worker must be stopped mid-solve, not while it reads its request.
        usleep(500_000)
        kill(parent, signal)
        let stopped = running.wait()
        #expect(running.process.terminationReason == .uncaughtSignal)
        #expect(stopped.status == signal, "\(stopped.stderr)")
        for worker in workers {
            #expect(ExecuteFixture.waitUntil(seconds: 5) { ExecuteFixture.isGone(worker) }, "worker \(worker) survived")
        }
    }

    /// `whatif` runs scenarios in worker processes that run `solve-worker`s of their own: on
    /// SIGTERM the whole tree goes. Before, all of them went on.
    @Test func whatIfWorkersAndTheirWorkersStop() throws {
        let scratch = try ScratchDirectory()
        defer { scratch.remove() }
        let running = try scratch.start(
            [
                "whatif", Self.slowClusters, "--planner", "orchestrated,cloud", "--time-limit", "60", "--jobs", "2",
            ], niceness: 10)
        let parent = running.process.processIdentifier
        var tree: [Int32] = []
        let started = ExecuteFixture.waitUntil(seconds: 60) {
            tree = ScratchDirectory.descendants(of: parent)
            return tree.contains { ScratchDirectory.solveWorkers(of: $0).count >= 2 }
        }
        defer { for process in tree { kill(process, SIGKILL) } }
        #expect(started, "no scenario worker started its solve-workers: \(tree)")
        usleep(500_000)
        kill(parent, SIGTERM)
        let stopped = running.wait()
        #expect(running.process.terminationReason == .uncaughtSignal)
        #expect(stopped.status == SIGTERM, "\(stopped.stderr)")
        for process in tree {
            #expect(ExecuteFixture.waitUntil(seconds: 5) { ExecuteFixture.isGone(process) }, "\(process) survived")
        }
    }

    /// Three clusters that share nothing, each `users` users whose fastest server holds a tenth
    /// of them: three components that need the solver (and solve in well under a second), two of
    /// them in `solve-worker`s, each request about 100 KB of JSON for 300 users — more than a
    /// pipe holds, so the request is still being written while the worker starts.
    static func wideClusters(users: Int) -> String {
        var lines = ["kind: Topology", "name: wide", "baseStations:"]
        for cluster in 0..<3 {
            lines.append(
                "  - {id: b\(cluster), position: [\(cluster * 100_000), 0], txPower: 20 dBm, maxUsers: 100000}")
        }
        lines.append("servers:")
        for cluster in 0..<3 {
            for (server, (compute, cpu)) in [(2.0, users / 10 * 3), (1.0, 100_000)].enumerated() {
                lines.append(
                    "  - {id: s\(cluster)-\(server), tier: edge, compute: \(compute), capacity: "
                        + "{cpu: \(cpu), memory: 1000 GB, storage: 1000 GB, netio: 100 Gbps}}")
            }
        }
        lines.append("links:")
        for cluster in 0..<3 {
            lines.append("  - {between: [b\(cluster), s\(cluster)-0], bandwidth: 1 Gbps, rtt: 1 ms}")
            lines.append("  - {between: [s\(cluster)-0, s\(cluster)-1], bandwidth: 200 Mbps, rtt: 5 ms}")
        }
        lines += [
            "---", "kind: AppProfile", "name: a0", "image: 500 MB", "checkpoint: {full: 50 MB, delta: 5 MB}",
            "state: application", "resources: {cpu: 3, memory: 1 GB, storage: 1 GB, netio: 10 Mbps}",
            "task: {size: 100 KB, rate: 10 /s, processing: 100 ms}",
            "---", "kind: Policy", "name: p", "gainWindow: 60 s",
            "---", "kind: Workload", "name: w", "users:",
        ]
        for cluster in 0..<3 {
            for user in 0..<users {
                // 50 to a row, a metre apart: every user well within its base station's reach.
                lines.append(
                    "  - {id: u\(cluster)-\(user), app: a0, attachment: {bs: b\(cluster), server: s\(cluster)-1}, "
                        + "position: [\(cluster * 100_000 + user % 50), \(user / 50)]}")
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// A worker killed before it has read its request (larger than a pipe holds): edgeplan reports
    /// that component's worker as killed by SIGKILL and ends with the no-solution status. Before,
    /// the write of the request raised SIGPIPE and edgeplan died of it, without a word; and a
    /// signal was reported as "exited with status 9".
    @Test func aWorkerKilledWhileItsRequestIsWrittenIsReported() throws {
        let scratch = try ScratchDirectory()
        defer { scratch.remove() }
        try Self.wideClusters(users: 300).write(toFile: scratch.path("wide.yaml"), atomically: false, encoding: .utf8)
        // Without pricing, the worker's answer is the component's: nothing retries it.
        let running = try scratch.start(["compile", "wide.yaml", "--no-pricing", "--time-limit", "20"])
        let parent = running.process.processIdentifier
        // Polled without a pause: the worker must die while it is still starting up.
        var killed: Int32?
        let deadline = Date().addingTimeInterval(30)
        while killed == nil && running.process.isRunning && Date() < deadline {
            if let worker = ScratchDirectory.solveWorkers(of: parent).first {
                kill(worker, SIGKILL)
                killed = worker
            }
        }
        let stopped = running.wait()
        #expect(killed != nil, "no solve-worker seen")
        #expect(running.process.terminationReason == .exit, "edgeplan died of signal \(stopped.status)")
        #expect(stopped.status == 2, "\(stopped.stdout)\(stopped.stderr)")
        #expect(
            stopped.stdout.contains("solver message: solver worker was killed by signal 9 (SIGKILL)"),
            "\(stopped.stdout)")
    }
}
