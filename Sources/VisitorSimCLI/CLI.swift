import Foundation

/// The `visitorsim` command line: finds the subcommand in the command table, reads its
/// arguments against its declaration, runs it, and maps every error to one line on stderr and
/// a documented exit code. Never prints a stack trace for user input.
public enum CLI {
  public static let version = "0.1.0"

  /// Runs with the process's arguments and exits.
  public static func main() -> Never {
    // A closed pipe on stdout is a write error (EPIPE) reported in one line, not a silent death.
    signal(SIGPIPE, SIG_IGN)
    let code = run(Array(CommandLine.arguments.dropFirst()), console: .standard())
    exit(code)
  }

  /// Runs one command line; returns the exit code. Output goes to `console`.
  public static func run(_ arguments: [String], console: Console) -> Int32 {
    guard var name = arguments.first else {
      console.err(
        "usage: visitorsim <command> [options]    (commands: \(CommandTable.firstWords().joined(separator: ", ")); try visitorsim help)"
      )
      return CLIError.usage("").exitCode
    }
    var rest = Array(arguments.dropFirst())
    // `--help`, `-h` and `--version` work where people type them.
    if ["--help", "-h"].contains(name) { name = "help" }
    if name == "--version" { name = "version" }
    // One word, or two for a group (`scenario from-logs`).
    let command: CommandSpec
    do {
      let (found, used) = try CommandTable.resolve([name] + rest)
      command = found
      rest.removeFirst(used - 1)
    } catch {
      return fail(error, command: nil, console: console)
    }
    let options = rest.prefix { $0 != "--" }
    if options.contains("--help") || options.contains("-h") {
      console.out(HelpText.command(command))
      return 0
    }
    do {
      var args = try Arguments(parsing: rest, for: command)
      try command.run(&args, console)
      try checkStdout(console)
      return 0
    } catch {
      return fail(error, command: command, console: console)
    }
  }

  /// An unknown command, with the closest one suggested.
  static func unknownCommand(_ name: String) -> CLIError {
    .usage(
      "unknown command \"\(name)\"\(Arguments.suggestion(name, among: CommandTable.firstWords())) (commands: \(CommandTable.firstWords().joined(separator: ", ")))"
    )
  }

  /// One line on stderr; a usage error names the command's usage and where its help is.
  private static func fail(_ error: any Error, command: CommandSpec?, console: Console) -> Int32 {
    // A report that did not reach stdout outranks whatever else went wrong.
    let e = stdoutError(console) ?? CLIError.from(error)
    var line = e.description
    if case .usage = e, let command {
      line += " (usage: \(command.usage); see visitorsim \(command.name) --help)"
    }
    console.err("visitorsim: \(OneLine.clean(line))")
    return e.exitCode
  }

  private static func stdoutError(_ console: Console) -> CLIError? {
    console.stdoutFailure.map { .cannotWrite("cannot write to stdout: \(String(cString: strerror($0)))") }
  }

  private static func checkStdout(_ console: Console) throws(CLIError) {
    if let e = stdoutError(console) { throw e }
  }
}
