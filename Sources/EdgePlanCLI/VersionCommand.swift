import ArgumentParser
import CBCBackend
import GLPKBackend

/// `edgeplan version`: edgeplan's version and the solver libraries it is linked against.
struct VersionCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "version", abstract: "Print edgeplan's version and the versions of the linked CBC, CLP and GLPK.")

    func run() throws {
        StandardStreams.writeOutput(
            "edgeplan \(EdgePlanVersion.string)\nCBC \(CBCSolver.version)\nCLP \(ClpLPSolver.version)\nGLPK \(GLPKSolver.version)\n"
        )
    }
}
