/// A uniform grid over base station positions for "which base stations lie within r of p".
public struct SpatialIndex: Sendable {
    private let cellMeters: Double
    private let cells: [GridCell: [Int]]
    private let positions: [PlanePoint]

    private struct GridCell: Hashable {
        let x: Int
        let y: Int
    }

    /// `cellMeters` near the typical query radius keeps a query to a handful of cells.
    public init(positions: [PlanePoint], cellMeters: Double) {
        self.cellMeters = cellMeters.isFinite && cellMeters > 0 ? cellMeters : 1
        self.positions = positions
        var cells: [GridCell: [Int]] = [:]
        for (index, point) in positions.enumerated() {
            cells[Self.cell(of: point, size: self.cellMeters), default: []].append(index)
        }
        self.cells = cells
    }

    private static func cell(of point: PlanePoint, size: Double) -> GridCell {
        GridCell(x: clampedIndex(point.xMeters / size), y: clampedIndex(point.yMeters / size))
    }

    private static func clampedIndex(_ value: Double) -> Int {
        Int(max(-1e15, min(1e15, value.rounded(.down))))
    }

    /// Indices of the points within `radius` of `center`, in ascending order.
    public func points(within radius: Meters, of center: PlanePoint) -> [Int] {
        guard radius.value >= 0 else { return [] }
        let low = Self.cell(
            of: PlanePoint(xMeters: center.xMeters - radius.value, yMeters: center.yMeters - radius.value),
            size: cellMeters)
        let high = Self.cell(
            of: PlanePoint(xMeters: center.xMeters + radius.value, yMeters: center.yMeters + radius.value),
            size: cellMeters)
        var found: [Int] = []
        // A radius spanning more cells than exist is cheaper as a scan of every point.
        let spanned = (Double(high.x) - Double(low.x) + 1) * (Double(high.y) - Double(low.y) + 1)
        if spanned > Double(cells.count) {
            for (index, point) in positions.enumerated() where point.distance(to: center) <= radius {
                found.append(index)
            }
            return found
        }
        for x in low.x...high.x {
            for y in low.y...high.y {
                for index in cells[GridCell(x: x, y: y)] ?? [] where positions[index].distance(to: center) <= radius {
                    found.append(index)
                }
            }
        }
        return found.sorted()
    }
}
