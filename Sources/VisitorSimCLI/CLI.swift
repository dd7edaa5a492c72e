import Foundation

/// The `visitorsim` command line: parses the subcommand, runs it, and maps every error to one
/// line on stderr and a documented exit code. Never prints a stack trace for user input.
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
    guard let command = arguments.first else {
      console.err(HelpText.usage)
      return CLIError.usage("").exitCode
    }
    var args = Arguments(Array(arguments.dropFirst()))
    do {
      switch command {
      case "simulate": try SimulateCommand.run(&args, console: console)
      case "validate": try ValidateCommand.run(&args, console: console)
      case "prices": try PricesCommand.run(&args, console: console)
      case "bench": try BenchCommand.run(&args, console: console)
      case "sweep": try SweepCommand.run(&args, console: console)
      case "plan": try PlanCommand.run(&args, console: console)
      case "live": try LiveCommand.run(&args, console: console)
      case "merge": try MergeCommand.run(&args, console: console)
      case "compare": try CompareCommand.run(&args, console: console)
      case "calibrate": try CalibrateCommand.run(&args, console: console)
      case "predict": try PredictCommand.run(&args, console: console)
      case "help", "--help", "-h": console.out(HelpText.full)
      case "version", "--version": console.out("visitorsim \(version)\n")
      default: throw CLIError.usage("unknown command \"\(command)\" (commands: \(HelpText.commands))")
      }
      try checkStdout(console)
      return 0
    } catch {
      // A report that did not reach stdout outranks whatever else went wrong.
      let e = stdoutError(console) ?? CLIError.from(error)
      console.err("visitorsim: \(OneLine.clean(e.description))")
      return e.exitCode
    }
  }

  private static func stdoutError(_ console: Console) -> CLIError? {
    console.stdoutFailure.map { .cannotWrite("cannot write to stdout: \(String(cString: strerror($0)))") }
  }

  private static func checkStdout(_ console: Console) throws(CLIError) {
    if let e = stdoutError(console) { throw e }
  }
}
