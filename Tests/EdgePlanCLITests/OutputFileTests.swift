import Foundation
import Plan
import Testing

@testable import EdgePlanCLI

/// Where `-o` writes: regular files replaced whole, special files (FIFOs, devices, links to them)
/// written in place, temporary files exclusive, unwritable outputs refused before the work.
struct OutputFileTests {
    static let example = ScratchDirectory.repository("Examples/capacity-tradeoff")
    static let apps = ScratchDirectory.repository("Models/ngo2020.yaml")

    /// glibc's `makedev` (a macro, not imported): a device number from its major and minor numbers.
    static func device(_ major: UInt64, _ minor: UInt64) -> dev_t {
        dev_t(((major & 0xfffff000) << 32) | ((major & 0xfff) << 8) | ((minor & 0xffffff00) << 12) | (minor & 0xff))
    }

    /// The plan JSON of a compile (its solver seconds aside, every run writes the same).
    static func isPlan(_ data: Data) -> Bool { (try? Plan.decode(data)) != nil }

    /// A FIFO stays a FIFO and its reader gets the plan; before, the FIFO was replaced by a regular
    /// file and the reader got nothing. Also through a symbolic link, and for the streamed
    /// `--emit-model`.
    @Test(arguments: [false, true])
    func aFIFOIsWrittenInPlace(throughALink: Bool) throws {
        let scratch = try ScratchDirectory()
        defer { scratch.remove() }
        #expect(mkfifo(scratch.path("fifo"), 0o644) == 0)
        #expect(mkfifo(scratch.path("model-fifo"), 0o644) == 0)
        if throughALink {
            try FileManager.default.createSymbolicLink(atPath: scratch.path("link"), withDestinationPath: "fifo")
            try FileManager.default.createSymbolicLink(
                atPath: scratch.path("model-link"), withDestinationPath: "model-fifo")
        }
        let plan = try FIFOReader(path: scratch.path("fifo"))
        let model = try FIFOReader(path: scratch.path("model-fifo"))
        let output = try scratch.start([
            "compile", Self.example, "-o", throughALink ? "link" : "fifo", "--emit-model", "lp",
            throughALink ? "model-link" : "model-fifo",
        ]).wait()
        #expect(output.status == 0, "\(output.stderr)")
        #expect(Self.isPlan(plan.finish()))
        #expect(String(decoding: model.finish(), as: UTF8.self).hasSuffix("End\n"))
        #expect(ScratchDirectory.fileType(scratch.path("fifo")) == S_IFIFO)
        #expect(ScratchDirectory.fileType(scratch.path("model-fifo")) == S_IFIFO)
        if throughALink { #expect(ScratchDirectory.fileType(scratch.path("link")) == S_IFLNK) }
        #expect(scratch.temporaryFiles.isEmpty)
    }

    /// A link to what standard output is open on (as /dev/stdout is) writes there, after the
    /// report; before, the link was replaced by a regular file and standard output got no plan.
    @Test func aLinkToStandardOutputWritesToIt() throws {
        let scratch = try ScratchDirectory()
        defer { scratch.remove() }
        try FileManager.default.createSymbolicLink(
            atPath: scratch.path("stdout"), withDestinationPath: "/proc/self/fd/1")
        let output = try EdgePlanRunner.run(["compile", Self.example, "-o", scratch.path("stdout")])
        #expect(output.status == 0, "\(output.stderr)")
        let plan = try #require(output.stdout.range(of: "{\n"))
        #expect(output.stdout.hasPrefix("solver cbc: optimal"))
        #expect(Self.isPlan(Data(output.stdout[plan.lowerBound...].utf8)))
        #expect(ScratchDirectory.fileType(scratch.path("stdout")) == S_IFLNK)
    }

    /// Device nodes are written into, never replaced: a copy of /dev/null takes the plan, a copy of
    /// /dev/full fails with ENOSPC (before: both replaced by regular files, and exit status 0).
    /// Then the real /dev/null, only if its copy came through (the tests run as root: a bug would
    /// replace the machine's /dev/null).
    @Test func devicesAreWrittenInPlace() throws {
        let scratch = try ScratchDirectory()
        defer { scratch.remove() }
        guard mknod(scratch.path("null"), S_IFCHR | 0o666, Self.device(1, 3)) == 0,
            mknod(scratch.path("full"), S_IFCHR | 0o666, Self.device(1, 7)) == 0
        else {
            // Not root (or no CAP_MKNOD): the FIFO tests cover the same code.
            return
        }
        let null = try scratch.start(["compile", Self.example, "-o", "null"]).wait()
        #expect(null.status == 0, "\(null.stderr)")
        #expect(ScratchDirectory.fileType(scratch.path("null")) == S_IFCHR)
        let full = try scratch.start(["compile", Self.example, "-o", "full"]).wait()
        #expect(full.status == 1)
        #expect(full.stderr.contains("cannot write full: No space left on device"), "\(full.stderr)")
        #expect(ScratchDirectory.fileType(scratch.path("full")) == S_IFCHR)
        #expect(scratch.temporaryFiles.isEmpty)
        guard ScratchDirectory.fileType(scratch.path("null")) == S_IFCHR else { return }
        let real = try scratch.start(["compile", Self.example, "-o", "/dev/null", "--emit-model", "mps", "/dev/null"])
            .wait()
        #expect(real.status == 0, "\(real.stderr)")
        var status = stat()
        #expect(
            lstat("/dev/null", &status) == 0 && status.st_mode & S_IFMT == S_IFCHR
                && status.st_rdev == Self.device(1, 3))
    }

    /// A link to a regular file: the file it leads to is replaced whole and keeps its permissions;
    /// the link stays a link. A link that leads nowhere is refused.
    @Test func aLinkToARegularFileReplacesThatFile() throws {
        let scratch = try ScratchDirectory()
        defer { scratch.remove() }
        try FileManager.default.createDirectory(atPath: scratch.path("real"), withIntermediateDirectories: false)
        try "old\n".write(toFile: scratch.path("real/plan.json"), atomically: false, encoding: .utf8)
        chmod(scratch.path("real/plan.json"), 0o600)
        try FileManager.default.createSymbolicLink(atPath: scratch.path("link"), withDestinationPath: "real/plan.json")
        let output = try scratch.start(["compile", Self.example, "-o", "link"]).wait()
        #expect(output.status == 0, "\(output.stderr)")
        #expect(ScratchDirectory.fileType(scratch.path("link")) == S_IFLNK)
        #expect(Self.isPlan(try Data(contentsOf: URL(fileURLWithPath: scratch.path("real/plan.json")))))
        let mode = try FileManager.default.attributesOfItem(atPath: scratch.path("real/plan.json"))[.posixPermissions]
        #expect(mode as? Int == 0o600)
        #expect(scratch.temporaryFiles.isEmpty)
        #expect((try FileManager.default.contentsOfDirectory(atPath: scratch.path("real"))) == ["plan.json"])

        try FileManager.default.createSymbolicLink(atPath: scratch.path("dangling"), withDestinationPath: "nowhere")
        let dangling = try scratch.start(["compile", Self.example, "-o", "dangling"]).wait()
        #expect(dangling.status == 1)
        #expect(
            dangling.stderr.contains("cannot write dangling: it is a symbolic link to nowhere, which does not exist"))
        #expect(!FileManager.default.fileExists(atPath: scratch.path("nowhere")))
    }

    /// Symbolic links planted at the names the temporary file used to have (`.NAME.PID.tmp`) are
    /// not followed: the file they lead to is untouched, and the output is a regular file.
    @Test func plantedLinksAtTemporaryNamesAreNotFollowed() throws {
        let scratch = try ScratchDirectory()
        defer { scratch.remove() }
        try "precious\n".write(toFile: scratch.path("victim"), atomically: false, encoding: .utf8)
        let pid = ProcessInfo.processInfo.processIdentifier
        try FileManager.default.createSymbolicLink(
            atPath: scratch.path(".out.json.\(pid).tmp"), withDestinationPath: scratch.path("victim"))
        try AtomicFile.write("new\n", to: scratch.path("out.json"))
        #expect(try String(contentsOfFile: scratch.path("victim"), encoding: .utf8) == "precious\n")
        #expect(ScratchDirectory.fileType(scratch.path("out.json")) == S_IFREG)
        #expect(try String(contentsOfFile: scratch.path("out.json"), encoding: .utf8) == "new\n")
        #expect(scratch.temporaryFiles == [".out.json.\(pid).tmp"])
    }

    /// Outputs that cannot be written are refused before the work, so a long solve does not end
    /// in "cannot write": a directory, a missing directory, a link to nowhere, an immutable
    /// directory (where `chattr` works). Before, the report came first and the error after it.
    @Test func unwritableOutputsFailBeforeTheWork() throws {
        let scratch = try ScratchDirectory()
        defer {
            _ = try? scratch.shell("chattr -i locked 2>/dev/null")
            scratch.remove()
        }
        try FileManager.default.createDirectory(atPath: scratch.path("locked"), withIntermediateDirectories: false)
        try FileManager.default.createSymbolicLink(atPath: scratch.path("dangling"), withDestinationPath: "nowhere")
        var cases: [(arguments: [String], message: String)] = [
            (["-o", "."], "cannot write .: it is a directory"),
            (["-o", "missing/plan.json"], "cannot write missing/plan.json: there is no directory missing"),
            (["--emit-model", "lp", "dangling"], "cannot write dangling: it is a symbolic link to nowhere"),
            (["-o", ""], "cannot write an empty path"),
        ]
        if try scratch.shell("chattr +i locked").status == 0 {
            cases.append((["-o", "locked/plan.json"], "cannot write locked/plan.json: Operation not permitted"))
        }
        for (arguments, message) in cases {
            let output = try scratch.start(["compile", Self.example] + arguments).wait()
            #expect(output.status == 1, "\(arguments)")
            #expect(output.stderr.contains(message), "\(output.stderr)")
            #expect(output.stdout.isEmpty, "the solve ran before \(arguments) was refused")
        }
        try "a file\n".write(toFile: scratch.path("file"), atomically: false, encoding: .utf8)
        let generate = try scratch.start(["generate", "--users", "10", "--apps", Self.apps, "-o", "file"]).wait()
        #expect(generate.status == 1)
        #expect(generate.stderr.contains("cannot write into file: it is not a directory"), "\(generate.stderr)")
        // Foundation's "The operation could not be completed" gave way to what the system says.
        for (path, message) in [("", "cannot write into an empty path"), ("file/city", "cannot create file/city: Not a directory")] {
            let refused = try scratch.start(["generate", "--users", "10", "--apps", Self.apps, "-o", path]).wait()
            #expect(refused.status == 1)
            #expect(refused.stderr.contains(message), "\(refused.stderr)")
        }
        #expect(scratch.temporaryFiles.isEmpty)
    }

    /// Standard output closed (`>&-`): a clear error, status 1, and the model file written whole
    /// (before: a crash in FileHandle, and the descriptor could be reused by an output file).
    @Test func closedStandardOutputIsAnError() throws {
        let scratch = try ScratchDirectory()
        defer { scratch.remove() }
        let output = try scratch.shell(#""$EDGEPLAN" compile "\#(Self.example)" --emit-model lp model.lp >&-"#)
        #expect(output.status == 1, "\(output.stderr)")
        #expect(output.stderr.contains("edgeplan: error: cannot write standard output: Bad file descriptor"))
        #expect(!output.stderr.contains("crashed"))
        let model = try String(contentsOfFile: scratch.path("model.lp"), encoding: .utf8)
        #expect(model.hasSuffix("End\n") && !model.contains("solver cbc"))
    }

    /// A reader that leaves early (`| head -c 10`): edgeplan stops quietly with 141 as if by
    /// SIGPIPE (which it now ignores), leaving no temporary file and printing no crash.
    @Test func aBrokenPipeOnStandardOutputEndsQuietly() throws {
        let scratch = try ScratchDirectory()
        defer { scratch.remove() }
        let city = try scratch.start([
            "generate", "--base-stations", "7", "--users", "40", "--apps", Self.apps, "-o", "city",
        ]).wait()
        #expect(city.status == 0, "\(city.stderr)")
        let output = try scratch.shell(
            #""$EDGEPLAN" compile city --emit-model lp - -o plan.json | head -c 10 >/dev/null; echo "status ${PIPESTATUS[0]}" >&2"#
        )
        #expect(output.stderr.hasSuffix("status 141\n"), "\(output.stderr)")
        #expect(!output.stderr.contains("crashed"))
        #expect(!FileManager.default.fileExists(atPath: scratch.path("plan.json")))
        #expect(scratch.temporaryFiles.isEmpty)
    }
}
