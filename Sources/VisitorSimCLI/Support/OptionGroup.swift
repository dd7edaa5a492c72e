/// Options that belong together in help, declared once and shared by the commands that take
/// them (`--set`/`--seed`, `--replications`, `--format`/`--output`/`--quiet`).
struct OptionGroup: Sendable, Equatable {
  var title: String
  var options: [OptionSpec]

  /// `--set` and `--seed`: what every command that loads a scenario accepts.
  static let scenario = OptionGroup(
    title: "Scenario",
    options: [
      .option(
        "--set", "PATH=VALUE",
        "override one scenario field, e.g. --set lambda.reservedConcurrency=20 or\n--set 'lambda.handlerMs={\"dist\":\"exponential\",\"mean\":1990}'",
        repeatable: true),
      .option("--seed", "N", "random seed (replaces the scenario's)"),
    ])

  /// `--dry-run`: check the command line and say what would happen, touching nothing.
  static let dryRun = OptionGroup(
    title: "Checking", options: [.flag("--dry-run", "check the arguments and say what would run, without running")])

  static func replications(default value: String, help: String) -> OptionGroup {
    OptionGroup(title: "Replications", options: [.option("--replications", "N", help, default: value)])
  }

  /// `--format`, `--output` and (when the command shows progress) `--quiet`.
  static func output(formats: [OutputFormat], quiet: Bool = false, outputHelp: String? = nil) -> OptionGroup {
    var options: [OptionSpec] = [
      .option(
        "--format", formats.map(\.rawValue).joined(separator: "|"),
        "report format" + (formats.contains(.html) ? "; html writes one self-contained page with charts" : ""),
        default: "text"),
      .option("--output", "PATH", outputHelp ?? "write to PATH instead of stdout (written whole, or not at all)"),
    ]
    if quiet { options.append(.flag("--quiet", "no progress line (shown only on a terminal anyway)")) }
    return OptionGroup(title: "Output", options: options)
  }
}
