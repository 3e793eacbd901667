import Foundation

/// What this process holds, for the checks that stop a phase before the kernel would.
public enum ProcessMemory {
    /// The resident size of this process (Linux: /proc/self/statm), 0 where unknown.
    public static func residentBytes() -> Int {
        guard let text = try? String(contentsOfFile: "/proc/self/statm", encoding: .utf8) else { return 0 }
        let fields = text.split(separator: " ")
        guard fields.count > 1, let pages = Int(fields[1]) else { return 0 }
        return pages * Int(sysconf(Int32(_SC_PAGESIZE)))
    }
}
