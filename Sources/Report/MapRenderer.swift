import EdgeModel
import Plan

/// Draws the map: coverage circles, links, servers by tier, base stations, and every user's path
/// over the plan's span with its handovers and migrations marked where they happen.
struct MapRenderer {
    let problem: Problem
    let actions: PlanActions
    /// How far a drawn path may stray from the true one, in SVG units (half a pixel at natural size).
    static let toleranceUnits = 0.5
    /// The most points a user's path keeps after simplification: each user's share of the file is
    /// bounded whatever its trace looks like.
    static let maximumPathPoints = 200
    /// Below this many base stations and servers, ids are written beside the marks.
    static let labelLimit = 60
    /// Above this many links to the band below the map, those links are drawn faint.
    static let faintLinksAbove = 50

    /// The map as an SVG element.
    func render() -> String {
        let topology = problem.topology
        let radii = topology.baseStations.map { CoverageRadius(station: $0, threshold: problem.policy.rssiMin) }
        let tracks = problem.workload.users.map {
            UserTrack.samples(of: $0.motion, from: actions.start, to: actions.end)
        }
        let layout = MapLayout(
            topology: topology, paths: tracks, coverageMeters: radii.compactMap(\.meters).max() ?? 0)
        let labelled = topology.baseStations.count + topology.servers.count <= Self.labelLimit
        var out = """
            <svg id="map" class="map" viewBox="0 0 \(ShortNumber.format(MapLayout.width)) \
            \(ShortNumber.format(layout.height))" xmlns="http://www.w3.org/2000/svg">
            <defs>\(marks(scale: layout.markScale))</defs>

            """
        out += coverageLayer(radii, layout: layout)
        out += bandLayer(layout)
        out += linkLayer(layout)
        out += serverLayer(layout, labelled: labelled)
        out += baseStationLayer(radii, layout: layout, labelled: labelled)
        out += userLayer(tracks, layout: layout)
        out += "</svg>\n"
        return out
    }

    /// The shapes of servers and action marks, each drawn once and used by reference.
    private func marks(scale: Double) -> String {
        let shapes = [
            ("s-edge", "M-4-4h8v8h-8z"), ("s-regional", "M0-7l6.5 11h-13z"), ("s-cloud", "M0-9l9 9-9 9-9-9z"),
            ("k-handover", "M0-5l4.5 5-4.5 5-4.5-5z"), ("k-migration", "M-3.5-3.5h7v7h-7z"),
        ]
        let transform = scale < 1 ? " transform=\"scale(\(ShortNumber.format(scale, decimals: 2)))\"" : ""
        return shapes.map { "<path id=\"\($0.0)\" d=\"\($0.1)\"\(transform)/>" }.joined()
    }

    /// One translucent circle per base station, under everything else and deaf to the mouse.
    private func coverageLayer(_ radii: [CoverageRadius], layout: MapLayout) -> String {
        var out = "<g class=\"coverage\">"
        for (station, radius) in zip(problem.topology.baseStations, radii) {
            let r: Double
            switch radius {
            case .none: continue
            // Beyond the map's diagonal a circle covers the whole map anyway.
            case .unbounded: r = 2 * (MapLayout.width + layout.height)
            case .radius(let meters): r = meters.value * layout.scale
            }
            let center = layout.point(station.position)
            out += "<circle cx=\"\(ShortNumber.format(center.x))\" cy=\"\(ShortNumber.format(center.y))\" "
            out += "r=\"\(ShortNumber.format(r))\"/>"
        }
        return out + "</g>\n"
    }

    /// Every link as one path: links carry no data attribute, and one element keeps a city small.
    private func linkLayer(_ layout: MapLayout) -> String {
        let topology = problem.topology
        func position(_ node: NodeIndex) -> SVGPoint {
            if let server = topology.serverIndex(of: node) { return layout.serverPositions[server.rawValue] }
            return layout.point(topology.baseStations[node.rawValue].position)
        }
        func placedBelow(_ node: NodeIndex) -> Bool {
            topology.serverIndex(of: node).map { layout.serverPositions[$0.rawValue].y > layout.planeHeight } ?? false
        }
        var near = ""
        var below = ""
        var belowCount = 0
        for link in topology.links {
            let a = position(link.endpoints.0)
            let b = position(link.endpoints.1)
            // An edge server sits on its own cell: its link would be a dot.
            guard a != b else { continue }
            if placedBelow(link.endpoints.0) || placedBelow(link.endpoints.1) {
                below += "M\(a.text)L\(b.text)"
                belowCount += 1
            } else {
                near += "M\(a.text)L\(b.text)"
            }
        }
        // Links to servers on the band below cross the whole map: past a few dozen (a city's
        // regional servers) they are drawn faint, so that they do not hide it.
        let faint = belowCount > Self.faintLinksAbove ? " faint" : ""
        var out = near.isEmpty ? "" : "<path class=\"links\" d=\"\(near)\"/>\n"
        out += below.isEmpty ? "" : "<path class=\"links\(faint)\" d=\"\(below)\"/>\n"
        return out
    }

    /// The band below the map for servers linked to no base station. Its background hides the
    /// coverage circles that reach past the map's edge; links, drawn after it, still reach it.
    private func bandLayer(_ layout: MapLayout) -> String {
        guard !layout.unlinkedServers.isEmpty else { return "" }
        var out = "<rect class=\"row\" x=\"0\" y=\"\(ShortNumber.format(layout.planeHeight))\" "
        out += "width=\"\(ShortNumber.format(MapLayout.width))\" "
        out += "height=\"\(ShortNumber.format(layout.serverBandHeight))\"/>"
        out += "<text class=\"row\" x=\"4\" y=\"\(ShortNumber.format(layout.planeHeight + 14))\">"
        return out + "servers linked to no base station (no position in the inputs)</text>\n"
    }

    private func serverLayer(_ layout: MapLayout, labelled: Bool) -> String {
        let topology = problem.topology
        var out = "<g class=\"servers\">"
        for server in topology.servers {
            let at = layout.serverPositions[server.index.rawValue]
            let id = HTMLText.attribute(server.id)
            out += "<use data-server=\"\(id)\" class=\"\(server.tier.rawValue)\" href=\"#s-\(server.tier.rawValue)\" "
            out += "x=\"\(ShortNumber.format(at.x))\" y=\"\(ShortNumber.format(at.y))\"><title>"
            out += HTMLText.escape("\(server.id): \(server.tier.rawValue) server, compute \(server.compute)")
            out += "</title></use>"
            if labelled { out += label(server.id, at: at, dy: 16) }
        }
        return out + "</g>\n"
    }

    private func baseStationLayer(_ radii: [CoverageRadius], layout: MapLayout, labelled: Bool) -> String {
        let rssiMin = ShortNumber.format(problem.policy.rssiMin.value)
        let stationRadius = ShortNumber.format(3 * layout.markScale, decimals: 2)
        var out = "<g class=\"stations\">"
        for (station, radius) in zip(problem.topology.baseStations, radii) {
            let at = layout.point(station.position)
            let reach =
                switch radius {
                case .none: "never reaches \(rssiMin) dBm"
                case .unbounded: "\(rssiMin) dBm everywhere"
                case .radius(let meters): "\(rssiMin) dBm out to \(ShortNumber.format(meters.value)) m"
                }
            out += "<circle data-bs=\"\(HTMLText.attribute(station.id))\" cx=\"\(ShortNumber.format(at.x))\" "
            out += "cy=\"\(ShortNumber.format(at.y))\" r=\"\(stationRadius)\"><title>"
            out += HTMLText.escape(
                "\(station.id): \(station.technology.rawValue), \(ShortNumber.format(station.txPower.value)) dBm; \(reach)"
            )
            out += "</title></circle>"
            if labelled { out += label(station.id, at: at, dy: -7) }
        }
        return out + "</g>\n"
    }

    /// Each user is one group: its path, a dot where the span starts, and a mark at its position
    /// when each handover and migration starts.
    private func userLayer(_ tracks: [[PlanePoint]], layout: MapLayout) -> String {
        let tolerance = Self.toleranceUnits / layout.scale
        let startRadius = ShortNumber.format(2.5 * layout.markScale, decimals: 2)
        var out = "<g class=\"users\">"
        for (index, user) in problem.workload.users.enumerated() {
            let drawn = PathSimplifier.simplify(
                tracks[index], tolerance: tolerance, maximumPoints: Self.maximumPathPoints
            ).map(layout.point)
            // Golden-angle hues: neighbours in the workload get far-apart colours.
            let hue = Int((Double(index) * 137.508).truncatingRemainder(dividingBy: 360))
            out += "<g data-user=\"\(HTMLText.attribute(user.id))\" color=\"hsl(\(hue) 65% 38%)\"><title>"
            out += HTMLText.escape(userTitle(user))
            out += "</title>"
            if drawn.count > 1 {
                out += "<polyline points=\"\(drawn.map(\.text).joined(separator: " "))\"/>"
            }
            if let start = drawn.first {
                out +=
                    "<circle cx=\"\(ShortNumber.format(start.x))\" cy=\"\(ShortNumber.format(start.y))\" r=\"\(startRadius)\"/>"
            }
            // A pre-migration runs while the service keeps going: only the interruptions are marked.
            for item in actions.byUser[user.id] ?? [] where ["handover", "migration"].contains(item.action.type) {
                let at = layout.point(user.motion.position(at: Seconds(item.action.at)))
                out += "<use class=\"k\(item.late ? " late" : "")\" href=\"#k-\(item.action.type)\" "
                out += "x=\"\(ShortNumber.format(at.x))\" y=\"\(ShortNumber.format(at.y))\"><title>"
                out += HTMLText.escape(ActionText.summary(item, user: user.id)) + "</title></use>"
            }
            out += "</g>"
        }
        return out + "</g>\n"
    }

    private func userTitle(_ user: User) -> String {
        let topology = problem.topology
        let app = problem.apps.indices.contains(user.app) ? problem.apps[user.app].name : "?"
        let bs = topology.baseStations[user.attachment.baseStation.rawValue].id
        let server = topology.servers[user.attachment.server.rawValue].id
        let count = actions.byUser[user.id]?.count ?? 0
        return "\(user.id) (\(app)): starts on \(bs)/\(server); \(count) action\(count == 1 ? "" : "s")"
    }

    private func label(_ text: String, at point: SVGPoint, dy: Double) -> String {
        "<text x=\"\(ShortNumber.format(point.x))\" y=\"\(ShortNumber.format(point.y + dy))\">\(HTMLText.escape(text))</text>"
    }
}
