import EdgeModel
import Report
import Testing

/// Ramer–Douglas–Peucker with a cap, on paths whose answer is plain by eye.
struct PathSimplifierTests {
    static func points(_ xy: [(Double, Double)]) -> [PlanePoint] {
        xy.map { PlanePoint(xMeters: $0.0, yMeters: $0.1) }
    }

    @Test func collinearPointsCollapseToTheEnds() {
        let line = Self.points((0...100).map { (Double($0), 2 * Double($0)) })
        #expect(
            PathSimplifier.simplify(line, tolerance: 0.01, maximumPoints: 200) == Self.points([(0, 0), (100, 200)]))
    }

    @Test func cornersFartherThanTheToleranceStay() {
        // A zigzag: (5, 1) is 1 m off the chord from (0, 0) to (10, 0); (5, 0.4) only 0.4 m.
        let path = Self.points([(0, 0), (5, 1), (10, 0)])
        #expect(PathSimplifier.simplify(path, tolerance: 0.5, maximumPoints: 10) == path)
        let flat = Self.points([(0, 0), (5, 0.4), (10, 0)])
        #expect(PathSimplifier.simplify(flat, tolerance: 0.5, maximumPoints: 10) == Self.points([(0, 0), (10, 0)]))
    }

    @Test func turningPointOfARoundTripStays() {
        // Out to (200, 0) and back: every point lies on one line, but the round trip's chord runs
        // from (0, 0) to (0, 0), and its far end is 200 m from that chord, so it must be kept.
        let trip = Self.points([(0, 0), (100, 0), (200, 0), (100, 0), (0, 0)])
        #expect(
            PathSimplifier.simplify(trip, tolerance: 1, maximumPoints: 10) == Self.points([(0, 0), (200, 0), (0, 0)]))
    }

    @Test func repeatsAreDropped() {
        let parked = Self.points([(1, 1), (1, 1), (1, 1), (4, 5), (4, 5)])
        #expect(PathSimplifier.simplify(parked, tolerance: 0, maximumPoints: 10) == Self.points([(1, 1), (4, 5)]))
        #expect(PathSimplifier.simplify(Self.points([(3, 3), (3, 3)]), tolerance: 0, maximumPoints: 10).count == 1)
    }

    @Test func capHoldsForAZigzagTrace() {
        // 2,001 points zigzagging 0, 3, 6, …, 27 m: nearly every point is a corner at a 1 cm
        // tolerance, far more than the cap, so the tolerance grows until at most 50 are left.
        let zigzag = Self.points((0...2000).map { (Double($0), 3 * Double($0 % 10)) })
        let simplified = PathSimplifier.simplify(zigzag, tolerance: 0.01, maximumPoints: 50)
        #expect(simplified.count <= 50)
        #expect(simplified.count >= 2)
        #expect(simplified.first == zigzag.first)
        #expect(simplified.last == zigzag.last)
    }
}
