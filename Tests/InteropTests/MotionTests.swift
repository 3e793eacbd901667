import EdgeModel
import Foundation
import Interop
import Testing

/// UE paths become timed waypoints: each at distance travelled / velocity.
struct MotionTests {
    static func user(_ imported: AdvantEDGEImport, _ id: String) throws -> AdvantEDGEImport.User {
        try #require(imported.users.first { $0.id == id })
    }

    static func waypoints(_ user: AdvantEDGEImport.User) throws -> [(
        microseconds: Int64, point: AdvantEDGEScenario.GeoPoint
    )] {
        guard case .trajectory(let waypoints) = user.motion else {
            Issue.record("\(user.id) is still")
            return []
        }
        return waypoints
    }

    /// "walker" goes north along the meridian 7.42° at 9 m/s: 0.001° then 0.002° of latitude, and
    /// back (REVERSE). On edgeplan's plane a change of latitude alone is y = R·Δφ with
    /// R = 6 371 008.8 m: 0.001° = 6 371 008.8 · 0.001 · π/180 = 111.195080 m, 12.355009 s at 9 m/s;
    /// 0.002° = 222.390160 m, 24.710018 s. Times: 0, 12.355009, 37.065027, 61.775045, 74.130053 s.
    @Test func reversePathByHand() throws {
        let walker = try Self.user(try SyntheticScenario.convert(), "walker")
        let times = try Self.waypoints(walker).map(\.microseconds)
        let expected: [Int64] = [0, 12_355_009, 37_065_027, 61_775_045, 74_130_053]
        #expect(times.count == expected.count)
        for (time, hand) in zip(times, expected) { #expect(abs(time - hand) <= 1, "\(time) µs, by hand \(hand) µs") }
        #expect(try Self.waypoints(walker).map(\.point.latitude) == [43.73, 43.731, 43.733, 43.731, 43.73])
        // Two cycles: the same again, starting where the first ends.
        let twice = try Self.waypoints(try Self.user(try SyntheticScenario.convert(cycles: 2), "walker"))
        #expect(twice.count == 9)
        #expect(abs((twice.last?.microseconds ?? 0) - 2 * 74_130_053) <= 2)
    }

    /// "car" drives once around a closed square at 20 m/s (LOOP): 0.001° east at latitude 43.74,
    /// 0.001° north, and the diagonal back. East: R · 0.001 · π/180 · cos φ0, with φ0 the centroid's
    /// latitude (43.7333…°): 111.195080 · 0.722565 = 80.346 m; north 111.195 m; the diagonal
    /// √(80.346² + 111.195²) = 137.185 m. At 20 m/s: 4.017, 9.577, 16.436 s.
    @Test func loopPathByHand() throws {
        let imported = try SyntheticScenario.convert()
        let car = try Self.waypoints(try Self.user(imported, "car"))
        let φ0 = imported.stations.map(\.position.latitude).reduce(0, +) / Double(imported.stations.count)
        let metresPerDegree = 6_371_008.8 * Double.pi / 180
        let east = metresPerDegree * 0.001 * cos(φ0 * Double.pi / 180)
        let north = metresPerDegree * 0.001
        let diagonal = (east * east + north * north).squareRoot()
        #expect(abs(east - 80.346) < 0.001)
        let expected = [0, east / 20, (east + north) / 20, (east + north + diagonal) / 20]
        #expect(car.count == 4)
        for (waypoint, seconds) in zip(car, expected) {
            #expect(abs(Double(waypoint.microseconds) / 1e6 - seconds) <= 1e-6)
        }
        #expect(abs(expected[3] - 16.436) < 0.001)
    }

    /// UEs without a path stay where they are; without a location, at their point of access.
    @Test func stillUsers() throws {
        let imported = try InteropFixtures.convert(InteropFixtures.small)
        #expect(imported.users.map(\.id) == ["ue1", "ue2", "ue3", "ue4"])
        for user in imported.users {
            #expect(user.motion == .still(AdvantEDGEScenario.GeoPoint(longitude: 7.413917, latitude: 43.733505)))
        }
        let motion = try #require(imported.warnings.first { $0.kind == .motion })
        #expect(motion.elements.contains("UE \"ue1\" has no location: placed at its point of access \"poa-4g1\""))
    }

    /// Seed 004's walker "10.10.0.2" (REVERSE at 9 m/s along 34 points): the last waypoint is at
    /// twice the path's length over 9 m/s, the length summed here with the projection's formula.
    @Test(.enabled(if: InteropFixtures.hasMonaco, InteropFixtures.monacoMissing))
    func monacoWalkerTiming() throws {
        let (scenario, _) = try InteropFixtures.read(InteropFixtures.monaco)
        let imported = try InteropFixtures.convert(InteropFixtures.monaco)
        let ue = try #require(
            scenario.deployment.domains.flatMap(\.zones).flatMap(\.networkLocations)
                .flatMap(\.physicalLocations).first { $0.name == "10.10.0.2" })
        let path = try #require(ue.path)
        #expect(path.count == 34)
        #expect(ue.velocityMetersPerSecond == 9)
        #expect(ue.endOfPathMode == "REVERSE")
        let φ0 =
            imported.stations.map(\.position.latitude).reduce(0, +) / Double(imported.stations.count) * Double.pi / 180
        let metresPerDegree = 6_371_008.8 * Double.pi / 180
        var length = 0.0
        for i in 1..<path.count {
            let dx = metresPerDegree * (path[i].longitude - path[i - 1].longitude) * cos(φ0)
            let dy = metresPerDegree * (path[i].latitude - path[i - 1].latitude)
            length += (dx * dx + dy * dy).squareRoot()
        }
        let waypoints = try Self.waypoints(try Self.user(imported, "10.10.0.2"))
        #expect(abs(Double(waypoints.last?.microseconds ?? 0) / 1e6 - 2 * length / 9) < 1e-5)
        #expect(waypoints.count == 2 * 34 - 1)
        #expect(waypoints.first?.point == path.first && waypoints.last?.point == path.first)
    }
}
