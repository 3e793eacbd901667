import EdgeModel
import Foundation

/// Turns a UE's geographic data into edgeplan motion: still at a position, or timed waypoints.
///
/// AdvantEDGE moves a UE along its GeoJSON LineString at `velocity` m/s; at the end of the path it
/// starts again from the beginning (LOOP, its default) or comes back along the path (REVERSE).
/// edgeplan's trajectories are timed waypoints, held after the last, so the import writes
/// `cycles` cycles (LOOP: once around; REVERSE: there and back) with each waypoint at the time the
/// UE reaches it: the distance travelled from the start over the velocity. Distances are measured
/// on edgeplan's local plane (the projection the topology's positions use), so the speed edgeplan
/// sees is the scenario's; AdvantEDGE measures on the WGS84 ellipsoid (PostGIS geography), which
/// differs by under 0.3 % at these latitudes.
struct UEMotionBuilder {
    let projection: EquirectangularProjection
    let cycles: Int

    /// Waypoint times are whole microseconds (20 µm at 20 m/s): short, and exact in YAML.
    static let microsecondsPerSecond = 1e6

    func plane(_ point: AdvantEDGEScenario.GeoPoint) -> PlanePoint {
        projection.project(longitudeDegrees: point.longitude, latitudeDegrees: point.latitude)
    }

    func distance(_ a: AdvantEDGEScenario.GeoPoint, _ b: AdvantEDGEScenario.GeoPoint) -> Double {
        plane(a).distance(to: plane(b)).value
    }

    /// The motion of a UE, with notes on how it was made; nil when it has no position at all.
    func motion(
        of ue: AdvantEDGEScenario.PhysicalLocation, pointOfAccess: AdvantEDGEScenario.NetworkLocation,
        warnings: inout ImportWarningCollector
    ) throws -> (motion: AdvantEDGEImport.Motion, notes: [String])? {
        let element = "UE \"\(ue.name)\""
        var notes: [String] = []
        // Consecutive repeated points would give two waypoints the same time.
        var path: [AdvantEDGEScenario.GeoPoint] = []
        for point in ue.path ?? [] where path.last.map({ distance($0, point) > 0 }) ?? true { path.append(point) }
        guard let start = ue.location ?? path.first ?? pointOfAccess.location else {
            warnings.add(.skipped, "\(element): no location, no path, and its network location has no position")
            return nil
        }
        if ue.location == nil {
            let origin = path.isEmpty ? "its point of access \"\(pointOfAccess.name)\"" : "the start of its path"
            warnings.add(.motion, "\(element) has no location: placed at \(origin)")
        }
        let velocity = ue.velocityMetersPerSecond ?? 0
        guard path.count >= 2, velocity > 0 else {
            notes.append(
                path.count >= 2
                    ? "still: it has a path but no velocity, so AdvantEDGE does not move it either" : "still")
            return (.still(path.first ?? start), notes)
        }
        if let location = ue.location, let first = path.first, distance(location, first) > 1 {
            warnings.add(
                .motion,
                "\(element) starts at the first point of its path, \(Self.metres(distance(location, first))) from its location"
            )
        }
        let mode = ue.endOfPathMode ?? "LOOP"
        var cycle = path
        switch mode {
        case "REVERSE":
            cycle += path.reversed().dropFirst()
        case "LOOP":
            if let first = path.first, let last = path.last, distance(first, last) > 0 {
                warnings.add(
                    .motion,
                    "\(element): its LOOP path ends \(Self.metres(distance(first, last))) from its start; edgeplan goes back in a straight line where AdvantEDGE jumps"
                )
                cycle.append(first)
            }
        case "ONCE":
            cycle = path
        default:
            warnings.add(.unknownType, "\(element) end-of-path mode \"\(mode)\" (read as LOOP)")
            if let first = path.first, let last = path.last, distance(first, last) > 0 { cycle.append(first) }
        }
        let repeats = mode == "ONCE" ? 1 : cycles
        var points = cycle
        for _ in 1..<max(repeats, 1) { points += cycle.dropFirst() }
        // The last waypoint's time must be an edgeplan time (and its microseconds an Int64): a slow
        // UE on a long path, or many cycles, would pass both.
        let duration = zip(points, points.dropFirst()).map { distance($0, $1) }.reduce(0, +) / velocity
        guard duration <= InputBounds.maximumSeconds else {
            throw ScenarioReadError.invalid(
                "\(element): at \(ScenarioValue.decimal(velocity)) m/s, \(repeats) cycle\(repeats == 1 ? "" : "s") of its path take\(repeats == 1 ? "s" : "") \(duration) s, more than edgeplan's \(InputBounds.text(InputBounds.maximumSeconds)) s: give it a higher velocity or fewer --cycles"
            )
        }
        let waypoints = timed(points, velocity: velocity)
        let cycleLength = zip(cycle, cycle.dropFirst()).map { distance($0, $1) }.reduce(0, +)
        let what = mode == "REVERSE" ? "there and back" : (mode == "ONCE" ? "once along the path" : "once around")
        notes.append(
            "\(mode) at \(ScenarioValue.decimal(velocity)) m/s: one cycle (\(what)) is \(Self.metres(cycleLength)) in \(Self.seconds(cycleLength / velocity)); \(repeats) cycle\(repeats == 1 ? "" : "s") written, \(Self.seconds(Double(waypoints.last?.microseconds ?? 0) / Self.microsecondsPerSecond)) in all, then the user stays at the last waypoint"
        )
        return (.trajectory(waypoints), notes)
    }

    /// Each point at the time the UE reaches it; points closer in time than the resolution merge.
    func timed(_ points: [AdvantEDGEScenario.GeoPoint], velocity: Double) -> [(
        microseconds: Int64, point: AdvantEDGEScenario.GeoPoint
    )] {
        var result: [(microseconds: Int64, point: AdvantEDGEScenario.GeoPoint)] = []
        var travelled = 0.0
        var previous: AdvantEDGEScenario.GeoPoint?
        for point in points {
            if let previous { travelled += distance(previous, point) }
            previous = point
            let microseconds = Int64((travelled / velocity * Self.microsecondsPerSecond).rounded())
            if let last = result.last, microseconds <= last.microseconds { continue }
            result.append((microseconds, point))
        }
        return result
    }

    static func metres(_ value: Double) -> String { String(format: "%.1f m", value) }
    static func seconds(_ value: Double) -> String { String(format: "%.3f s", value) }
}
