import Foundation

/// `--timings`: each phase's wall-clock seconds and the process's peak resident memory.
enum PhaseTimings {
    static func text(_ phases: [(name: String, seconds: Double)]) -> String {
        var rows = [["phase", "seconds"]]
        for phase in phases { rows.append([phase.name, String(format: "%.3f", phase.seconds)]) }
        rows.append(["total", String(format: "%.3f", phases.reduce(0) { $0 + $1.seconds })])
        var out = TextTable.render(rows)
        if let peak = peakResidentBytes() {
            out += String(format: "peak resident memory: %.1f MB\n", Double(peak) / 1e6)
        }
        return out
    }

    /// VmHWM of /proc/self/status (Linux); nil elsewhere.
    static func peakResidentBytes() -> Int? {
        guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else { return nil }
        return peakResidentBytes(status: status)
    }

    /// The kernel pads the figure to 8 digits after a tab ("VmHWM:\t 7836540 kB"), so from 10 GB on
    /// there is no space after the tab: split on both.
    static func peakResidentBytes(status: String) -> Int? {
        guard let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmHWM:") }),
            let kilobytes = Int(line.split(whereSeparator: { $0 == " " || $0 == "\t" }).dropFirst().first ?? "")
        else { return nil }
        return kilobytes * 1024
    }
}
