import ArgumentParser
import Plan

/// How every command that reads a plan reports one it cannot read: the reader's located message
/// on standard error and exit status 1, the status of an input error (docs/reliability.md).
enum PlanReading {
    static func read(_ path: String) throws -> Plan {
        do {
            return try PlanFile.read(path)
        } catch {
            StandardStreams.writeError("\(error.description)\n")
            throw ExitCode(1)
        }
    }
}
