import Diagnostics
import EdgeModel
import Foundation

/// Resolves the references between documents: apps by name, base stations and servers by id.
final class Linker {
    let appIndex: [String: Int]
    /// An AppProfile may be among the inputs that could not be read: unknown app names are then
    /// not reported, since the missing profile may be the one they name.
    let appsMayBeUnread: Bool
    let diagnostics: DiagnosticCollector

    init(appIndex: [String: Int], appsMayBeUnread: Bool = false, diagnostics: DiagnosticCollector) {
        self.appIndex = appIndex
        self.appsMayBeUnread = appsMayBeUnread
        self.diagnostics = diagnostics
    }

    /// Checks app names written in `what` (a field such as "sla"): an unknown one is an error.
    func checkAppReferences(_ references: [(String, SourceLocation)], what: String) {
        guard !appsMayBeUnread else { return }
        for (name, location) in references where appIndex[name] == nil {
            unknown("app", name, in: what, at: location, among: Array(appIndex.keys))
        }
    }

    /// Checks the app names of servers' `cachedApps`: an unknown one is only a warning. Topologies
    /// are reused with other sets of AppProfiles (Models/ has several), and a cached image of an
    /// app that is not planned for changes nothing; a misspelt one is still worth a word.
    func checkCachedApps(_ references: [(String, SourceLocation)]) {
        guard !appsMayBeUnread else { return }
        for (name, location) in references where appIndex[name] == nil {
            unknown(
                "app", name, in: "cachedApps", at: location, among: Array(appIndex.keys), id: .unknownCachedApp,
                severity: .warning, consequence: "; its cached image is ignored")
        }
    }

    /// Reports an unknown id with a suggestion, or else the ids there are (when they are few).
    private func unknown(
        _ what: String, _ id: String, in field: String? = nil, at location: SourceLocation, among candidates: [String],
        id diagnosticID: DiagnosticID = .unknownReference, severity: Severity = .error, consequence: String = ""
    ) {
        let sorted = candidates.sorted()
        var notes: [DiagnosticNote] = []
        if let suggestion = Suggestions.closest(to: id, in: sorted) {
            notes.append(DiagnosticNote(Messages.didYouMean(suggestion)))
        } else if sorted.isEmpty {
            notes.append(DiagnosticNote("the inputs define no \(what)s"))
        } else if sorted.count <= 10 {
            notes.append(DiagnosticNote("\(what)s in the inputs: \(Messages.expectedOneOf(sorted))"))
        }
        let place = field.map { " in \($0)" } ?? ""
        diagnostics.emit(
            Diagnostic(
                severity, diagnosticID, "unknown \(what) \(DiagnosticText.quote(id))\(place)\(consequence)",
                at: location,
                notes: notes))
    }

    func link(_ syntax: WorkloadSyntax, topology decoded: DecodedTopology) -> Workload {
        let topology = decoded.topology
        let baseStationIndex = Dictionary(uniqueKeysWithValues: topology.baseStations.map { ($0.id, $0.index) })
        let serverIndex = Dictionary(uniqueKeysWithValues: topology.servers.map { ($0.id, $0.index) })

        func baseStation(_ reference: Reference) -> BaseStationIndex? {
            if let index = baseStationIndex[reference.id] { return index }
            if serverIndex[reference.id] != nil {
                diagnostics.error(
                    .wrongNodeKind, "\"\(reference.id)\" is a server; expected a base station", at: reference.location,
                    notes: decoded.definitions[reference.id].map {
                        [DiagnosticNote("\"\(reference.id)\" is defined here", at: $0)]
                    } ?? [])
            } else if !decoded.hasUnreadBaseStations {
                unknown("base station", reference.id, at: reference.location, among: Array(baseStationIndex.keys))
            }
            return nil
        }
        func server(_ reference: Reference) -> ServerIndex? {
            if let index = serverIndex[reference.id] { return index }
            if baseStationIndex[reference.id] != nil {
                diagnostics.error(
                    .wrongNodeKind, "\"\(reference.id)\" is a base station; expected a server", at: reference.location,
                    notes: decoded.definitions[reference.id].map {
                        [DiagnosticNote("\"\(reference.id)\" is defined here", at: $0)]
                    } ?? [])
            } else if !decoded.hasUnreadServers {
                unknown("server", reference.id, at: reference.location, among: Array(serverIndex.keys))
            }
            return nil
        }
        func app(_ reference: Reference) -> Int? {
            if let index = appIndex[reference.id] { return index }
            if appsMayBeUnread { return nil }
            unknown("app", reference.id, at: reference.location, among: Array(appIndex.keys))
            return nil
        }

        let project: (Double, Double) -> PlanePoint = { x, y in
            topology.projection?.project(longitudeDegrees: x, latitudeDegrees: y) ?? PlanePoint(xMeters: x, yMeters: y)
        }
        var users: [User] = []
        for user in syntax.users {
            let appIndex = user.app.flatMap(app)
            let bs = user.bs.flatMap(baseStation)
            let srv = user.server.flatMap(server)
            var measured: [BaseStationIndex: DBm] = [:]
            for entry in user.rssi {
                if let index = baseStation(entry.bs) { measured[index] = entry.value }
            }
            if let bs, let srv, !decoded.hasBrokenLinks, !topology.isReachable(topology.node(bs), topology.node(srv)),
                let location = user.bs?.location
            {
                diagnostics.error(
                    .unreachableAttachment,
                    "user \"\(user.id)\" is attached to base station \"\(topology.baseStations[bs.rawValue].id)\" and server \"\(topology.servers[srv.rawValue].id)\", but no link path joins them",
                    at: location)
            }
            let motion: Motion
            if let trajectory = user.trajectory {
                motion = .trajectory(trajectory.map { Waypoint(time: $0.time, position: project($0.x, $0.y)) })
            } else if let position = user.position {
                motion = .linear(
                    position: project(position.0, position.1),
                    velocity: PlaneVelocity(eastMetersPerSecond: user.velocity.0, northMetersPerSecond: user.velocity.1)
                )
            } else {
                continue
            }
            guard let appIndex, let bs, let srv else { continue }
            users.append(
                User(
                    id: user.id, app: appIndex, attachment: Attachment(baseStation: bs, server: srv), motion: motion,
                    measuredRSSI: measured, location: user.location))
        }
        var traces: [TraceSource] = []
        for trace in syntax.traces {
            guard let reference = trace.app, let appIndex = app(reference) else { continue }
            traces.append(
                TraceSource(
                    file: trace.file, resolvedPath: trace.resolvedPath, checkedPath: trace.checkedPath,
                    format: trace.format, app: appIndex, location: trace.location))
        }
        return Workload(name: syntax.name, epoch: syntax.epoch, users: users, traces: traces, location: syntax.location)
    }
}
