/// Every subcommand, in the order `visitorsim help` lists them.
enum CommandTable {
  static let all: [CommandSpec] = [
    SimulateCommand.spec, SweepCommand.spec, PlanCommand.spec, LiveCommand.spec, MergeCommand.spec,
    CompareCommand.spec, DiffCommand.spec, PredictCommand.spec, CalibrateCommand.spec, ProbeCommand.spec,
    ValidateCommand.spec,
    PricesCommand.spec,
    FromLogsCommand.spec, FromTerraformCommand.spec, SchemaCommand.spec, BenchCommand.spec, CompletionCommand.spec,
    HelpCommand.spec,
    VersionCommand.spec,
  ]

  static func command(_ name: String) -> CommandSpec? { all.first { $0.name == name } }

  static var names: [String] { all.map(\.name) }

  /// Commands by the word typed first (two-word commands such as `scenario from-logs` share
  /// theirs), in table order: what the command line, help and shell completion dispatch on.
  static func byFirstWord(_ commands: [CommandSpec] = all) -> [(word: String, members: [CommandSpec])] {
    var out: [(word: String, members: [CommandSpec])] = []
    for c in commands {
      let word = String(c.name.prefix { $0 != " " })
      if let i = out.firstIndex(where: { $0.word == word }) {
        out[i].members.append(c)
      } else {
        out.append((word, [c]))
      }
    }
    return out
  }

  /// First words as typed on the command line, each group once.
  static func firstWords(_ commands: [CommandSpec] = all) -> [String] { byFirstWord(commands).map(\.word) }

  /// Two-word groups and their second words (`scenario`: `from-logs`, `from-terraform`).
  static func subcommandGroups(_ commands: [CommandSpec] = all) -> [(group: String, subcommands: [String])] {
    byFirstWord(commands).filter { $0.members.contains { $0.name.contains(" ") } }.map { g in
      (g.word, g.members.map { String($0.name.dropFirst(g.word.count + 1)) })
    }
  }

  /// First words of two-word commands (`scenario` of `scenario from-logs`).
  static var groups: [String] { subcommandGroups().map(\.group) }

  /// The second words of group `name`'s commands.
  static func subcommands(of group: String) -> [String] {
    subcommandGroups().first { $0.group == group }?.subcommands ?? []
  }

  /// The command `words` start with (one word, or two for a group such as `scenario`), and
  /// how many words it takes; a usage error naming the nearest command when there is none.
  static func resolve(_ words: [String]) throws(CLIError) -> (command: CommandSpec, words: Int) {
    guard let first = words.first else { throw .usage("no command given") }
    if groups.contains(first) {
      guard words.count >= 2, let c = command(first + " " + words[1]) else {
        throw missingSubcommand(first, given: words.count >= 2 ? words[1] : nil)
      }
      return (c, 2)
    }
    guard let c = command(first) else { throw CLI.unknownCommand(first) }
    return (c, 1)
  }

  static func missingSubcommand(_ group: String, given: String?) -> CLIError {
    let subs = subcommands(of: group)
    guard let given else {
      return .usage("\(group) needs a subcommand: \(subs.map { "\(group) \($0)" }.joined(separator: ", "))")
    }
    return .usage(
      "unknown command \"\(group) \(given)\"\(Arguments.suggestion(given, among: subs)) (\(group) commands: \(subs.joined(separator: ", ")))"
    )
  }
}
