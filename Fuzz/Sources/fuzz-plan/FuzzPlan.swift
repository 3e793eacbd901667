import Foundation
import FuzzSupport
import Plan

/// The plan reader (timeline, simulate, report, execute and export read plans): any input must
/// decode or throw, never crash; a plan that decodes must encode again.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzPlan(_ start: UnsafeRawPointer, _ count: Int) -> CInt {
    let data = Data(bytes: start, count: count)
    if let plan = try? Plan.decode(data) { _ = try? plan.encoded() }
    return 0
}

@_cdecl("fuzz_plan_main")
func main(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    runFuzzer(argc, argv) { start, count in fuzzPlan(start ?? emptyInput, count) }
}
