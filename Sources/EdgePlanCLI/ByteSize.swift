import ArgumentParser

/// A size in bytes given on the command line: a number and a unit (B, kB, MB, GB, TB, or KiB, MiB,
/// GiB, TiB), such as "8 GB" or "512MiB".
struct ByteSize: ExpressibleByArgument, Sendable {
    let bytes: Int

    static let units: [String: Double] = [
        "b": 1, "kb": 1e3, "mb": 1e6, "gb": 1e9, "tb": 1e12, "kib": 1024, "mib": 1_048_576, "gib": 1_073_741_824,
        "tib": 1_099_511_627_776,
    ]

    init?(argument: String) {
        let text = argument.trimmingCharacters(in: .whitespaces).lowercased()
        guard let split = text.firstIndex(where: { !($0.isNumber || $0 == ".") }) else { return nil }
        guard let number = Double(text[..<split]),
            let unit = Self.units[text[split...].trimmingCharacters(in: .whitespaces)],
            number.isFinite, number > 0
        else { return nil }
        let bytes = number * unit
        // Up to 1 PB: beyond it the arithmetic of estimates is no longer exact in Int.
        guard bytes >= 1, bytes <= 1e15 else { return nil }
        self.bytes = Int(bytes)
    }

    static var defaultValueDescription: String { "75 % of physical memory" }
}
