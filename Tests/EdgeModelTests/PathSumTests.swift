import EdgeModel
import Testing

/// Path RTTs are sums in 64-bit nanoseconds: links may each take up to 10^9 s (the bound on times,
/// 10^18 ns), and ten of them in a row overflowed Int64 and trapped.
struct PathSumTests {
    @Test func longPathsOfSlowLinksSaturate() {
        let rtt: Int64 = 1_000_000_000_000_000_000  // 1e9 s
        let links = (0..<12).map { index in
            Link(
                endpoints: (NodeIndex(index), NodeIndex(index + 1)), bandwidth: BitsPerSecond(1e9),
                rttNanoseconds: rtt, location: .startOf("test"))
        }
        let graph = WiredGraph(nodeCount: 13, links: links)
        let paths = graph.paths(from: NodeIndex(0))
        // Nine links are exact (9e18 < 2^63 ≈ 9.22e18); from the tenth on, the sum saturates.
        #expect(paths[9]?.rttNanoseconds == 9 * rtt)
        #expect(paths[10]?.rttNanoseconds == Int64.max)
        #expect(paths[12]?.rttNanoseconds == Int64.max)
        #expect(paths[12]?.hops == 12)
        #expect(graph.path(from: NodeIndex(12), to: NodeIndex(0))?.rttNanoseconds == Int64.max)
    }
}
