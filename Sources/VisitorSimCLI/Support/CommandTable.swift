/// Every subcommand, in the order `visitorsim help` lists them.
enum CommandTable {
  static let all: [CommandSpec] = [
    SimulateCommand.spec, SweepCommand.spec, PlanCommand.spec, LiveCommand.spec, MergeCommand.spec,
    CompareCommand.spec, PredictCommand.spec, CalibrateCommand.spec, ValidateCommand.spec, PricesCommand.spec,
    SchemaCommand.spec, BenchCommand.spec, CompletionCommand.spec, HelpCommand.spec, VersionCommand.spec,
  ]

  static func command(_ name: String) -> CommandSpec? { all.first { $0.name == name } }

  static var names: [String] { all.map(\.name) }
}
