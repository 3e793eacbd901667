import Foundation
import FuzzSupport
import Plan

/// The plan reader (timeline, simulate, report, execute and export read plans): any input must
/// decode or throw, never crash; a plan that decodes must encode again.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzPlan(_ start: UnsafeRawPointer, _ count: Int) -> CInt {
    let data = Data(bytes: start, count: count)
    // PlanFile.decode is what every command uses: its worded errors (JSON paths, line and column)
    // are built from the decoder's failure, so they are fuzzed too.
    if let plan = try? PlanFile.decode(data, path: "fuzz.json") { _ = try? plan.encoded() }
    return 0
}

@_cdecl("fuzz_plan_main")
func main(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    runFuzzer(argc, argv) { start, count in fuzzPlan(start ?? emptyInput, count) }
}
