import Architecture

/// Reads the scenario a command names (or the embedded default) and applies `--set` and
/// `--seed` on top.
enum ScenarioLoading {
  static func load(path: String?, sets: [String], seed: String?) throws(CLIError) -> Scenario {
    let text = try path.map { (p) throws(CLIError) in try Files.readText(p, what: "scenario") } ?? BuiltinScenario.baselineJSON
    var overrides = sets
    if let seed {
      guard UInt64(seed) != nil else { throw .usage("--seed: \"\(seed)\" is not a whole number from 0 to 18446744073709551615") }
      overrides.append("seed=\(seed)")
    }
    do {
      return try Scenario.load(json: text, overrides: overrides)
    } catch {
      // Name the file so the user knows which document the path refers to.
      throw .badInput((path.map { "\($0): " } ?? "") + error.description)
    }
  }
}
