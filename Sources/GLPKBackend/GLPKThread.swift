internal import CGLPK
import Foundation

/// The one thread that makes every GLPK call of the LP sessions.
///
/// GLPK 5.0 as Debian builds it keeps its environment, memory accounting included, per thread
/// (`glp_config("TLS")` is `_Thread_local`): a `glp_prob` created on one thread and deleted on
/// another aborted the process on this machine ("glp_free: memory allocation error"). A session's
/// owner may hand it from one queue to another, and its last reference may go on any thread;
/// running every call here keeps each problem with the environment that allocated it. It also
/// serialises the sessions' solves. `GLPKSolver`'s one-call MILP solves allocate and free on the
/// caller's thread, in that thread's environment, and need none of this.
final class GLPKThread: @unchecked Sendable {
    /// The thread all sessions share, started on first use.
    static let shared = GLPKThread()

    /// Guards `jobs` and `worker`; the worker waits on it for work.
    private let condition = NSCondition()
    private var jobs: [GLPKJob] = []
    /// The worker's thread, so that a call made on it runs in place instead of waiting for itself.
    private var worker: pthread_t?

    private init() {
        let thread = Thread { [self] in serve() }
        thread.name = "edgeplan.glpk"
        thread.start()
    }

    /// Runs `body` on the GLPK thread and returns its result.
    func run<T>(_ body: () -> T) -> T {
        var result: T?
        runVoid { result = body() }
        guard let result else { preconditionFailure("the GLPK thread returned without running its job") }
        return result
    }

    /// Runs `body` on the GLPK thread and waits for it.
    private func runVoid(_ body: () -> Void) {
        condition.lock()
        let isWorker = worker.map { pthread_equal($0, pthread_self()) != 0 } ?? false
        condition.unlock()
        if isWorker {
            body()
            return
        }
        // The worker drops the closure before it signals, so it never outlives this call.
        withoutActuallyEscaping(body) { body in
            let job = GLPKJob(body)
            condition.lock()
            jobs.append(job)
            condition.signal()
            condition.unlock()
            job.done.wait()
        }
    }

    /// The worker's loop: silence GLPK in this thread's environment, then run jobs in order.
    private func serve() {
        glp_term_out(GLP_OFF)
        condition.lock()
        worker = pthread_self()
        condition.unlock()
        while true {
            condition.lock()
            while jobs.isEmpty { condition.wait() }
            let job = jobs.removeFirst()
            condition.unlock()
            job.body?()
            job.body = nil
            job.done.signal()
        }
    }
}

/// One call waiting for the GLPK thread; its caller blocks on `done`.
private final class GLPKJob: @unchecked Sendable {
    var body: (() -> Void)?
    let done = DispatchSemaphore(value: 0)

    init(_ body: @escaping () -> Void) { self.body = body }
}
