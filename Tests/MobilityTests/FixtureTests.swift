import Diagnostics
import EdgeModel
import Foundation
import Mobility
import Testing

/// The checked-in fixtures (made by Fixtures/make_grid_fcd.py) read to exact values.
struct FixtureTests {
    static func read(
        _ name: String, _ format: TraceFormat, coordinates: CoordinateSystem = .plane, chunkSizeBytes: Int = 1 << 20
    ) -> (trajectories: [TraceTrajectory], diagnostics: [Diagnostic]) {
        let diagnostics = DiagnosticCollector()
        let trajectories = TraceReader.read(
            path: TraceTestSupport.fixture(name), format: format,
            options: TraceReadOptions(coordinates: coordinates, chunkSizeBytes: chunkSizeBytes),
            displayPath: name, diagnostics: diagnostics)
        return (trajectories, diagnostics.diagnostics)
    }

    /// The ids in order of first appearance — veh0 and the pedestrian at 0 s, the others as they
    /// depart — and where each first appears.
    static let expectedFirstAppearances = [
        ("veh0", 9), ("ped0", 10), ("veh1", 22), ("veh2", 58), ("veh3", 119), ("veh4", 295),
    ]

    @Test func gridFCDHasExactValues() throws {
        let (trajectories, diagnostics) = Self.read("grid.fcd.xml", .sumoFCD)
        #expect(diagnostics.isEmpty)
        #expect(trajectories.map(\.id) == Self.expectedFirstAppearances.map(\.0))
        #expect(
            trajectories.map(\.firstLocation)
                == Self.expectedFirstAppearances.map { SourceLocation(file: "grid.fcd.xml", line: $0.1, column: 9) })
        #expect(trajectories.map(\.samples.count) == [120, 120, 117, 96, 70, 58])
        let byID = Dictionary(uniqueKeysWithValues: trajectories.map { ($0.id, $0.samples) })
        let veh0 = try #require(byID["veh0"])
        #expect(veh0[0] == TraceSample(timeSeconds: 0, x: 0, y: 0))
        #expect(veh0[1] == TraceSample(timeSeconds: 1, x: 13.89, y: 0))
        #expect(veh0[2] == TraceSample(timeSeconds: 2, x: 27.78, y: 0))
        #expect(veh0.last == TraceSample(timeSeconds: 119, x: 52.91, y: 0))
        #expect(byID["ped0"]?.last == TraceSample(timeSeconds: 119, x: 0, y: 148.75))
        #expect(byID["veh1"]?.first == TraceSample(timeSeconds: 3, x: 0, y: 200))
        #expect(byID["veh1"]?.last == TraceSample(timeSeconds: 119, x: 288.76, y: 400))
        #expect(byID["veh2"]?.last == TraceSample(timeSeconds: 105, x: 387.5, y: 200))
        #expect(byID["veh3"]?.first == TraceSample(timeSeconds: 20, x: 400, y: 400))
        #expect(byID["veh3"]?.last == TraceSample(timeSeconds: 89, x: 0, y: 129.32))
        #expect(byID["veh4"]?.last == TraceSample(timeSeconds: 102, x: 400, y: 8.27))
        // 1 s steps throughout.
        for trajectory in trajectories {
            let steps = zip(trajectory.samples, trajectory.samples.dropFirst()).map { $1.timeSeconds - $0.timeSeconds }
            #expect(steps.allSatisfy { $0 == 1 }, "\(trajectory.id)")
        }
    }

    @Test func csvAndFCDOfTheSameMotionAreEqual() {
        let (fcd, fcdDiagnostics) = Self.read("grid.fcd.xml", .sumoFCD)
        let (csv, csvDiagnostics) = Self.read("grid.csv", .csv)
        #expect(fcdDiagnostics.isEmpty && csvDiagnostics.isEmpty)
        #expect(csv.map(\.id) == fcd.map(\.id))
        #expect(csv.map(\.samples) == fcd.map(\.samples))
        // Rows follow a comment and the header: the first data row is line 3.
        #expect(csv.first?.firstLocation == SourceLocation(file: "grid.csv", line: 3, column: 1))
    }

    /// The geographic fixture is the plane motion's first 30 s in lon/lat (6 decimals, as SUMO's
    /// `--fcd-output.geo` writes them): projected back about the same point, it lands within
    /// centimetres of the plane trace.
    @Test func geographicFCDProjectsOntoThePlaneMotion() throws {
        let (geographic, diagnostics) = Self.read("grid-geo.fcd.xml", .sumoFCD, coordinates: .geographic)
        #expect(diagnostics.isEmpty)
        #expect(geographic.map(\.id) == ["veh0", "ped0", "veh1", "veh2", "veh3"])
        #expect(geographic.first?.samples.first == TraceSample(timeSeconds: 0, x: 13.3925, y: 52.5136))
        let plane = Dictionary(
            uniqueKeysWithValues: Self.read("grid.fcd.xml", .sumoFCD).trajectories.map { ($0.id, $0) })
        for trajectory in geographic {
            let projected = trajectory.waypoints(projection: TraceTestSupport.geographicReference)
            let expected = try #require(plane[trajectory.id]).waypoints(projection: nil).filter { $0.time.value < 30 }
            #expect(projected.map(\.time) == expected.map(\.time))
            for (a, b) in zip(projected, expected) {
                #expect(a.position.distance(to: b.position).value < 0.1, "\(trajectory.id) at \(a.time.value) s")
            }
        }
    }

    @Test func trajectoriesBecomeModelMotion() throws {
        let veh0 = try #require(Self.read("grid.fcd.xml", .sumoFCD).trajectories.first)
        let motion = veh0.motion(projection: nil)
        // Halfway between the samples at 1 s (13.89, 0) and 2 s (27.78, 0).
        #expect(motion.position(at: Seconds(1.5)) == PlanePoint(xMeters: 20.835, yMeters: 0))
        #expect(motion.position(at: Seconds(-5)) == PlanePoint(xMeters: 0, yMeters: 0))
    }

    /// The same file read in chunks of 1, 7 and 64 bytes gives exactly what one chunk gives:
    /// tokens, values and line counts carry across every possible boundary.
    @Test(arguments: [
        ("grid.fcd.xml", TraceFormat.sumoFCD, CoordinateSystem.plane),
        ("grid.csv", .csv, .plane),
        ("grid-geo.fcd.xml", .sumoFCD, .geographic),
    ])
    func tinyChunksGiveIdenticalResults(name: String, format: TraceFormat, coordinates: CoordinateSystem) {
        let whole = Self.read(name, format, coordinates: coordinates)
        #expect(whole.diagnostics.isEmpty)
        #expect(!whole.trajectories.isEmpty)
        for chunkSize in [1, 7, 64] {
            let chunked = Self.read(name, format, coordinates: coordinates, chunkSizeBytes: chunkSize)
            #expect(chunked.trajectories == whole.trajectories, "chunks of \(chunkSize) bytes")
            #expect(chunked.diagnostics == whole.diagnostics, "chunks of \(chunkSize) bytes")
        }
    }

    /// Reading the plane fixture as geographic finds hundreds of coordinates out of range: the first
    /// 100 are reported, then the reader stops.
    @Test func errorsAreCappedPerFile() throws {
        let (trajectories, diagnostics) = Self.read("grid.fcd.xml", .sumoFCD, coordinates: .geographic)
        #expect(trajectories.isEmpty)
        #expect(diagnostics.count == 101)
        #expect(
            diagnostics.first?.headline
                == "grid.fcd.xml:22:40: error: expected a latitude in [-90, 90] degrees for \"y\", found 200")
        let last = try #require(diagnostics.last)
        #expect(last.id == .traceErrorLimit)
        #expect(last.message == "too many errors in this trace (more than 100); stopped reading it")
        #expect(diagnostics.dropLast().allSatisfy { $0.id == .traceValue })
    }

    @Test func missingFileIsUnreadable() {
        let diagnostics = DiagnosticCollector()
        let trajectories = TraceReader.read(
            path: "/nonexistent/trace.fcd.xml", format: .sumoFCD, diagnostics: diagnostics)
        #expect(trajectories.isEmpty)
        #expect(
            TraceTestSupport.render(diagnostics.diagnostics) == [
                "edgeplan: error: cannot read the trace /nonexistent/trace.fcd.xml: no such file [trace-unreadable]"
            ])
    }

    @Test func traceSourceIsReadAtItsResolvedPath() {
        let source = TraceSource(
            file: "grid.csv", resolvedPath: TraceTestSupport.fixture("grid.csv"), format: .csv, app: 0,
            location: SourceLocation(file: "workload.yaml", line: 3, column: 5))
        let diagnostics = DiagnosticCollector()
        let trajectories = TraceReader.read(source, diagnostics: diagnostics)
        #expect(diagnostics.diagnostics.isEmpty)
        #expect(trajectories.count == 6)
        #expect(trajectories.first?.firstLocation.file == TraceTestSupport.fixture("grid.csv"))
    }
}
