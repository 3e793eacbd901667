import EdgeModel

/// A point in the map's SVG units (x right, y down).
struct SVGPoint: Equatable {
    var x: Double
    var y: Double

    /// `x,y` with one decimal: a tenth of a unit is a tenth of a pixel at the map's natural size.
    var text: String { ShortNumber.format(x) + "," + ShortNumber.format(y) }
}

/// Where things go on the map: the plane (metres, y north) scaled into a viewBox `width` units
/// wide (y down), and where servers, which have no position in the inputs, are drawn.
struct MapLayout {
    /// Width of the viewBox. Fixed, so coordinates have at most four integer digits whatever the
    /// city's size, which keeps the file short.
    static let width = 1000.0
    /// The band below the map that holds servers linked to no base station: a caption, then rows
    /// of at most `serversPerRow` (a city's 277 regional servers on one row would overlap).
    static let captionHeight = 24.0
    static let serverRowHeight = 30.0
    static let serversPerRow = 50

    let minX: Double
    let maxY: Double
    /// SVG units per metre.
    let scale: Double
    /// Height of the part that shows the plane.
    let planeHeight: Double
    /// Each server's position, by server index.
    let serverPositions: [SVGPoint]
    /// Servers linked to no base station, drawn on the rows below the map.
    let unlinkedServers: [ServerIndex]
    /// How much marks (base stations, servers, users' marks) are scaled down: 1 on a testbed,
    /// less in a crowded city, where full-size marks would hide each other and the map.
    let markScale: Double

    /// Height of the band below the map (0 when every server links to a base station).
    var serverBandHeight: Double {
        guard !unlinkedServers.isEmpty else { return 0 }
        let rows = (unlinkedServers.count + Self.serversPerRow - 1) / Self.serversPerRow
        return Self.captionHeight + Self.serverRowHeight * Double(rows)
    }

    /// Whole viewBox height: the plane and, when some server needs it, the band below.
    var height: Double { planeHeight + serverBandHeight }

    /// Fits the base stations and `paths` (the users' sampled positions), with room for coverage
    /// circles up to `coverageMeters` (the largest finite radius) but never more than a third of
    /// the extent: a weak threshold must not shrink a city to a dot.
    init(topology: Topology, paths: [[PlanePoint]], coverageMeters: Double) {
        var minX = Double.infinity
        var maxX = -Double.infinity
        var minY = Double.infinity
        var maxY = -Double.infinity
        func include(_ point: PlanePoint) {
            minX = min(minX, point.xMeters)
            maxX = max(maxX, point.xMeters)
            minY = min(minY, point.yMeters)
            maxY = max(maxY, point.yMeters)
        }
        topology.baseStations.forEach { include($0.position) }
        paths.forEach { $0.forEach(include) }
        if !minX.isFinite {
            (minX, maxX, minY, maxY) = (0, 0, 0, 0)
        }
        let extent = max(maxX - minX, maxY - minY)
        // A lone base station (extent 0) still gets a map: its circle, or 50 m either side.
        let pad = extent > 0 ? max(min(coverageMeters, extent / 3), extent / 40) : max(coverageMeters, 50)
        minX -= pad
        maxX += pad
        minY -= pad
        maxY += pad
        // A row of base stations along one axis would give a map a few pixels high: keep the
        // height at least 30 % of the width (and the width at least 30 % of the height).
        let minimumSide = 0.3 * max(maxX - minX, maxY - minY)
        if maxY - minY < minimumSide {
            let grow = (minimumSide - (maxY - minY)) / 2
            minY -= grow
            maxY += grow
        }
        if maxX - minX < minimumSide {
            let grow = (minimumSide - (maxX - minX)) / 2
            minX -= grow
            maxX += grow
        }
        self.minX = minX
        self.maxY = maxY
        self.scale = Self.width / (maxX - minX)
        self.planeHeight = (maxY - minY) * scale
        // Marks are drawn for a spacing of about 25 units: shrink them when the map's area per
        // base station and user is smaller, but not below a third (they must stay visible).
        let things = Double(max(topology.baseStations.count + paths.count, 1))
        self.markScale = min(1, max(1 / 3, (Self.width * planeHeight / things).squareRoot() / 25))
        (self.serverPositions, self.unlinkedServers) = Self.placeServers(
            topology, minX: minX, maxY: maxY, scale: scale, planeHeight: planeHeight)
    }

    /// Converts a plane position to SVG units.
    func point(_ position: PlanePoint) -> SVGPoint {
        Self.point(position, minX: minX, maxY: maxY, scale: scale)
    }

    private static func point(_ position: PlanePoint, minX: Double, maxY: Double, scale: Double) -> SVGPoint {
        SVGPoint(x: (position.xMeters - minX) * scale, y: (maxY - position.yMeters) * scale)
    }

    /// Servers have no position in the inputs: each is drawn at the centroid of the base stations
    /// it links to directly (an edge server sits on its cell), and a server linked to none (a
    /// regional or cloud server reached through other servers) on evenly spaced rows below the
    /// map, in topology order.
    private static func placeServers(
        _ topology: Topology, minX: Double, maxY: Double, scale: Double, planeHeight: Double
    ) -> ([SVGPoint], [ServerIndex]) {
        var sums = [(x: Double, y: Double, count: Int)](repeating: (0, 0, 0), count: topology.servers.count)
        for link in topology.links {
            let (a, b) = link.endpoints
            for (serverNode, otherNode) in [(a, b), (b, a)] {
                guard let server = topology.serverIndex(of: serverNode),
                    otherNode.rawValue < topology.baseStations.count
                else { continue }
                let position = topology.baseStations[otherNode.rawValue].position
                sums[server.rawValue].x += position.xMeters
                sums[server.rawValue].y += position.yMeters
                sums[server.rawValue].count += 1
            }
        }
        let unlinked = topology.servers.map(\.index).filter { sums[$0.rawValue].count == 0 }
        var rowSlot: [Int: Int] = [:]
        for (slot, server) in unlinked.enumerated() { rowSlot[server.rawValue] = slot }
        let positions = topology.servers.indices.map { index -> SVGPoint in
            if let slot = rowSlot[index] {
                let (row, column) = slot.quotientAndRemainder(dividingBy: serversPerRow)
                let inRow = min(serversPerRow, unlinked.count - row * serversPerRow)
                let spacing = width / Double(inRow + 1)
                return SVGPoint(
                    x: spacing * Double(column + 1),
                    // Near the top of its row, leaving room for an id written below it.
                    y: planeHeight + captionHeight + serverRowHeight * Double(row) + 10)
            }
            let sum = sums[index]
            let centroid = PlanePoint(xMeters: sum.x / Double(sum.count), yMeters: sum.y / Double(sum.count))
            return point(centroid, minX: minX, maxY: maxY, scale: scale)
        }
        return (positions, unlinked)
    }
}
