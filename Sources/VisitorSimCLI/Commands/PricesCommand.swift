import Pricing
import Reporting
import ScenarioModel
import Simulation
import WhatIf

/// `visitorsim prices [--file PRICING.json] [--set PATH=VALUE]...`: prints the price table in use.
enum PricesCommand {
  static let spec = CommandSpec(
    name: "prices", arguments: "[FILE]", maxPositionals: 1,
    summary: "the price table in use, with sources and dates",
    discussion: """
      Prints the built-in us-east-1 table, or the one a scenario names (pricing.file) with its
      pricing.overrides applied, or a pricing file given with --file.
      """,
    groups: [
      OptionGroup(
        title: "Prices",
        options: [
          .option("--file", "PRICING.json", "a pricing file to print instead"),
          OptionGroup.scenario.options[0],
        ])
    ],
    examples: ["visitorsim prices", "visitorsim prices Scenarios/baseline.json"],
    run: { (args, console) throws(CLIError) in try run(&args, console: console) })

  static func run(_ args: inout Arguments, console: Console) throws(CLIError) {
    let file = try args.value("--file")
    let sets = try args.values("--set")
    let scenarioPath = try args.positionals(max: 1).first
    var table: PriceTable
    if let file {
      table = try PriceLoading.load(path: file)
    } else {
      let scenario = try ScenarioLoading.load(path: scenarioPath, sets: sets, seed: nil)
      table = try PriceLoading.load(for: scenario, scenarioPath: scenarioPath)
    }
    console.out(PriceListText.render(table))
  }
}
