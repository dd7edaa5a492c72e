/// Every subcommand, in the order `visitorsim help` lists them.
enum CommandTable {
  static let all: [CommandSpec] = [
    SimulateCommand.spec, SweepCommand.spec, PlanCommand.spec, LiveCommand.spec, MergeCommand.spec,
    CompareCommand.spec, DiffCommand.spec, PredictCommand.spec, CalibrateCommand.spec, ValidateCommand.spec,
    PricesCommand.spec,
    FromLogsCommand.spec, FromTerraformCommand.spec, SchemaCommand.spec, BenchCommand.spec, CompletionCommand.spec,
    HelpCommand.spec,
    VersionCommand.spec,
  ]

  static func command(_ name: String) -> CommandSpec? { all.first { $0.name == name } }

  static var names: [String] { all.map(\.name) }

  /// First words of two-word commands (`scenario` of `scenario from-logs`).
  static var groups: [String] {
    var seen: [String] = []
    for c in all where c.name.contains(" ") {
      let first = String(c.name.prefix { $0 != " " })
      if !seen.contains(first) { seen.append(first) }
    }
    return seen
  }

  /// The second words of group `name`'s commands.
  static func subcommands(of group: String) -> [String] {
    all.filter { $0.name.hasPrefix(group + " ") }.map { String($0.name.dropFirst(group.count + 1)) }
  }

  /// First words as typed on the command line, each group once.
  static var firstWords: [String] {
    var seen: [String] = []
    for c in all {
      let first = String(c.name.prefix { $0 != " " })
      if !seen.contains(first) { seen.append(first) }
    }
    return seen
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
