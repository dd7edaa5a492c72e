import Metrics

/// `--set PATH=VALUE`: replaces one field of the scenario's JSON before it is read.
///
/// PATH is dotted, with `[n]` for array items (`page.assets[0].bytes`). VALUE is JSON
/// (`20`, `true`, `{"dist":"constant","value":5}`) or, when it is not valid JSON, a bare word
/// taken as a string (`arm64`, `90s`). Missing objects on the way are created. PATH must name a
/// field of `ScenarioField.all`, a section, or a part of a field with inner structure
/// (`page.assets[0].bytes`, `lambda.handlerMs.median`); a near miss is suggested.
public enum ScenarioOverride {
  public static func apply(_ assignment: String, to tree: inout JSONValue) throws(ScenarioError) {
    guard let eq = assignment.firstIndex(of: "=") else {
      throw ScenarioError("--set", "\"\(assignment)\" is not PATH=VALUE")
    }
    let path = String(assignment[..<eq])
    let text = String(assignment[assignment.index(after: eq)...])
    let steps = try parse(path)
    try check(path, steps)
    // Setting one of a group of alternatives (visitsPerDay instead of visitsPerSecond) replaces
    // the others, as the user means.
    if case .key(let last)? = steps.last, let group = Scenario.alternativeFields.first(where: { $0.contains(last) }) {
      for other in group where other != last {
        removeKey(other, at: steps.dropLast()[...], in: &tree)
      }
    }
    let value: JSONValue
    if let parsed = try? JSONParser.parse(text) {
      value = parsed
    } else {
      value = .string(text)
    }
    try set(value, at: steps[...], in: &tree, path: path, walked: "")
  }

  /// Removes `key` from the object at `steps`, if both exist.
  private static func removeKey(_ key: String, at steps: ArraySlice<Step>, in node: inout JSONValue) {
    guard let step = steps.first else {
      if case .object(let members) = node { node = .object(members.filter { $0.key != key }) }
      return
    }
    switch (step, node) {
    case (.key(let k), .object(var members)):
      guard let i = members.lastIndex(where: { $0.key == k }) else { return }
      removeKey(key, at: steps.dropFirst(), in: &members[i].value)
      node = .object(members)
    case (.index(let i), .array(var items)) where i < items.count:
      removeKey(key, at: steps.dropFirst(), in: &items[i])
      node = .array(items)
    default:
      return
    }
  }

  /// Refuses a path that no field declares, suggesting the closest one.
  static func check(_ path: String, _ steps: [Step]) throws(ScenarioError) {
    let dotted = steps.compactMap { step -> String? in if case .key(let k) = step { k } else { nil } }.joined(
      separator: ".")
    if ScenarioField.paths.contains(dotted) || ScenarioField.sections.contains(dotted) { return }
    if ScenarioField.structuredPaths.contains(where: { dotted.hasPrefix($0 + ".") }) { return }
    let hint = EditDistance.closest(to: dotted, among: ScenarioField.paths.sorted()).map { " (did you mean \($0)?)" }
    throw ScenarioError(
      "--set", "\"\(path)\" is not a scenario field\(hint ?? " (see visitorsim schema --format markdown)")")
  }

  enum Step: Equatable {
    case key(String)
    case index(Int)
  }

  static func parse(_ path: String) throws(ScenarioError) -> [Step] {
    var steps: [Step] = []
    for part in path.split(separator: ".", omittingEmptySubsequences: false) {
      var rest = Substring(part)
      guard let first = rest.first, first != "[" else {
        throw ScenarioError("--set", "\"\(path)\" is not a field path such as lambda.memoryMB")
      }
      let key = rest.prefix { $0 != "[" }
      steps.append(.key(String(key)))
      rest = rest.dropFirst(key.count)
      while rest.first == "[" {
        guard let close = rest.firstIndex(of: "]"), let n = Int(rest[rest.index(after: rest.startIndex)..<close]),
          n >= 0
        else {
          throw ScenarioError("--set", "\"\(path)\" has a bad array index")
        }
        steps.append(.index(n))
        rest = rest[rest.index(after: close)...]
      }
      guard rest.isEmpty else {
        throw ScenarioError("--set", "\"\(path)\" is not a field path such as lambda.memoryMB")
      }
    }
    return steps
  }

  private static func set(
    _ value: JSONValue, at steps: ArraySlice<Step>, in node: inout JSONValue, path: String, walked: String
  ) throws(ScenarioError) {
    guard let step = steps.first else {
      node = value
      return
    }
    switch step {
    case .key(let key):
      let here = walked.isEmpty ? key : "\(walked).\(key)"
      if node == .null { node = .object([]) }
      guard case .object(var members) = node else {
        throw ScenarioError(walked, "--set \(path): \(walked) is \(node.typeName), not an object")
      }
      if let i = members.lastIndex(where: { $0.key == key }) {
        try set(value, at: steps.dropFirst(), in: &members[i].value, path: path, walked: here)
      } else {
        var child = JSONValue.null
        try set(value, at: steps.dropFirst(), in: &child, path: path, walked: here)
        members.append(JSONMember(key: key, value: child))
      }
      node = .object(members)
    case .index(let i):
      let here = "\(walked)[\(i)]"
      guard case .array(var items) = node, i < items.count else {
        throw ScenarioError(here, "--set \(path): no such array item")
      }
      try set(value, at: steps.dropFirst(), in: &items[i], path: path, walked: here)
      node = .array(items)
    }
  }
}
