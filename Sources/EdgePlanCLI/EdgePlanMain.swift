import ArgumentParser
import Foundation
import ProcessControl

/// The process-wide setup every command runs under, then the command.
public enum EdgePlanMain {
    /// Prepares the process, parses the command line and runs the command (what
    /// `ParsableCommand.main()` does, with the setup around it).
    public static func run() {
        StandardDescriptors.reserve()
        // A reader that goes away (a worker that died, `edgeplan … | head`) shows up as EPIPE on
        // the write, handled where it happens, instead of killing edgeplan with no word.
        signal(SIGPIPE, SIG_IGN)
        ParentBinding.bindIfWorker()
        do {
            var command = try EdgePlanCommand.parseAsRoot()
            // `execute` turns the stop signals into events and stops its commands first.
            if !(command is ExecuteCommand) { StopCleanup.install() }
            try command.run()
        } catch {
            EdgePlanCommand.exit(withError: error)
        }
    }
}

/// Descriptors 0, 1 and 2 kept taken while edgeplan runs.
enum StandardDescriptors {
    /// Opens /dev/null on any of 0, 1 and 2 that edgeplan was started without (`>&-`): else the
    /// next file opened would get that number, and the report meant for standard output would be
    /// written into an output file. Standard output and error are opened read-only, so writes to
    /// them still fail as they would on a closed descriptor.
    static func reserve() {
        for descriptor in [STDIN_FILENO, STDOUT_FILENO, STDERR_FILENO] where fcntl(descriptor, F_GETFD) == -1 {
            let opened = open("/dev/null", O_RDONLY)
            if opened >= 0 && opened != descriptor {
                dup2(opened, descriptor)
                close(opened)
            }
        }
    }
}
