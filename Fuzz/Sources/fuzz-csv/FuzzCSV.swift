import Diagnostics
import EdgeModel
import Foundation
import FuzzSupport
import Mobility

/// The streaming CSV trace reader on one input, fed in small chunks so that tokens straddle
/// chunk boundaries: any input must give trajectories or diagnostics, never a crash or a hang.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzCSV(_ start: UnsafeRawPointer, _ count: Int) -> CInt {
    let data = Data(bytes: start, count: count)
    var options = TraceReadOptions()
    options.chunkSizeBytes = 7
    _ = TraceReader.read(
        data: data, displayPath: "fuzz", format: .csv, options: options, diagnostics: DiagnosticCollector())
    return 0
}

@_cdecl("fuzz_csv_main")
func main(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    runFuzzer(argc, argv) { start, count in fuzzCSV(start ?? emptyInput, count) }
}
