import SimKernel

extension Scenario {
  /// Parses a scenario document, applies `--set` overrides, reads it onto the defaults and
  /// validates it. Every failure is one `ScenarioError` naming the path and value.
  public static func load(json text: String, overrides: [String] = []) throws(ScenarioError) -> Scenario {
    var tree: JSONValue
    do {
      tree = try JSONParser.parse(text)
    } catch {
      throw ScenarioError("", "JSON syntax error at line \(error.line), column \(error.column): \(error.message)")
    }
    // Where the file's Lambda times were measured, read only when an override may move it
    // (a file that does not read alone, but does with its overrides, says nothing of it).
    let document = overrides.isEmpty ? nil : try? Scenario(json: tree)
    for assignment in overrides {
      try ScenarioOverride.apply(assignment, to: &tree)
    }
    var scenario = try Scenario(json: tree)
    if let document { scenario.lambda.keepMeasuredAt(document.lambda) }
    try scenario.validate()
    return scenario
  }

  /// Reads every field of `json` onto the defaults, as `ScenarioField.all` declares them.
  init(json: JSONValue) throws(ScenarioError) {
    self.init()
    var root = try ObjectReader(json, at: "")
    try Self.read(section: "", ScenarioField.all, from: &root, into: &self)
    try root.finish()
    // A replayed trace brings its own timing: the baseline's daily cycle applies to a file that
    // says nothing of it only when the file's arrivals follow a rate.
    if workload.process == .trace, !Self.mentionsDiurnal(json) { workload.diurnal = nil }
    // A monthly rate is per billed month, so the bill counts exactly the visits the file names.
    if let perMonth = workload.visitsPerMonth { workload.visitsPerSecond = perMonth / pricing.monthSeconds }
  }

  /// Whether the document sets `workload.diurnal` (to a cycle or to null).
  static func mentionsDiurnal(_ json: JSONValue) -> Bool {
    guard case .object(let root) = json, let w = root.first(where: { $0.key == "workload" })?.value,
      case .object(let workload) = w
    else { return false }
    return workload.contains { $0.key == "diurnal" }
  }

  /// Reads the fields of one object in table order; a subsection is read whole where its first
  /// field comes, and refuses keys no field declares.
  private static func read(
    section: String, _ fields: [ScenarioField], from r: inout ObjectReader, into s: inout Scenario
  ) throws(ScenarioError) {
    for entry in ScenarioField.entries(in: section, of: fields) {
      switch entry {
      case .field(let f):
        try read(f, from: &r, into: &s)
      case .section(let key, let path, let inside):
        if var sub = try r.object(key) {
          try read(section: path, inside, from: &sub, into: &s)
          try sub.finish()
        }
      }
    }
  }

  private static func read(_ f: ScenarioField, from r: inout ObjectReader, into s: inout Scenario)
    throws(ScenarioError)
  {
    let key = f.key
    switch f.kind {
    case .number(let kp, let b):
      try r.number(key, into: &s[keyPath: kp], min: b.min, max: b.max, exclusiveMin: b.exclusiveMin)
    case .optionalNumber(let kp, let b):
      try r.optionalNumber(key, into: &s[keyPath: kp], min: b.min, max: b.max, exclusiveMin: b.exclusiveMin)
    case .integer(let kp, let b):
      try r.integer(key, into: &s[keyPath: kp], min: b.min.map { Int($0) }, max: b.max.map { Int($0) })
    case .optionalInteger(let kp, let b):
      try r.optionalInteger(key, into: &s[keyPath: kp], min: b.min.map { Int($0) }, max: b.max.map { Int($0) })
    case .bool(let kp):
      try r.bool(key, into: &s[keyPath: kp])
    case .string(let kp):
      try r.string(key, into: &s[keyPath: kp])
    case .duration(let kp, let b):
      try r.duration(
        key, into: &s[keyPath: kp], min: b.min ?? 0, exclusiveMin: b.exclusiveMin,
        max: b.max ?? ScenarioLimits.longestDurationSeconds)
    case .distribution(let kp):
      try r.distribution(key, into: &s[keyPath: kp])
    case .choice(let c):
      try c.read(&r, key, &s)
    case .custom(let c):
      try c.read(&r, &s)
    }
  }
}

extension Scenario.Lambda {
  static let architectureAliases: [String: Architecture] = ["x86": .x86_64, "x86-64": .x86_64, "arm": .arm64]
}
