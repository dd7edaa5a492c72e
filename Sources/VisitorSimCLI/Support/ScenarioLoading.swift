import Pricing
import ScenarioModel
import Simulation
import WhatIf

/// Reads the scenario a command names (or the embedded default) and applies `--set` and
/// `--seed` on top.
enum ScenarioLoading {
  static func load(path: String?, sets: [String], seed: String?) throws(CLIError) -> Scenario {
    try load(text: text(path: path), path: path, sets: sets, seed: seed)
  }

  /// The one path from a file to a runnable scenario, taken by `validate` and by every command
  /// that runs one, so that what `validate` accepts runs: the document, `--set` and `--seed`,
  /// every field and cross-field check, the trace, and the price table with its overrides.
  static func loadWithPrices(path: String?, sets: [String], seed: String?) throws(CLIError) -> (
    scenario: Scenario, prices: PriceTable
  ) {
    let scenario = try load(path: path, sets: sets, seed: seed)
    return (scenario, try PriceLoading.load(for: scenario, scenarioPath: path))
  }

  /// The scenario document at `path`, or the embedded baseline's when nil.
  static func text(path: String?) throws(CLIError) -> String {
    try path.map { (p) throws(CLIError) in try Files.readText(p, what: "scenario", limit: ScenarioLimits.documentBytes)
    } ?? BuiltinScenario.baselineJSON
  }

  /// Reads a document already in hand (`path` names it in errors and places its trace file).
  static func load(text: String, path: String?, sets: [String], seed: String?) throws(CLIError) -> Scenario {
    var overrides = sets
    if let seed {
      guard UInt64(seed) != nil else {
        throw .usage("--seed: \"\(seed)\" is not a whole number from 0 to 18446744073709551615")
      }
      overrides.append("seed=\(seed)")
    }
    var scenario: Scenario
    do {
      scenario = try Scenario.load(json: text, overrides: overrides)
    } catch {
      // Name the file so the user knows which document the path refers to.
      throw .badInput((path.map { "\($0): " } ?? "") + error.description)
    }
    if let trace = scenario.workload.traceFile {
      let tracePath = Files.resolve(trace, besides: path)
      let csv = try Files.readText(tracePath, what: "trace", limit: ScenarioLimits.traceBytes)
      do {
        scenario.workload.traceSeconds = try TraceCSV.parse(csv, file: tracePath)
      } catch {
        throw .badInput(error.description)
      }
    }
    return scenario
  }
}
