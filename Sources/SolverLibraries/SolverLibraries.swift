internal import CCbc
internal import CGLPK

/// Versions of the solver libraries edgeplan is linked against, for `edgeplan version` and bug reports.
public enum SolverLibraries {
    /// The CBC version string reported by the linked libCbcSolver.
    public static var cbcVersion: String {
        guard let cString = Cbc_getVersion() else { return "unknown" }
        return String(cString: cString)
    }

    /// The GLPK version string reported by the linked libglpk.
    public static var glpkVersion: String {
        guard let cString = glp_version() else { return "unknown" }
        return String(cString: cString)
    }
}
