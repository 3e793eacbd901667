/// The four resources of constraint (3c).
public enum ResourceKind: String, Sendable, CaseIterable, Hashable, Codable {
    case cpu, memory, storage, netio
}

/// An amount of each resource: cores, bytes, bytes, bits per second.
public struct ResourceVector: Sendable, Hashable {
    public var cpu: Cores
    public var memory: Bytes
    public var storage: Bytes
    public var netio: BitsPerSecond

    public init(cpu: Cores, memory: Bytes, storage: Bytes, netio: BitsPerSecond) {
        self.cpu = cpu
        self.memory = memory
        self.storage = storage
        self.netio = netio
    }

    public static let zero = ResourceVector(cpu: .zero, memory: .zero, storage: .zero, netio: .zero)

    /// The amount of one resource in its base unit (cores, bytes, bytes, bits per second).
    public subscript(kind: ResourceKind) -> Double {
        switch kind {
        case .cpu: cpu.value
        case .memory: memory.value
        case .storage: storage.value
        case .netio: netio.value
        }
    }
}
