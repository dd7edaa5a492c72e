import SimKernel

/// The scenario fields with a shape of their own: each reads its key(s) from the enclosing
/// object and gives its JSON Schema. Declared in `ScenarioField.all` like every other field.
enum CustomFields {
  typealias Custom = ScenarioField.Custom

  static let schemaReference = Custom(properties: [("$schema", #"{"type": "string"}"#)]) {
    (r, _) throws(ScenarioError) in _ = r.raw("$schema")
  }

  /// Free-text notes on where the file's values came from (written by calibration and the
  /// imports, one line per fitted or imported field); read and kept, never simulated.
  static let notes = Custom(
    properties: [("notes", #"{"type": "array", "items": {"type": "string"}}"#)]
  ) { (r, s) throws(ScenarioError) in
    guard let v = r.raw("notes"), v != .null else { return }
    guard case .array(let items) = v else {
      throw ScenarioError(r.childPath("notes"), "expected an array of strings, got \(v.brief)")
    }
    s.notes = try items.enumerated().map { (i, item) throws(ScenarioError) -> String in
      guard case .string(let text) = item else {
        throw ScenarioError("\(r.childPath("notes"))[\(i)]", "expected a string, got \(item.brief)")
      }
      try ObjectReader.checkPrintable(text, at: "\(r.childPath("notes"))[\(i)]")
      return text
    }
  }

  static let seed = Custom(
    properties: [("seed", #"{"type": "integer", "minimum": 0, "maximum": 18446744073709551615}"#)]
  ) { (r, s) throws(ScenarioError) in
    guard let v = r.raw("seed") else { return }
    guard case .number(_, let literal) = v, let n = UInt64(literal) else {
      throw ScenarioError("seed", "expected a whole number from 0 to 18446744073709551615, got \(v.brief)")
    }
    s.seed = n
  }

  /// visitsPerSecond, visitsPerDay or visitsPerMonth: one of the three. visitsPerMonth is
  /// divided by pricing.month once the whole document is read.
  static let rate: Custom = {
    let keys: [(String, Double)] = [
      ("visitsPerSecond", 1), ("visitsPerDay", 86_400), ("visitsPerMonth", ScenarioLimits.longestMonthSeconds),
    ]
    let schemas = keys.map { key, divisor in
      (
        key,
        #"{"type": "number", "exclusiveMinimum": 0, "maximum": \#(format(ScenarioLimits.peakVisitsPerSecond * divisor))}"#
      )
    }
    return Custom(properties: schemas) { (a, s) throws(ScenarioError) in
      var given: [String] = []
      for (key, perSecondDivisor) in keys where a.has(key) {
        var x = 0.0
        try a.number(
          key, into: &x, min: 0, max: ScenarioLimits.peakVisitsPerSecond * perSecondDivisor, exclusiveMin: true)
        if key == "visitsPerMonth" {
          s.workload.visitsPerMonth = x
        } else {
          s.workload.visitsPerSecond = x / perSecondDivisor
        }
        given.append(key)
      }
      if given.count > 1 {
        throw ScenarioError(
          a.childPath(given[1]),
          "give only one of visitsPerSecond, visitsPerDay, visitsPerMonth (also found \(given[0]))")
      }
      for (key, _) in keys { _ = a.raw(key) }
    }
  }()

  static let traceFile = Custom(properties: [("traceFile", #"{"type": ["string", "null"], "minLength": 1}"#)]) {
    (a, s) throws(ScenarioError) in
    guard let v = a.raw("traceFile"), v != .null else { return }
    guard case .string(let f) = v, !f.isEmpty else {
      throw ScenarioError(a.childPath("traceFile"), "expected a CSV file path, got \(v.brief)")
    }
    s.workload.traceFile = f
  }

  static let diurnal = Custom(
    properties: [
      (
        "diurnal",
        #"{"type": ["object", "null"], "properties": {"amplitude": {"type": "number", "minimum": 0, "maximum": 1}, "peakHourUTC": {"type": "number", "minimum": 0, "maximum": 24}}, "additionalProperties": false}"#
      )
    ]
  ) { (r, s) throws(ScenarioError) in
    guard let v = r.raw("diurnal") else { return }
    guard v != .null else {
      // null: a steady rate (the default is the baseline's cycle).
      s.workload.diurnal = nil
      return
    }
    var d = try ObjectReader(v, at: r.childPath("diurnal"))
    var diurnal = Scenario.Diurnal()
    try d.number("amplitude", into: &diurnal.amplitude, min: 0, max: 1)
    try d.number("peakHourUTC", into: &diurnal.peakHourUTC, min: 0, max: 24)
    try d.finish()
    s.workload.diurnal = diurnal
  }

  static let spikes = Custom(
    properties: [
      (
        "spikes",
        ##"{"type": "array", "items": {"type": "object", "required": ["start"], "properties": {"start": {"$ref": "#/$defs/duration"}, "rampUp": {"$ref": "#/$defs/duration"}, "hold": {"$ref": "#/$defs/duration"}, "rampDown": {"$ref": "#/$defs/duration"}, "multiplier": {"type": "number", "minimum": 0, "maximum": 10000000}, "visitsPerSecond": {"type": "number", "minimum": 0, "maximum": 100000}}, "oneOf": [{"required": ["multiplier"]}, {"required": ["visitsPerSecond"]}], "additionalProperties": false}}"##
      )
    ]
  ) { (r, s) throws(ScenarioError) in
    guard let v = r.raw("spikes") else { return }
    let path = r.childPath("spikes")
    guard case .array(let items) = v else { throw ScenarioError(path, "expected an array of spikes, got \(v.brief)") }
    s.workload.spikes = []
    for (i, item) in items.enumerated() {
      var o = try ObjectReader(item, at: "\(path)[\(i)]")
      var spike = Scenario.Spike(startSeconds: 0, rampUpSeconds: 0, holdSeconds: 0, rampDownSeconds: 0, multiplier: 1)
      guard o.has("start") else { throw ScenarioError(o.childPath("start"), "missing: when the spike starts") }
      switch (o.has("multiplier"), o.has("visitsPerSecond")) {
      case (false, false):
        throw ScenarioError(
          o.childPath("multiplier"),
          "missing: how many times the base rate (\"multiplier\": 100) or the peak itself (\"visitsPerSecond\": 50)")
      case (true, true):
        throw ScenarioError(
          o.childPath("visitsPerSecond"), "give either multiplier or visitsPerSecond, not both")
      default: break
      }
      try o.duration("start", into: &spike.startSeconds)
      try o.duration("rampUp", into: &spike.rampUpSeconds)
      try o.duration("hold", into: &spike.holdSeconds)
      try o.duration("rampDown", into: &spike.rampDownSeconds)
      try o.number("multiplier", into: &spike.multiplier, min: 0, max: 1e7)
      if o.has("visitsPerSecond") {
        var peak = 0.0
        try o.number("visitsPerSecond", into: &peak, min: 0, max: ScenarioLimits.peakVisitsPerSecond)
        spike.visitsPerSecond = peak
      }
      try o.finish()
      s.workload.spikes.append(spike)
    }
  }

  static let assets = Custom(
    properties: [
      (
        "assets",
        #"{"type": "array", "maxItems": 1000, "items": {"type": "object", "required": ["bytes"], "properties": {"name": {"type": "string"}, "bytes": {"type": "integer", "minimum": 0, "maximum": 17179869184}, "ttlSeconds": {"type": ["number", "null"], "minimum": 0, "maximum": 2147483647}}, "additionalProperties": false}}"#
      )
    ]
  ) { (r, s) throws(ScenarioError) in
    guard let v = r.raw("assets") else { return }
    let path = r.childPath("assets")
    guard case .array(let items) = v else { throw ScenarioError(path, "expected an array of assets, got \(v.brief)") }
    guard items.count <= 1_000 else { throw ScenarioError(path, "\(items.count) assets is above the maximum 1000") }
    s.page.assets = []
    for (i, item) in items.enumerated() {
      var a = try ObjectReader(item, at: "\(path)[\(i)]")
      var asset = Scenario.Asset(name: "asset\(i)", bytes: 0, ttlSeconds: nil)
      try a.string("name", into: &asset.name)
      guard a.has("bytes") else { throw ScenarioError(a.childPath("bytes"), "missing: the asset's size") }
      try a.integer("bytes", into: &asset.bytes, min: 0, max: 1 << 34)
      try a.optionalNumber("ttlSeconds", into: &asset.ttlSeconds, min: 0, max: ScenarioLimits.longestTtlSeconds)
      try a.finish()
      s.page.assets.append(asset)
    }
  }

  static let idleTimeout = Custom(
    properties: [
      (
        "idleTimeoutSeconds",
        ##"{"anyOf": [{"type": "number", "minimum": 0, "maximum": 2147483647}, {"$ref": "#/$defs/distribution"}]}"##
      )
    ]
  ) { (r, s) throws(ScenarioError) in
    guard let v = r.raw("idleTimeoutSeconds") else { return }
    let path = r.childPath("idleTimeoutSeconds")
    if case .number = v {
      s.lambda.idleTimeout = .fixed(try ObjectReader.number(v, at: path, min: 0, max: ScenarioLimits.longestTtlSeconds))
    } else {
      s.lambda.idleTimeout = .distribution(try DistributionReader.read(v, at: path))
    }
  }

  static let measuredOnArchitecture = Custom(
    properties: [("measuredOnArchitecture", #"{"enum": ["x86_64", "arm64", "x86", "x86-64", "arm", null]}"#)]
  ) { (r, s) throws(ScenarioError) in
    guard let v = r.raw("measuredOnArchitecture"), v != .null else { return }
    var arch = s.lambda.architecture
    try r.choice("measuredOnArchitecture", into: &arch, aliases: Scenario.Lambda.architectureAliases)
    s.lambda.measuredOnArchitecture = arch
  }

  static let pricingFile = Custom(properties: [("file", #"{"type": ["string", "null"], "minLength": 1}"#)]) {
    (r, s) throws(ScenarioError) in
    guard let v = r.raw("file"), v != .null else { return }
    guard case .string(let f) = v, !f.isEmpty else {
      throw ScenarioError(r.childPath("file"), "expected a file path, got \(v.brief)")
    }
    s.pricing.file = f
  }

  static let priceOverrides = Custom(
    properties: [
      (
        "overrides",
        #"{"type": "object", "additionalProperties": {"type": "number", "minimum": 0, "maximum": 1000000}}"#
      )
    ]
  ) { (r, s) throws(ScenarioError) in
    guard let v = r.raw("overrides") else { return }
    let path = r.childPath("overrides")
    guard case .object(let members) = v else {
      throw ScenarioError(path, "expected an object of price id to price, got \(v.brief)")
    }
    for m in members {
      s.pricing.overrides[m.key] = try ObjectReader.number(
        m.value, at: "\(path).\(m.key)", min: 0, max: ScenarioLimits.largestPriceUSD)
    }
  }
}
