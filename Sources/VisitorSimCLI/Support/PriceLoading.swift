import Foundation
import Pricing
import ScenarioModel
import Simulation
import WhatIf

/// Finds the price table a scenario asks for: its `pricing.file` (relative to the scenario's
/// folder) or the built-in us-east-1 table, with `pricing.overrides` applied.
enum PriceLoading {
  static func load(for scenario: Scenario, scenarioPath: String?) throws(CLIError) -> PriceTable {
    var table: PriceTable
    if let file = scenario.pricing.file {
      table = try load(path: Files.resolve(file, besides: scenarioPath))
    } else {
      table = PriceTable.builtin()
    }
    do {
      try table.apply(overrides: scenario.pricing.overrides)
    } catch {
      throw .badInput(error.description)
    }
    return table
  }

  static func load(path: String) throws(CLIError) -> PriceTable {
    let text = try Files.readText(path, what: "pricing file", limit: ScenarioLimits.documentBytes)
    do {
      return try PriceTable.parse(json: text, file: path)
    } catch {
      throw .badInput(error.description)
    }
  }
}
