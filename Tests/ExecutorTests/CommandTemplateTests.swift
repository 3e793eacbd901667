import Executor
import Plan
import Testing

/// Splitting `--on` commands into words and filling their placeholders.
struct CommandTemplateTests {
    static let migration = ActionValues(
        user: "a; rm -rf x", app: "yolo",
        action: Plan.Action(
            type: "migration", at: 21.029, atTime: nil, duration: 4.5, source: "edge 1", target: "edge2",
            bytes: 7_940_000))

    private func split(_ command: String) throws -> [String] {
        try CommandTemplate(parsing: command).arguments(Self.migration)
    }

    @Test func quotesAndEscapesAsInTheShell() throws {
        #expect(try split(#"a "b c" 'd e' f\ g"#) == ["a", "b c", "d e", "f g"])
        #expect(try split(" x  '' \"\"\t") == ["x", "", ""])
        #expect(
            try split(#"'it'\''s' "say \"hi\"" "back\\slash" "keep\n""#) == [
                "it's", #"say "hi""#, #"back\slash"#, #"keep\n"#,
            ])
        #expect(try split("one \\\ntwo") == ["one", "two"])
        #expect(
            try split(#"sh -c 'echo "$EDGEPLAN_USER" ${HOME}'"#) == ["sh", "-c", #"echo "$EDGEPLAN_USER" ${HOME}"#])
    }

    /// Placeholders fill after splitting: a value with spaces or shell syntax stays one argument.
    @Test func placeholdersNeverSplitOrJoinWords() throws {
        #expect(
            try split("run {user} --from={source} {target}:{bytes} {at} {app}") == [
                "run", "a; rm -rf x", "--from=edge 1", "edge2:7940000", "21.029", "yolo",
            ])
        #expect(try split(#"run "{user}""#) == ["run", "a; rm -rf x"])
    }

    /// A placeholder the action type lacks is an empty string, and still one argument.
    @Test func missingValuesAreEmptyArguments() throws {
        #expect(try split("run {fromBS} {toBS} x") == ["run", "", "", "x"])
    }

    /// Single quotes and backslashes keep braces literal; unknown names are plain text.
    @Test func literalBraces() throws {
        #expect(
            try split(#"run '{user}' \{user} "\{user}" {users} {} {"#) == [
                "run", "{user}", "{user}", "{user}", "{users}", "{}", "{",
            ])
    }

    @Test func syntaxErrors() {
        #expect(throws: CommandSyntaxError("the single quote at column 5 is not closed")) {
            try CommandTemplate(parsing: "run 'x")
        }
        #expect(throws: CommandSyntaxError("the double quote at column 1 is not closed")) {
            try CommandTemplate(parsing: #""run"#)
        }
        #expect(throws: CommandSyntaxError("a backslash ends the command; write \\\\ for a backslash")) {
            try CommandTemplate(parsing: #"run \"#)
        }
        #expect(throws: CommandSyntaxError("the command is empty")) { try CommandTemplate(parsing: "  ") }
    }

    /// What the log and `--dry-run` print parses back to the same arguments.
    @Test func displayedCommandsRoundTrip() throws {
        let arguments = ["docker", "checkpoint", "create", "a; rm -rf x", "it's", "", "{user}", "x=1,y"]
        let shown = CommandTemplate.displayed(arguments)
        #expect(shown == #"docker checkpoint create 'a; rm -rf x' 'it'\''s' '' '{user}' x=1,y"#)
        #expect(try split(shown) == arguments)
    }

    @Test func onOptions() throws {
        let commands = try ActionCommands(parsing: ["migration=run {user}", "handover=sh -c 'x=1'"])
        #expect(commands["migration"]?.fixedProgram == "run")
        #expect(commands["pre-migration"] == nil)
        #expect(commands.all.map(\.type) == ["migration", "handover"])
        #expect(try CommandTemplate(parsing: "{user}-tool").fixedProgram == nil)
        #expect(
            throws: CommandSyntaxError(
                "--on checkpoint=x: unknown action type \"checkpoint\" (expected pre-migration, migration, handover)")
        ) {
            try ActionCommands(parsing: ["checkpoint=x"])
        }
        #expect(throws: CommandSyntaxError("--on migration is given twice")) {
            try ActionCommands(parsing: ["migration=a", "migration=b"])
        }
        #expect(throws: (any Error).self) { try ActionCommands(parsing: ["migration"]) }
        #expect(throws: CommandSyntaxError("--on handover: the command is empty")) {
            try ActionCommands(parsing: ["handover="])
        }
    }
}
