import Testing

@testable import EdgePlanCLI

/// `--timings` reads the peak from /proc/self/status, whose padding changes at 10 GB.
struct PhaseTimingsTests {
    @Test func peakResidentMemoryAtEveryWidth() {
        #expect(
            PhaseTimings.peakResidentBytes(status: "Name:\tedgeplan\nVmHWM:\t   84212 kB\nVmRSS:\t 1 kB\n") == 84212
                * 1024)
        #expect(PhaseTimings.peakResidentBytes(status: "VmHWM:\t 7836540 kB\n") == 7_836_540 * 1024)
        // From 10 GB on, no space after the tab (a 50,000-user city's peak went unreported).
        #expect(PhaseTimings.peakResidentBytes(status: "VmHWM:\t13701234 kB\n") == 13_701_234 * 1024)
        #expect(PhaseTimings.peakResidentBytes(status: "VmRSS:\t 1 kB\n") == nil)
    }
}
