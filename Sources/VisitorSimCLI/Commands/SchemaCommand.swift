import Foundation
import Pricing
import ScenarioModel
import Simulation
import WhatIf

/// `visitorsim schema [--format json|markdown]`: the scenario format, from the field table.
enum SchemaCommand {
  static let spec = CommandSpec(
    name: "schema", arguments: "", maxPositionals: 0,
    summary: "the scenario format as JSON Schema (for editors) or as the README's field table",
    discussion: """
      Both come from the one table that also reads scenarios, so they cannot drift from it.
      Scenarios/scenario.schema.json is this output; a scenario that names it in "$schema" gets
      completion and checking in editors that read JSON Schema.
      """,
    groups: [
      OptionGroup(
        title: "Output",
        options: [
          .option("--format", "json|markdown", "JSON Schema draft 2020-12, or a Markdown table", default: "json"),
          .option("--output", "PATH", "write to PATH instead of stdout"),
        ])
    ],
    examples: ["visitorsim schema --output Scenarios/scenario.schema.json", "visitorsim schema --format markdown"],
    run: { (args, console) throws(CLIError) in try run(&args, console: console) })

  static func run(_ args: inout Arguments, console: Console) throws(CLIError) {
    let text: String
    switch try args.value("--format") ?? "json" {
    case "json": text = ScenarioSchema.json()
    case "markdown": text = ScenarioSchema.markdown()
    case let other: throw .usage("--format: \"\(other)\" is not one of json, markdown")
    }
    try Output.send(Data(text.utf8), to: try args.value("--output"), console: console)
  }
}
