// Writes the benchmark's scenario to a directory, so that it can be checked or profiled by hand:
//   swift run -c release generate-scenario /tmp/city [--seed N] [--users N] [--base-stations N]
//   edgeplan check /tmp/city
import Foundation
import ScenarioGenerator

var arguments = Array(CommandLine.arguments.dropFirst())
var parameters = ScenarioParameters.benchmark
var directory: String?
func usage() -> Never {
    FileHandle.standardError.write(
        Data("usage: generate-scenario DIR [--seed N] [--users N] [--base-stations N] [--edge-servers N]\n".utf8))
    exit(64)
}
while !arguments.isEmpty {
    let argument = arguments.removeFirst()
    guard argument.hasPrefix("--") else {
        if directory != nil { usage() }
        directory = argument
        continue
    }
    guard let text = arguments.first, let value = UInt64(text) else { usage() }
    arguments.removeFirst()
    switch argument {
    case "--seed": parameters.seed = value
    case "--users": parameters.users = Int(value)
    case "--base-stations": parameters.baseStations = Int(value)
    case "--edge-servers": parameters.edgeServers = Int(value)
    default: usage()
    }
}
guard let directory else { usage() }
do {
    let scenario = try ScenarioGenerator.generate(parameters, into: directory)
    print(scenario.description)
} catch {
    FileHandle.standardError.write(Data("generate-scenario: \(error)\n".utf8))
    exit(1)
}
