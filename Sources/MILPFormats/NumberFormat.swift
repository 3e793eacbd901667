/// Shortest round-trip decimal form of a finite double, as both formats read it.
enum NumberFormat {
    static func text(_ value: Double) -> String {
        if value == 0 { return "0" }
        if value == value.rounded(), abs(value) < 1e15 { return String(Int64(value)) }
        return "\(value)"
    }
}
