/// The kinds of input document: the four of a problem (SPEC §1) and the scenario edits of `whatif`.
public enum DocumentKind: String, Sendable, CaseIterable {
    case topology = "Topology"
    case appProfile = "AppProfile"
    case policy = "Policy"
    case workload = "Workload"
    case variant = "Variant"

    /// The kinds a problem is made of, which messages about a missing or unknown kind list (a
    /// Variant is an edit of a problem, suggested only when a kind is a near miss of it).
    static let problemKinds: [DocumentKind] = [.topology, .appProfile, .policy, .workload]

    var allowedFields: [String] {
        switch self {
        case .topology: TopologyDecoder.fields
        case .appProfile: AppProfileDecoder.fields
        case .policy: PolicyDecoder.fields
        case .workload: WorkloadDecoder.fields
        case .variant: VariantDecoder.fields
        }
    }
}
