extension ScenarioOverride {
  /// A scenario document made from `baseJSON`: `assignments` applied, its name replaced by
  /// `rename` of the base's (`baseline` when it has none), its description by `description`
  /// and, when given, `notes` added after the base's own. Read back as a scenario before it is returned, so
  /// what is written always loads. Calibration and the imports (logs, Terraform) write with it.
  public static func derive(
    _ baseJSON: String, applying assignments: [String], rename: (String) -> String, description: String,
    notes: [String]? = nil
  ) throws(ScenarioError) -> String {
    var tree: JSONValue
    do { tree = try JSONParser.parse(baseJSON) } catch {
      throw ScenarioError("", "JSON syntax error at line \(error.line), column \(error.column): \(error.message)")
    }
    let name = tree["name"].flatMap { if case .string(let s) = $0 { s } else { nil } } ?? "baseline"
    var labels = [
      "name=" + JSONValue.string(rename(name)).rendered(), "description=" + JSONValue.string(description).rendered(),
    ]
    if let notes {
      // After the base's own notes: where its other values came from still holds.
      var kept: [JSONValue] = []
      if case .array(let earlier)? = tree["notes"] { kept = earlier }
      labels.append("notes=" + JSONValue.array(kept + notes.map { .string($0) }).rendered())
    }
    for assignment in assignments + labels { try apply(assignment, to: &tree) }
    let text = tree.rendered() + "\n"
    _ = try Scenario.load(json: text)
    return text
  }
}
