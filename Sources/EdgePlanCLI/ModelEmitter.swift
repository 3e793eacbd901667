import EdgeModel
import Foundation
import MILP
import MILPFormats
import Planner

/// `--emit-model`: the whole program the user wrote, streamed to the file — also when the solve
/// priced its candidates and never held them all.
struct ModelEmitter {
    let problem: Problem
    let time: Seconds
    let compiled: CompileResult
    let budget: MemoryBudget
    /// Terms of LP rows buffered per pass over the columns (LP is written row by row, the program
    /// is produced column by column): up to 16 M (about 1 GB at 64 bytes a term), within a half of
    /// the memory left.
    var lpTermBudget: Int { max(100_000, min(16_000_000, budget.availableBytes / 2 / 64)) }
    /// Bytes per column of the written file, measured on generated cities (names of about 20
    /// characters, five nonzeros): LP about 260, MPS about 420.
    static func bytesPerColumn(_ format: ModelFormat) -> Int { format == .lp ? 260 : 420 }

    func write(_ format: ModelFormat, to path: String) throws {
        let estimate = compiled.wholeProgramColumnBound * Self.bytesPerColumn(format)
        if estimate > 100_000_000 {
            StandardStreams.writeError(
                "edgeplan: writing the whole program (at most \(compiled.wholeProgramColumnBound) columns, about "
                    + String(format: "%.1f GB", Double(estimate) / 1e9)
                    + " of \(format.rawValue.uppercased())): each pass over the columns builds every candidate\n")
        }
        let stream: any ProgramStream
        if compiled.pricing == nil {
            // The whole program was built: write it as it is.
            let model = compiled.lowered.model
            let names = NameSanitizer(model)
            stream = ModelStream(model, variableNames: names.variables, constraintNames: names.constraints)
        } else {
            let generator = CandidateGenerator(
                problem: problem, paths: PathCache(topology: problem.topology), time: time)
            stream = WholeProgram(generator: generator, users: Array(problem.workload.users.indices))
        }
        try AtomicFile.stream(to: path) { sink, section in
            switch format {
            case .lp: try LPWriter.write(stream, to: sink, termBudget: lpTermBudget, section: section)
            case .mps: try MPSWriter.write(stream, to: sink, section: section)
            }
        }
    }
}
