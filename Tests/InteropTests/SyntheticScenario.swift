import Foundation
import Interop

/// A small AdvantEDGE scenario made for the tests: every level has its own latency (2, 3, 4, …
/// ms, all different, so that a sum names its terms), and it holds what edgeplan cannot represent:
/// jitter, its distribution, packet loss, asymmetric throughput, processes, an unknown node type
/// and an unknown field.
///
///     deployment  11 ms (jitter 3 ms, Pareto; DL 900, UL 800 Mbps)
///     ├─ PUBLIC (13 ms) / PUBLIC-COMMON (17 ms) / DEFAULT: DC "dc1" (19 ms, a CLOUD-APP)
///     └─ op (7 ms; 500 Mbps; 0.5 % loss)
///        ├─ za (3 ms): POA-4G "poa-a1" (2 ms, 300 m) with UE "walker" and FOG "fog-a1" (1 ms, 600 Mbps)
///        │             POA-WIFI "poa-a2" (4 ms, 40 m); DEFAULT with EDGE "edge-a" (5 ms, an EDGE-APP)
///        └─ zb (6 ms): POA-5G "poa-b1" (1 ms, 120 m) with UE "car" and a "ROBOT" "r2d2"
enum SyntheticScenario {
    static let json = """
        {
          "version": "1.9.0", "name": "synthetic",
          "deployment": {
            "netChar": {"latency": 11, "latencyVariation": 3, "latencyDistribution": "Pareto",
                        "throughputDl": 900, "throughputUl": 800},
            "domains": [
              {"id": "PUBLIC", "name": "PUBLIC", "type": "PUBLIC", "netChar": {"latency": 13},
               "zones": [{"id": "PUBLIC-COMMON", "name": "PUBLIC-COMMON", "type": "COMMON", "netChar": {"latency": 17},
                 "networkLocations": [{"id": "pd", "name": "PUBLIC-COMMON-DEFAULT", "type": "DEFAULT",
                   "physicalLocations": [{"id": "dc1", "name": "dc1", "type": "DC", "netChar": {"latency": 19},
                     "processes": [{"id": "p1", "name": "cloud-app", "type": "CLOUD-APP", "image": "nginx"}]}]}]}]},
              {"id": "op", "name": "op", "type": "OPERATOR-CELLULAR",
               "netChar": {"latency": 7, "throughputDl": 500, "throughputUl": 500, "packetLoss": 0.5},
               "zones": [
                 {"id": "za", "name": "za", "type": "ZONE", "netChar": {"latency": 3},
                  "networkLocations": [
                    {"id": "a1", "name": "poa-a1", "type": "POA-4G", "netChar": {"latency": 2},
                     "geoData": {"location": {"type": "Point", "coordinates": [7.42, 43.73]}, "radius": 300},
                     "physicalLocations": [
                       {"id": "w", "name": "walker", "type": "UE",
                        "geoData": {"location": {"type": "Point", "coordinates": [7.42, 43.73]},
                                    "path": {"type": "LineString",
                                             "coordinates": [[7.42, 43.73], [7.42, 43.731], [7.42, 43.733]]},
                                    "eopMode": "REVERSE", "velocity": 9}},
                       {"id": "f", "name": "fog-a1", "type": "FOG", "netChar": {"latency": 1, "throughputDl": 600, "throughputUl": 600}}]},
                    {"id": "a2", "name": "poa-a2", "type": "POA-WIFI", "netChar": {"latency": 4},
                     "geoData": {"location": {"type": "Point", "coordinates": [7.421, 43.73]}, "radius": 40}},
                    {"id": "ad", "name": "za-DEFAULT", "type": "DEFAULT",
                     "physicalLocations": [{"id": "e", "name": "edge-a", "type": "EDGE", "netChar": {"latency": 5},
                       "processes": [{"id": "p2", "name": "app1", "type": "EDGE-APP"}]}]}]},
                 {"id": "zb", "name": "zb", "type": "ZONE", "netChar": {"latency": 6}, "color": "red",
                  "networkLocations": [
                    {"id": "b1", "name": "poa-b1", "type": "POA-5G", "netChar": {"latency": 1},
                     "geoData": {"location": {"type": "Point", "coordinates": [7.43, 43.74]}, "radius": 120},
                     "physicalLocations": [
                       {"id": "c", "name": "car", "type": "UE",
                        "geoData": {"location": {"type": "Point", "coordinates": [7.43, 43.74]},
                                    "path": {"type": "LineString",
                                             "coordinates": [[7.43, 43.74], [7.431, 43.74], [7.431, 43.741], [7.43, 43.74]]},
                                    "eopMode": "LOOP", "velocity": 20}},
                       {"id": "r", "name": "r2d2", "type": "ROBOT"}]}]}]}]
          }
        }
        """

    /// The scenario read as JSON (`.json`) or, the same text, as YAML (any other extension).
    static func read(as fileName: String = "synthetic.json") throws -> (AdvantEDGEScenario, [ImportWarning]) {
        try AdvantEDGEScenario.read(Data(json.utf8), fileName: fileName)
    }

    static func convert(
        servers: ServerPlacement = .none, cycles: Int = 1, fileName: String = "synthetic.json"
    ) throws -> AdvantEDGEImport {
        let (scenario, warnings) = try read(as: fileName)
        return try AdvantEDGEImporter.convert(
            scenario, readWarnings: warnings,
            options: AdvantEDGEImportOptions(servers: servers, app: "openface", cycles: cycles, sourceFile: fileName))
    }
}
