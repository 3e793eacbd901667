import EdgeModel
import TestSupport
import Testing

struct GeometryTests {
    @Test func equirectangularProjection() {
        let projection = EquirectangularProjection(referenceLongitudeDegrees: 7.42, referenceLatitudeDegrees: 43.73)
        let origin = projection.project(longitudeDegrees: 7.42, latitudeDegrees: 43.73)
        #expect(origin.xMeters == 0 && origin.yMeters == 0)
        // One degree of latitude: R·π/180 = 111195.08 m
        let north = projection.project(longitudeDegrees: 7.42, latitudeDegrees: 44.73)
        #expect(abs(north.yMeters - 111_195.08023353292) < 1e-6)
        // One degree of longitude at 43.73° N: R·π/180·cos(43.73°) = 80350.15 m
        let east = projection.project(longitudeDegrees: 8.42, latitudeDegrees: 43.73)
        #expect(abs(east.xMeters - 80_350.154492903) < 1e-6)
    }

    @Test func trajectoryInterpolatesAndHolds() {
        let motion = Motion.trajectory([
            Waypoint(time: Seconds(10), position: PlanePoint(xMeters: 0, yMeters: 0)),
            Waypoint(time: Seconds(20), position: PlanePoint(xMeters: 10, yMeters: 0)),
            Waypoint(time: Seconds(40), position: PlanePoint(xMeters: 10, yMeters: 20)),
        ])
        #expect(motion.position(at: Seconds(0)) == PlanePoint(xMeters: 0, yMeters: 0))  // held before
        #expect(motion.position(at: Seconds(15)) == PlanePoint(xMeters: 5, yMeters: 0))
        #expect(motion.position(at: Seconds(20)) == PlanePoint(xMeters: 10, yMeters: 0))
        #expect(motion.position(at: Seconds(30)) == PlanePoint(xMeters: 10, yMeters: 10))
        #expect(motion.position(at: Seconds(99)) == PlanePoint(xMeters: 10, yMeters: 20))  // held after
    }

    @Test func linearMotion() {
        let motion = Motion.linear(
            position: PlanePoint(xMeters: 10, yMeters: 0),
            velocity: PlaneVelocity(eastMetersPerSecond: 0.5, northMetersPerSecond: -1))
        #expect(motion.position(at: Seconds(4)) == PlanePoint(xMeters: 12, yMeters: -4))
    }

    @Test func spatialIndexMatchesBruteForce() {
        var generator = SplitMix64(seed: 7)
        let points = (0..<500).map { _ in
            PlanePoint(xMeters: generator.unit() * 2000 - 1000, yMeters: generator.unit() * 2000 - 1000)
        }
        for cell in [50.0, 200, 5000] {
            let index = SpatialIndex(positions: points, cellMeters: cell)
            for _ in 0..<50 {
                let center = PlanePoint(
                    xMeters: generator.unit() * 2400 - 1200, yMeters: generator.unit() * 2400 - 1200)
                let radius = Meters(generator.unit() * 400)
                let expected = points.indices.filter { points[$0].distance(to: center) <= radius }
                #expect(index.points(within: radius, of: center) == expected)
            }
        }
    }
}
