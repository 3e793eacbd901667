/// Path metrics between two nodes (SPEC §1): least total RTT, ties to the larger bottleneck.
public struct PathMetrics: Sendable, Hashable {
    /// Sum of the links' RTTs, exact.
    public let rttNanoseconds: Int64
    /// Smallest bandwidth on the path; infinite for the empty path from a node to itself.
    public let bottleneck: BitsPerSecond
    /// Number of links on the path.
    public let hops: Int

    public init(rttNanoseconds: Int64, bottleneck: BitsPerSecond, hops: Int) {
        self.rttNanoseconds = rttNanoseconds
        self.bottleneck = bottleneck
        self.hops = hops
    }

    public var rtt: Seconds { Seconds(Double(rttNanoseconds) / 1e9) }

    /// The path order: less RTT first, then the larger bottleneck. Extending two paths by the same
    /// link keeps their order, which is what lets Dijkstra's algorithm use it.
    public func isBetter(than other: PathMetrics) -> Bool {
        if rttNanoseconds != other.rttNanoseconds { return rttNanoseconds < other.rttNanoseconds }
        return bottleneck.value > other.bottleneck.value
    }
}

/// The wired graph in compressed adjacency form, with its connected components.
public struct WiredGraph: Sendable {
    public let nodeCount: Int
    /// Neighbours of node i are `adjacency[offsets[i]..<offsets[i+1]]`.
    private let offsets: [Int]
    private let adjacency: [(neighbor: Int, rttNanoseconds: Int64, bandwidth: Double)]
    /// Component id of each node; nodes with equal ids reach each other.
    public let component: [Int]

    public init(nodeCount: Int, links: [Link]) {
        self.nodeCount = nodeCount
        var degree = [Int](repeating: 0, count: nodeCount + 1)
        for link in links {
            degree[link.endpoints.0.rawValue] += 1
            degree[link.endpoints.1.rawValue] += 1
        }
        var offsets = [Int](repeating: 0, count: nodeCount + 1)
        for i in 0..<nodeCount { offsets[i + 1] = offsets[i] + degree[i] }
        var fill = offsets
        var adjacency = [(neighbor: Int, rttNanoseconds: Int64, bandwidth: Double)](
            repeating: (0, 0, 0), count: offsets[nodeCount])
        for link in links {
            let (a, b) = (link.endpoints.0.rawValue, link.endpoints.1.rawValue)
            adjacency[fill[a]] = (b, link.rttNanoseconds, link.bandwidth.value)
            fill[a] += 1
            adjacency[fill[b]] = (a, link.rttNanoseconds, link.bandwidth.value)
            fill[b] += 1
        }
        self.offsets = offsets
        self.adjacency = adjacency
        self.component = Self.components(nodeCount: nodeCount, offsets: offsets, adjacency: adjacency)
    }

    private static func components(
        nodeCount: Int, offsets: [Int], adjacency: [(neighbor: Int, rttNanoseconds: Int64, bandwidth: Double)]
    ) -> [Int] {
        var component = [Int](repeating: -1, count: nodeCount)
        var stack: [Int] = []
        for start in 0..<nodeCount where component[start] < 0 {
            component[start] = start
            stack.append(start)
            while let node = stack.popLast() {
                for edge in adjacency[offsets[node]..<offsets[node + 1]] where component[edge.neighbor] < 0 {
                    component[edge.neighbor] = start
                    stack.append(edge.neighbor)
                }
            }
        }
        return component
    }

    public func neighborCount(of node: NodeIndex) -> Int {
        offsets[node.rawValue + 1] - offsets[node.rawValue]
    }

    /// Best paths from `source` to the nodes at most `limitNanoseconds` of RTT away, nearest first:
    /// the search stops at the limit, so its cost depends on the neighbourhood, not the network.
    public func paths(from source: NodeIndex, withinNanoseconds limitNanoseconds: Int64) -> [(
        node: NodeIndex, metrics: PathMetrics
    )] {
        // Dense arrays: a dictionary and a set here cost more than the search on a city, where the
        // limit reaches most nodes; clearing arrays of the graph's size is cheap next to that.
        var best = [PathMetrics?](repeating: nil, count: nodeCount)
        var settled = [Bool](repeating: false, count: nodeCount)
        var found: [(node: NodeIndex, metrics: PathMetrics)] = []
        var heap = PathHeap()
        let start = PathMetrics(rttNanoseconds: 0, bottleneck: BitsPerSecond(.infinity), hops: 0)
        best[source.rawValue] = start
        heap.push(start, node: source.rawValue)
        while let (metrics, node) = heap.pop() {
            if metrics.rttNanoseconds > limitNanoseconds { break }
            if settled[node] { continue }
            settled[node] = true
            found.append((NodeIndex(node), metrics))
            for edge in adjacency[offsets[node]..<offsets[node + 1]] where !settled[edge.neighbor] {
                let candidate = PathMetrics(
                    rttNanoseconds: Self.adding(metrics.rttNanoseconds, edge.rttNanoseconds),
                    bottleneck: BitsPerSecond(min(metrics.bottleneck.value, edge.bandwidth)),
                    hops: metrics.hops + 1)
                if candidate.rttNanoseconds > limitNanoseconds { continue }
                if let current = best[edge.neighbor], !candidate.isBetter(than: current) { continue }
                best[edge.neighbor] = candidate
                heap.push(candidate, node: edge.neighbor)
            }
        }
        return found
    }

    /// The RTT of a path one link longer. Saturates at `Int64.max` (292 years): a link's RTT may be
    /// up to 10^9 s (`InputBounds.maximumSeconds`), and ten such links would overflow; saturation is
    /// monotone, so the search stays exact below it.
    static func adding(_ rtt: Int64, _ link: Int64) -> Int64 {
        let (sum, overflow) = rtt.addingReportingOverflow(link)
        return overflow ? Int64.max : sum
    }

    /// Best paths from `source` to every node (nil where unreachable), by Dijkstra's algorithm on the
    /// lexicographic (RTT, −bottleneck) order.
    public func paths(from source: NodeIndex) -> [PathMetrics?] {
        search(from: source, stoppingAt: nil)
    }

    /// The best path from `source` to `target`: the same search, stopped once `target` is settled.
    public func path(from source: NodeIndex, to target: NodeIndex) -> PathMetrics? {
        search(from: source, stoppingAt: target.rawValue)[target.rawValue]
    }

    private func search(from source: NodeIndex, stoppingAt target: Int?) -> [PathMetrics?] {
        var best = [PathMetrics?](repeating: nil, count: nodeCount)
        var settled = [Bool](repeating: false, count: nodeCount)
        var heap = PathHeap()
        let start = PathMetrics(rttNanoseconds: 0, bottleneck: BitsPerSecond(.infinity), hops: 0)
        best[source.rawValue] = start
        heap.push(start, node: source.rawValue)
        while let (metrics, node) = heap.pop() {
            if settled[node] { continue }
            settled[node] = true
            if node == target { break }
            for edge in adjacency[offsets[node]..<offsets[node + 1]] where !settled[edge.neighbor] {
                let candidate = PathMetrics(
                    rttNanoseconds: Self.adding(metrics.rttNanoseconds, edge.rttNanoseconds),
                    bottleneck: BitsPerSecond(min(metrics.bottleneck.value, edge.bandwidth)),
                    hops: metrics.hops + 1)
                if let current = best[edge.neighbor], !candidate.isBetter(than: current) { continue }
                best[edge.neighbor] = candidate
                heap.push(candidate, node: edge.neighbor)
            }
        }
        return best
    }
}

/// A binary min-heap of tentative paths in the path order.
private struct PathHeap {
    private var items: [(metrics: PathMetrics, node: Int)] = []

    mutating func push(_ metrics: PathMetrics, node: Int) {
        items.append((metrics, node))
        var child = items.count - 1
        while child > 0 {
            let parent = (child - 1) / 2
            guard items[child].metrics.isBetter(than: items[parent].metrics) else { break }
            items.swapAt(child, parent)
            child = parent
        }
    }

    mutating func pop() -> (PathMetrics, Int)? {
        guard let top = items.first else { return nil }
        let last = items.removeLast()
        if !items.isEmpty {
            items[0] = last
            var parent = 0
            while true {
                let left = 2 * parent + 1
                let right = left + 1
                var smallest = parent
                if left < items.count, items[left].metrics.isBetter(than: items[smallest].metrics) { smallest = left }
                if right < items.count, items[right].metrics.isBetter(than: items[smallest].metrics) {
                    smallest = right
                }
                if smallest == parent { break }
                items.swapAt(parent, smallest)
                parent = smallest
            }
        }
        return (top.metrics, top.node)
    }
}
