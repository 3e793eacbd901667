/// An input file and its content hash, so a plan can be traced to what made it.
public struct InputFile: Sendable, Hashable {
    public let path: String
    public let sha256: String

    public init(path: String, sha256: String) {
        self.path = path
        self.sha256 = sha256
    }
}

/// A complete, validated problem: one topology, the apps, one policy and one workload.
public struct Problem: Sendable {
    public let topology: Topology
    /// Every AppProfile of the inputs, in input order.
    public let apps: [AppProfile]
    public let policy: Policy
    public let workload: Workload
    public let inputs: [InputFile]

    public init(topology: Topology, apps: [AppProfile], policy: Policy, workload: Workload, inputs: [InputFile]) {
        self.topology = topology
        self.apps = apps
        self.policy = policy
        self.workload = workload
        self.inputs = inputs
    }
}
