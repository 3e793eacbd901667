import Foundation
import Testing

/// Headless Chromium (Debian's `chromium`), to open the report as a person's browser would.
enum HeadlessChromium {
    struct Failure: Error, CustomStringConvertible {
        let description: String
    }

    /// The browser, or a failure that says how to get it: these tests are never skipped silently.
    static func executable() throws -> String {
        for candidate in ["/usr/bin/chromium", "/usr/bin/chromium-browser"]
        where FileManager.default.isExecutableFile(atPath: candidate) {
            return candidate
        }
        throw Failure(
            description: "chromium is not installed: run scripts/install-dependencies (Debian package chromium)")
    }

    /// The DOM after the page has loaded and its script has run, serialised.
    static func dumpDOM(of file: URL) throws -> String {
        try run(["--dump-dom", file.absoluteString])
    }

    /// A `width`×`height` PNG of the top of the page.
    static func screenshot(of file: URL, to png: URL, width: Int = 1200, height: Int = 900) throws {
        _ = try run(["--screenshot=\(png.path)", "--window-size=\(width),\(height)", file.absoluteString])
    }

    /// Runs the browser with a throwaway profile and a time limit: a hung browser fails the test
    /// rather than the whole run.
    private static func run(_ arguments: [String], timeoutSeconds: Double = 90) throws -> String {
        let profile = FileManager.default.temporaryDirectory.appendingPathComponent(
            "edgeplan-chromium-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: profile) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: try executable())
        // --no-sandbox: tests run as root in CI, where Chromium's sandbox refuses to start.
        process.arguments =
            [
                "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars", "--no-first-run",
                "--user-data-dir=\(profile.path)",
            ] + arguments
        let out = Pipe()
        let err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let group = DispatchGroup()
        nonisolated(unsafe) var errData = Data()
        group.enter()
        DispatchQueue.global().async {
            errData = err.fileHandleForReading.readDataToEndOfFile()
            group.leave()
        }
        let timer = DispatchWorkItem { process.terminate() }
        DispatchQueue.global().asyncAfter(deadline: .now() + timeoutSeconds, execute: timer)
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        group.wait()
        process.waitUntilExit()
        timer.cancel()
        guard process.terminationStatus == 0 else {
            throw Failure(
                description:
                    "chromium exited with \(process.terminationStatus): \(String(decoding: errData, as: UTF8.self).suffix(2000))"
            )
        }
        return String(decoding: outData, as: UTF8.self)
    }
}
