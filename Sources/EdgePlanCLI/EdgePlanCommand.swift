public import ArgumentParser

/// `edgeplan`: the command-line entry point.
public struct EdgePlanCommand: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "edgeplan",
        abstract:
            "A policy compiler and offline optimizer for coordinated container migration and handover in mobile edge computing.",
        discussion: """
            Inputs are YAML files or directories (every *.yaml and *.yml file in them) holding Topology, \
            AppProfile, Policy and Workload documents. See docs/language.md.

            Exit status: 0 on success, 1 when the inputs have errors, 64 on a usage error.
            """,
        version: EdgePlanVersion.string,
        subcommands: [
            CheckCommand.self, CompileCommand.self, ExplainCommand.self, TimelineCommand.self, PlanCommand.self,
            SimulateCommand.self,
            CompareCommand.self, WhatIfCommand.self, ReportCommand.self, GenerateCommand.self, VersionCommand.self,
            ExecuteCommand.self, ImportCommand.self, ExportCommand.self, DwellCommand.self,
            SolveWorkerCommand.self,
        ],
        defaultSubcommand: nil)

    public init() {}
}

/// The version of edgeplan itself.
public enum EdgePlanVersion {
    public static let string = "0.1.0"
}
