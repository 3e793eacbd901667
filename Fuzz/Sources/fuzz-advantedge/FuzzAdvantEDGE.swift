import Foundation
import FuzzSupport
import Interop

/// The AdvantEDGE scenario importer on one input: foreign YAML (or JSON, when the input starts with
/// "{"), read outside the front end, then converted into a topology and a workload. Any input must
/// give a scenario or an error, never a crash, a hang or unbounded memory.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzAdvantEDGE(_ start: UnsafeRawPointer, _ count: Int) -> CInt {
    let data = Data(bytes: start, count: count)
    let isJSON = data.first == UInt8(ascii: "{")
    guard let (scenario, warnings) = try? AdvantEDGEScenario.read(data, fileName: isJSON ? "s.json" : "s.yaml")
    else { return 0 }
    _ = try? AdvantEDGEImporter.convert(
        scenario, readWarnings: warnings, options: AdvantEDGEImportOptions(app: "app", sourceFile: "s.yaml"))
    return 0
}

@_cdecl("fuzz_advantedge_main")
func main(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    runFuzzer(argc, argv) { start, count in fuzzAdvantEDGE(start ?? emptyInput, count) }
}
