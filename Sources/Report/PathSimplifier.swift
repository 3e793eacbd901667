public import EdgeModel

/// Simplifies drawn paths so that a city of thousands of users stays a file a browser can open.
public enum PathSimplifier {
    /// Ramer–Douglas–Peucker: keeps the end points and every point farther than `tolerance` metres
    /// from the chord of the stretch it lies in, so the drawing differs from the path by at most
    /// `tolerance`. When more than `maximumPoints` survive, the tolerance doubles until they fit:
    /// the cap bounds each user's share of the file whatever its trace looks like.
    public static func simplify(_ points: [PlanePoint], tolerance: Double, maximumPoints: Int) -> [PlanePoint] {
        let cap = max(maximumPoints, 2)
        let deduplicated = removingRepeats(points)
        guard deduplicated.count > 2 else { return deduplicated }
        var epsilon = max(tolerance, 0)
        while true {
            let kept = douglasPeucker(deduplicated, tolerance: epsilon)
            if kept.count <= cap { return kept }
            // A zero tolerance cannot double: start from a small fraction of the path's extent.
            epsilon = epsilon > 0 ? epsilon * 2 : extent(of: deduplicated) * 1e-6 + .leastNonzeroMagnitude
        }
    }

    /// Consecutive equal points add nothing to a drawing (a parked vehicle's trace is full of them).
    static func removingRepeats(_ points: [PlanePoint]) -> [PlanePoint] {
        var out: [PlanePoint] = []
        out.reserveCapacity(points.count)
        for point in points where out.last != point { out.append(point) }
        return out
    }

    /// One pass at a fixed tolerance, with an explicit stack: a long trace must not recurse deeply.
    static func douglasPeucker(_ points: [PlanePoint], tolerance: Double) -> [PlanePoint] {
        var keep = [Bool](repeating: false, count: points.count)
        keep[0] = true
        keep[points.count - 1] = true
        var stack = [(0, points.count - 1)]
        while let (first, last) = stack.popLast() {
            guard last - first > 1 else { continue }
            var farthest = first
            var farthestDistance = -1.0
            for index in (first + 1)..<last {
                let distance = distanceFromSegment(points[index], points[first], points[last])
                if distance > farthestDistance {
                    farthestDistance = distance
                    farthest = index
                }
            }
            if farthestDistance > tolerance {
                keep[farthest] = true
                stack.append((first, farthest))
                stack.append((farthest, last))
            }
        }
        return points.indices.filter { keep[$0] }.map { points[$0] }
    }

    /// The distance from `point` to the segment `a`–`b` (to the nearer end beyond either end, so a
    /// path that doubles back on itself keeps its turning point).
    static func distanceFromSegment(_ point: PlanePoint, _ a: PlanePoint, _ b: PlanePoint) -> Double {
        let dx = b.xMeters - a.xMeters
        let dy = b.yMeters - a.yMeters
        let lengthSquared = dx * dx + dy * dy
        guard lengthSquared > 0 else { return point.distance(to: a).value }
        let along = ((point.xMeters - a.xMeters) * dx + (point.yMeters - a.yMeters) * dy) / lengthSquared
        let t = min(max(along, 0), 1)
        return point.distance(to: PlanePoint(xMeters: a.xMeters + t * dx, yMeters: a.yMeters + t * dy)).value
    }

    private static func extent(of points: [PlanePoint]) -> Double {
        let xs = points.map(\.xMeters)
        let ys = points.map(\.yMeters)
        return max((xs.max() ?? 0) - (xs.min() ?? 0), (ys.max() ?? 0) - (ys.min() ?? 0))
    }
}
