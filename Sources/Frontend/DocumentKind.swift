/// The four kinds of input document (SPEC §1).
public enum DocumentKind: String, Sendable, CaseIterable {
    case topology = "Topology"
    case appProfile = "AppProfile"
    case policy = "Policy"
    case workload = "Workload"

    var allowedFields: [String] {
        switch self {
        case .topology: TopologyDecoder.fields
        case .appProfile: AppProfileDecoder.fields
        case .policy: PolicyDecoder.fields
        case .workload: WorkloadDecoder.fields
        }
    }
}
