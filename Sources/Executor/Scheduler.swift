/// Which actions may start when: the pure core of the executor, with no clock and no processes.
///
/// Each user's actions start in schedule order. An action is ready at its due time once the user's
/// previous action has started and the actions it waits for (`ScheduledAction.waitsFor`) have
/// finished; then it starts at once, however late. Actions of different users never wait for each
/// other. Only each user's first unstarted action is a candidate, so a step costs a heap operation
/// rather than a scan of the plan.
public struct Scheduler: Sendable {
    public enum State: Sendable, Equatable {
        case pending, running, finished
    }

    private let schedule: [ScheduledAction]
    /// Due time of each action, in the caller's (monotonic) seconds; nondecreasing with position.
    private let due: [Double]
    public private(set) var states: [State]
    /// Each user's positions in order, the user of each position, and each user's first pending.
    private let lists: [[Int]]
    private let userOf: [Int]
    private var cursor: [Int]
    /// Users' first pending actions whose waits are over, as a min-heap (position order is due
    /// order); `queued` says which positions are in it.
    private var ready = MinHeap()
    private var queued: [Bool]
    public private(set) var runningCount = 0
    public private(set) var pendingCount: Int

    /// `done` are positions finished before this run (in a resumed journal): never started again.
    public init(schedule: [ScheduledAction], due: [Double], done: Set<Int> = []) {
        self.schedule = schedule
        self.due = due
        states = schedule.indices.map { done.contains($0) ? .finished : .pending }
        pendingCount = states.count { $0 == .pending }
        var userIndex: [String: Int] = [:]
        var lists: [[Int]] = []
        var userOf: [Int] = []
        for (position, action) in schedule.enumerated() {
            let user = userIndex[action.user] ?? lists.count
            if user == lists.count {
                userIndex[action.user] = user
                lists.append([])
            }
            lists[user].append(position)
            userOf.append(user)
        }
        self.lists = lists
        self.userOf = userOf
        cursor = Array(repeating: 0, count: lists.count)
        queued = Array(repeating: false, count: schedule.count)
        for user in lists.indices {
            advance(user)
            offerHead(of: user)
        }
    }

    /// Nothing is pending or running.
    public var isComplete: Bool { pendingCount == 0 && runningCount == 0 }

    /// The next action to start at `now`, in order, marking it running; nil when none is due.
    public mutating func next(at now: Double) -> Int? {
        guard let position = ready.peek, due[position] <= now else { return nil }
        ready.pop()
        queued[position] = false
        states[position] = .running
        runningCount += 1
        pendingCount -= 1
        let user = userOf[position]
        advance(user)
        offerHead(of: user)
        return position
    }

    /// When the next ready action falls due; nil when none is ready (the rest wait for finishes).
    public var nextDue: Double? { ready.peek.map { due[$0] } }

    /// Records the end of a running action, successful or not: a failure does not hold the user's
    /// later actions back (`--on-failure` decides whether anything more starts).
    public mutating func finish(_ position: Int) {
        guard states[position] == .running else { return }
        states[position] = .finished
        runningCount -= 1
        offerHead(of: userOf[position])
    }

    /// Moves the user's cursor to its first pending action (past started and done ones).
    private mutating func advance(_ user: Int) {
        while cursor[user] < lists[user].count, states[lists[user][cursor[user]]] != .pending { cursor[user] += 1 }
    }

    /// Queues the user's first pending action if everything it waits for has finished.
    private mutating func offerHead(of user: Int) {
        guard cursor[user] < lists[user].count else { return }
        let head = lists[user][cursor[user]]
        guard !queued[head], schedule[head].waitsFor.allSatisfy({ states[$0] == .finished }) else { return }
        queued[head] = true
        ready.push(head)
    }
}

/// A binary min-heap of positions.
struct MinHeap: Sendable {
    private var items: [Int] = []

    var peek: Int? { items.first }

    mutating func push(_ item: Int) {
        items.append(item)
        var child = items.count - 1
        while child > 0 {
            let parent = (child - 1) / 2
            guard items[child] < items[parent] else { break }
            items.swapAt(child, parent)
            child = parent
        }
    }

    mutating func pop() {
        guard !items.isEmpty else { return }
        items.swapAt(0, items.count - 1)
        items.removeLast()
        var parent = 0
        while true {
            let left = 2 * parent + 1
            let right = left + 1
            var smallest = parent
            if left < items.count, items[left] < items[smallest] { smallest = left }
            if right < items.count, items[right] < items[smallest] { smallest = right }
            if smallest == parent { return }
            items.swapAt(parent, smallest)
            parent = smallest
        }
    }
}
