import Foundation
import FuzzSupport
import Frontend
import MILPFormats
import Planner

/// The whole front end on one input file: YAML composition, every document's decoder, linking
/// and validation; then, for a small valid problem, every candidate's formulas and the whole
/// program written as LP. Any input must give diagnostics or a program, never a crash or a hang.
enum Harness {
    static let directory: URL = {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("edgeplan-fuzz-yaml-\(getpid())")
        try? FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }()
    static let file = directory.appendingPathComponent("input.yaml")
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzYAML(_ start: UnsafeRawPointer, _ count: Int) -> CInt {
    let data = Data(bytes: start, count: count)
    guard (try? data.write(to: Harness.file)) != nil else { return 0 }
    // Small limits keep each run short; the limits themselves are tested elsewhere.
    let result = ProblemLoader.load(paths: [Harness.file.path], options: LoadOptions(maximumInputBytes: 1 << 20))
    guard let problem = result.problem, problem.workload.users.count <= 64, problem.topology.servers.count <= 64
    else { return 0 }
    let generator = CandidateGenerator(problem: problem, paths: PathCache(topology: problem.topology))
    let program = WholeProgram(generator: generator, users: Array(problem.workload.users.indices))
    try? LPWriter.write(program, to: StringSink(), termBudget: 1 << 16) { StringSink() }
    return 0
}

@_cdecl("fuzz_yaml_main")
func main(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    runFuzzer(argc, argv) { start, count in fuzzYAML(start ?? emptyInput, count) }
}
