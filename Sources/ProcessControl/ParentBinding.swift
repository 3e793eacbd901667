internal import CProcessControl
import Foundation

/// Ties a worker process's life to its parent's: on Linux the kernel kills the worker when the
/// parent dies, even by SIGKILL, which no handler of the parent can see.
public enum ParentBinding {
    /// The environment variable that carries the parent's process id to a worker.
    public static let variable = "EDGEPLAN_WORKER_PARENT"

    /// In a worker (the variable is set): asks for SIGKILL at the parent's death, then exits at
    /// once if the parent already died before that request (the kernel would never send it). The
    /// variable is removed, so the worker's own workers name it as their parent, not the grandparent.
    public static func bindIfWorker() {
        guard let value = getenv(variable) else { return }
        let parent = pid_t(String(cString: value)) ?? -1
        unsetenv(variable)
        _ = edgeplan_set_parent_death_signal(SIGKILL)
        if getppid() != parent { _exit(1) }
    }
}
