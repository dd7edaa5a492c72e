/// `visitorsim validate FILE [--set PATH=VALUE]...`: checks a scenario without running it.
enum ValidateCommand {
  static let spec = CommandSpec(
    name: "validate", arguments: "FILE", maxPositionals: 1,
    summary: "check a scenario (and --set overrides) without running it",
    discussion:
      "Reads the scenario as every running command would, prices included, and says what is wrong in one line.",
    groups: [OptionGroup(title: "Scenario", options: OptionGroup.scenario.options.filter { $0.name == "--set" })],
    examples: ["visitorsim validate my-scenario.json --set lambda.memoryMB=512"],
    run: { (args, console) throws(CLIError) in try run(&args, console: console) })

  static func run(_ args: inout Arguments, console: Console) throws(CLIError) {
    let sets = try args.values("--set")
    let files = try args.positionals(max: 1)
    guard let path = files.first else { throw .usage("validate needs a scenario file") }
    let (scenario, _) = try ScenarioLoading.loadWithPrices(path: path, sets: sets, seed: nil)
    console.out("\(path): ok (scenario \"\(scenario.name)\")\n")
  }
}
