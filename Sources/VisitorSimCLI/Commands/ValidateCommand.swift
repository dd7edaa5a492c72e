/// `visitorsim validate FILE [--set PATH=VALUE]...`: checks a scenario without running it.
enum ValidateCommand {
  static func run(_ args: inout Arguments, console: Console) throws(CLIError) {
    let sets = try args.values("--set")
    let files = try args.positionals(max: 1)
    guard let path = files.first else { throw .usage("validate needs a scenario file") }
    let (scenario, _) = try ScenarioLoading.loadWithPrices(path: path, sets: sets, seed: nil)
    console.out("\(path): ok (scenario \"\(scenario.name)\")\n")
  }
}
