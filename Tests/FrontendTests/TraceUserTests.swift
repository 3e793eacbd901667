import Diagnostics
import EdgeModel
import Foundation
import Frontend
import Mobility
import Testing

/// Vehicles of a workload's traces become users (SPEC §1).
struct TraceUserTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    @Test func vehiclesBecomeUsersOnTheStrongestCellAndNearestServer() throws {
        let result = ProblemLoader.load(
            paths: ["Examples/sumo-grid", "Models/ngo2020.yaml"].map { Self.root.appendingPathComponent($0).path })
        let problem = try #require(result.problem, "\(result.diagnostics.map(\.headline))")
        let users = problem.workload.users
        // Five vehicles and a pedestrian, in order of first appearance.
        #expect(users.map(\.id) == ["veh0", "ped0", "veh1", "veh2", "veh3", "veh4"])
        #expect(users.allSatisfy { problem.apps[$0.app].name == "simple" })
        let topology = problem.topology
        for user in users {
            let start = user.motion.position(at: .zero)
            let strongest = topology.baseStations.max { $0.rssi(at: start) < $1.rssi(at: start) }
            #expect(user.attachment.baseStation == strongest?.index, "\(user.id)")
            // Each cell's own edge server is 1 ms away, the nearest of all.
            #expect(
                topology.servers[user.attachment.server.rawValue].id == "edge\(user.attachment.baseStation.rawValue)")
            guard case .trajectory(let points) = user.motion else {
                Issue.record("\(user.id) has no trajectory")
                continue
            }
            #expect(points.count > 10)
            #expect(user.location.file.hasSuffix("grid.fcd.xml"))
        }
        #expect(users[0].motion.position(at: .zero) == PlanePoint(xMeters: 0, yMeters: 0))
    }

    @Test func traceErrorsAreReportedWithTheirPlaceAndNoProblemIsMade() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
            "edgeplan-trace-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        try "time,id,x,y\n0,car,0,0\n1,car,oops,0\n0.5,car,1,0\n".write(
            to: directory.appendingPathComponent("cars.csv"), atomically: true, encoding: .utf8)
        let source = try String(
            contentsOf: Self.root.appendingPathComponent("Examples/sumo-grid/problem.yaml"), encoding: .utf8)
        let problemText =
            source.components(separatedBy: "---\nkind: Workload")[0]
            + "---\nkind: Workload\nname: w\nusers:\n  - {id: car, app: simple, attachment: {bs: cell0, server: edge0}, position: [0, 0]}\ntraces:\n  - {file: cars.csv, format: csv, app: simple}\n"
        try problemText.write(to: directory.appendingPathComponent("problem.yaml"), atomically: true, encoding: .utf8)
        let result = ProblemLoader.load(paths: [
            directory.path, Self.root.appendingPathComponent("Models/ngo2020.yaml").path,
        ])
        #expect(result.problem == nil)
        let csv = directory.appendingPathComponent("cars.csv").path
        #expect(
            result.diagnostics.map(\.headline) == ["\(csv):3:7: error: expected a number for \"x\", found \"oops\""])
        #expect(result.diagnostics.first?.id == .traceValue)

        // Fixed, the vehicle "car" meets the user "car".
        try "time,id,x,y\n0,car,0,0\n1,car,1,0\n".write(
            to: directory.appendingPathComponent("cars.csv"), atomically: true, encoding: .utf8)
        let again = ProblemLoader.load(paths: [
            directory.path, Self.root.appendingPathComponent("Models/ngo2020.yaml").path,
        ])
        #expect(again.problem == nil)
        #expect(
            again.diagnostics.map(\.headline) == [
                "\(csv):2:1: error: vehicle \"car\" of trace \"cars.csv\" has the id of another user"
            ])
    }
}
