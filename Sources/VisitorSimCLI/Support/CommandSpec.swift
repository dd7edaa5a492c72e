/// A subcommand, declared once: its name, arguments, options by group, help and examples.
/// `visitorsim CMD --help`, `visitorsim help CMD`, usage errors, parsing and shell completion
/// all come from this.
struct CommandSpec: Sendable {
  var name: String
  /// The positional arguments as usage shows them (`[FILE]`, `LIVE.json [SCENARIO]`).
  var arguments: String
  /// Most positional arguments accepted.
  var maxPositionals: Int
  /// One line for `visitorsim help`.
  var summary: String
  /// Paragraphs for `visitorsim CMD --help`.
  var discussion: String
  var groups: [OptionGroup]
  /// Worked examples, one command line each.
  var examples: [String]
  /// Runs the command with its parsed arguments.
  var run: @Sendable (inout Arguments, Console) throws(CLIError) -> Void

  var options: [OptionSpec] { groups.flatMap(\.options) }

  func option(_ name: String) -> OptionSpec? { options.first { $0.name == name } }

  /// `visitorsim sweep [FILE] [options]`, with required options named.
  var usage: String {
    "visitorsim \(name)" + (arguments.isEmpty ? "" : " \(arguments)") + (options.isEmpty ? "" : " [options]")
  }
}
