import Diagnostics
import EdgeModel
import TestSupport
import Testing

/// Paths of SPEC §1: least total RTT (exact), ties to the larger bottleneck.
struct WiredGraphTests {
    static func link(_ a: Int, _ b: Int, mbps: Double, rttNanoseconds: Int64) -> Link {
        Link(
            endpoints: (NodeIndex(a), NodeIndex(b)), bandwidth: BitsPerSecond(mbps * 1e6),
            rttNanoseconds: rttNanoseconds, location: .startOf("test"))
    }

    @Test func leastRTTWins() {
        // 0 –(10 ms)– 1 –(10 ms)– 2, and a direct 0 –(30 ms)– 2
        let graph = WiredGraph(
            nodeCount: 3,
            links: [
                Self.link(0, 1, mbps: 100, rttNanoseconds: 10_000_000),
                Self.link(1, 2, mbps: 50, rttNanoseconds: 10_000_000),
                Self.link(0, 2, mbps: 1000, rttNanoseconds: 30_000_000),
            ])
        let paths = graph.paths(from: NodeIndex(0))
        #expect(paths[2] == PathMetrics(rttNanoseconds: 20_000_000, bottleneck: BitsPerSecond(50e6), hops: 2))
        #expect(paths[0]?.rttNanoseconds == 0)
        #expect(paths[0]?.bottleneck.value == .infinity)
    }

    @Test func exactTiesGoToTheLargerBottleneck() {
        // Via 1: 0.1 ms + 0.2 ms at 10 Mbps; via 2: 0.3 ms at 50 Mbps. As doubles 0.1 + 0.2 ≠ 0.3, so
        // a double comparison would wrongly prefer the direct path by RTT; exactly, they tie.
        let graph = WiredGraph(
            nodeCount: 4,
            links: [
                Self.link(0, 1, mbps: 10, rttNanoseconds: 100_000),
                Self.link(1, 3, mbps: 100, rttNanoseconds: 200_000),
                Self.link(0, 2, mbps: 50, rttNanoseconds: 150_000),
                Self.link(2, 3, mbps: 50, rttNanoseconds: 150_000),
            ])
        let best = graph.paths(from: NodeIndex(0))[3]
        #expect(best?.rttNanoseconds == 300_000)
        #expect(best?.bottleneck.value == 50e6)
        #expect(best?.hops == 2)
    }

    @Test func parallelLinksAndComponents() {
        let graph = WiredGraph(
            nodeCount: 5,
            links: [
                Self.link(0, 1, mbps: 10, rttNanoseconds: 5),
                Self.link(0, 1, mbps: 20, rttNanoseconds: 5),
                Self.link(3, 4, mbps: 1, rttNanoseconds: 1),
            ])
        #expect(graph.paths(from: NodeIndex(0))[1]?.bottleneck.value == 20e6)
        #expect(graph.paths(from: NodeIndex(0))[3] == nil)
        #expect(graph.component[0] == graph.component[1])
        #expect(graph.component[0] != graph.component[2])
        #expect(graph.component[3] == graph.component[4])
    }

    /// Dijkstra against exhaustive enumeration of simple paths on small random graphs.
    @Test func matchesExhaustiveSearch() {
        var generator = SplitMix64(seed: 11)
        for _ in 0..<100 {
            let nodes = 6
            var links: [Link] = []
            for a in 0..<nodes {
                for b in (a + 1)..<nodes where generator.unit() < 0.45 {
                    links.append(
                        Self.link(
                            a, b, mbps: Double(1 + generator.next() % 4) * 10,
                            rttNanoseconds: Int64(generator.next() % 4)))
                }
            }
            let graph = WiredGraph(nodeCount: nodes, links: links)
            let paths = graph.paths(from: NodeIndex(0))
            for target in 1..<nodes {
                let expected = Self.bestByEnumeration(links: links, from: 0, to: target)
                #expect(paths[target]?.rttNanoseconds == expected?.rtt)
                #expect(paths[target]?.bottleneck.value == expected?.bottleneck)
            }
        }
    }

    /// The bounded search finds exactly the nodes within the limit, with the same paths.
    @Test func boundedSearchMatchesTheFullOne() {
        var generator = SplitMix64(seed: 5)
        for _ in 0..<100 {
            var links: [Link] = []
            for a in 0..<12 {
                for b in (a + 1)..<12 where generator.unit() < 0.25 {
                    links.append(
                        Self.link(
                            a, b, mbps: Double(1 + generator.next() % 5) * 10,
                            rttNanoseconds: Int64(generator.next() % 10)))
                }
            }
            let graph = WiredGraph(nodeCount: 12, links: links)
            let limit = Int64(generator.next() % 20)
            let full = graph.paths(from: NodeIndex(0))
            let bounded = graph.paths(from: NodeIndex(0), withinNanoseconds: limit)
            let expected = full.indices.filter { (full[$0]?.rttNanoseconds ?? .max) <= limit }
            #expect(bounded.map(\.node.rawValue).sorted() == expected)
            for entry in bounded { #expect(full[entry.node.rawValue] == entry.metrics) }
        }
    }

    static func bestByEnumeration(links: [Link], from: Int, to: Int) -> (rtt: Int64, bottleneck: Double)? {
        var best: (rtt: Int64, bottleneck: Double)?
        func walk(_ node: Int, _ visited: Set<Int>, _ rtt: Int64, _ bottleneck: Double) {
            if node == to {
                if best == nil || rtt < best!.rtt || (rtt == best!.rtt && bottleneck > best!.bottleneck) {
                    best = (rtt, bottleneck)
                }
                return
            }
            for link in links {
                let (a, b) = (link.endpoints.0.rawValue, link.endpoints.1.rawValue)
                let next = a == node ? b : (b == node ? a : nil)
                guard let next, !visited.contains(next) else { continue }
                walk(next, visited.union([next]), rtt + link.rttNanoseconds, min(bottleneck, link.bandwidth.value))
            }
        }
        walk(from, [from], 0, .infinity)
        return best
    }
}
