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
    let document = try Scenario(json: tree)
    for assignment in overrides {
      try ScenarioOverride.apply(assignment, to: &tree)
    }
    var scenario = try Scenario(json: tree)
    scenario.lambda.keepMeasuredAt(document.lambda)
    try scenario.validate()
    return scenario
  }

  /// Reads every known field of `json` onto the defaults.
  init(json: JSONValue) throws(ScenarioError) {
    self.init()
    var r = try ObjectReader(json, at: "")
    try r.string("name", into: &name)
    try r.string("description", into: &description)
    if let v = r.raw("seed") {
      guard case .number(_, let literal) = v, let s = UInt64(literal) else {
        throw ScenarioError("seed", "expected a whole number from 0 to 18446744073709551615, got \(v.brief)")
      }
      seed = s
    }
    try r.duration("duration", into: &durationSeconds, min: 0.001, max: 400 * 86_400)
    try r.duration("warmup", into: &warmupSeconds, max: 400 * 86_400)
    if var w = try r.object("workload") { try workload.read(&w) }
    if var n = try r.object("network") {
      try n.distribution("rttMs", into: &network.rttMs)
      try n.integer("handshakeRoundTrips", into: &network.handshakeRoundTrips, min: 0, max: 10)
      try n.number(
        "bandwidthMbps", into: &network.bandwidthMbps, min: ScenarioLimits.bandwidthMbps.lowerBound,
        max: ScenarioLimits.bandwidthMbps.upperBound)
      try n.finish()
    }
    if var d = try r.object("dns") {
      try d.number("ttlSeconds", into: &dns.ttlSeconds, min: 0, max: ScenarioLimits.longestTtlSeconds)
      try d.integer("resolvers", into: &dns.resolvers, min: 1, max: 1_000_000)
      try d.distribution("cachedMs", into: &dns.cachedMs)
      try d.distribution("lookupMs", into: &dns.lookupMs)
      try d.bool("aliasRecords", into: &dns.aliasRecords)
      try d.finish()
    }
    if var p = try r.object("page") { try page.read(&p) }
    if var c = try r.object("cdn") {
      try c.number("ttlSeconds", into: &cdn.ttlSeconds, min: 0, max: ScenarioLimits.longestTtlSeconds)
      try c.integer("edgeLocations", into: &cdn.edgeLocations, min: 1, max: 10_000)
      try c.distribution("edgeMs", into: &cdn.edgeMs)
      try c.finish()
    }
    if var s = try r.object("s3") {
      try s.distribution("originMs", into: &s3.originMs)
      try s.finish()
    }
    if var a = try r.object("apiGateway") {
      try a.choice("type", into: &apiGateway.type, aliases: ["HTTP": .http, "REST": .rest])
      try a.number("rateLimitPerSecond", into: &apiGateway.rateLimitPerSecond, min: 0, max: 1e9, exclusiveMin: true)
      try a.number("burst", into: &apiGateway.burst, min: 1, max: 1e9)
      try a.distribution("overheadMs", into: &apiGateway.overheadMs)
      try a.optionalNumber("integrationTimeoutMs", into: &apiGateway.integrationTimeoutMs, min: 50, max: 30_000)
      try a.integer("responseBytes", into: &apiGateway.responseBytes, min: 0, max: 10 << 20)
      try a.integer("accessLogBytesPerRequest", into: &apiGateway.accessLogBytesPerRequest, min: 0, max: 1 << 20)
      try a.finish()
    }
    if var l = try r.object("lambda") { try lambda.read(&l) }
    if var d = try r.object("dynamodb") { try dynamodb.read(&d) }
    if var c = try r.object("client") {
      try c.number(
        "apiTimeoutMs", into: &client.apiTimeoutMs, min: 0, max: ScenarioLimits.largestLatencyMs, exclusiveMin: true)
      try c.number(
        "pageTimeoutMs", into: &client.pageTimeoutMs, min: 0, max: ScenarioLimits.largestLatencyMs, exclusiveMin: true)
      try c.finish()
    }
    if var p = try r.object("pricing") { try pricing.read(&p) }
    try r.finish()
    // A monthly rate is per billed month, so the bill counts exactly the visits the file names.
    if let perMonth = workload.visitsPerMonth { workload.visitsPerSecond = perMonth / pricing.monthSeconds }
  }
}

extension Scenario.Workload {
  mutating func read(_ r: inout ObjectReader) throws(ScenarioError) {
    if var a = try r.object("arrivals") {
      try a.choice("process", into: &process)
      // visitsPerMonth is divided by pricing.month once the whole document is read.
      let rateKeys: [(String, Double)] = [
        ("visitsPerSecond", 1), ("visitsPerDay", 86_400), ("visitsPerMonth", ScenarioLimits.longestMonthSeconds),
      ]
      var given: [String] = []
      for (key, perSecondDivisor) in rateKeys where a.has(key) {
        var x = 0.0
        try a.number(
          key, into: &x, min: 0, max: ScenarioLimits.peakVisitsPerSecond * perSecondDivisor, exclusiveMin: true)
        if key == "visitsPerMonth" { visitsPerMonth = x } else { visitsPerSecond = x / perSecondDivisor }
        given.append(key)
      }
      if given.count > 1 {
        throw ScenarioError(
          a.childPath(given[1]),
          "give only one of visitsPerSecond, visitsPerDay, visitsPerMonth (also found \(given[0]))")
      }
      for (key, _) in rateKeys { _ = a.raw(key) }
      if let v = a.raw("traceFile"), v != .null {
        guard case .string(let f) = v, !f.isEmpty else {
          throw ScenarioError(a.childPath("traceFile"), "expected a CSV file path, got \(v.brief)")
        }
        traceFile = f
      }
      try a.finish()
    }
    if let v = r.raw("diurnal"), v != .null {
      var d = try ObjectReader(v, at: r.childPath("diurnal"))
      var diurnal = Scenario.Diurnal()
      try d.number("amplitude", into: &diurnal.amplitude, min: 0, max: 1)
      try d.number("peakHourUTC", into: &diurnal.peakHourUTC, min: 0, max: 24)
      try d.finish()
      self.diurnal = diurnal
    }
    if let v = r.raw("spikes") {
      let path = r.childPath("spikes")
      guard case .array(let items) = v else { throw ScenarioError(path, "expected an array of spikes, got \(v.brief)") }
      spikes = []
      for (i, item) in items.enumerated() {
        var s = try ObjectReader(item, at: "\(path)[\(i)]")
        var spike = Scenario.Spike(startSeconds: 0, rampUpSeconds: 0, holdSeconds: 0, rampDownSeconds: 0, multiplier: 1)
        guard s.has("start") else { throw ScenarioError(s.childPath("start"), "missing: when the spike starts") }
        guard s.has("multiplier") else {
          throw ScenarioError(s.childPath("multiplier"), "missing: how many times the base rate")
        }
        try s.duration("start", into: &spike.startSeconds)
        try s.duration("rampUp", into: &spike.rampUpSeconds)
        try s.duration("hold", into: &spike.holdSeconds)
        try s.duration("rampDown", into: &spike.rampDownSeconds)
        try s.number("multiplier", into: &spike.multiplier, min: 0, max: 1e7)
        try s.finish()
        spikes.append(spike)
      }
    }
    try r.number("returningVisitorFraction", into: &returningVisitorFraction, min: 0, max: 1)
    try r.choice("parts", into: &parts)
    try r.finish()
  }
}

extension Scenario.Page {
  mutating func read(_ r: inout ObjectReader) throws(ScenarioError) {
    try r.integer("htmlBytes", into: &htmlBytes, min: 0, max: 1 << 34)
    try r.optionalNumber("htmlTtlSeconds", into: &htmlTtlSeconds, min: 0, max: ScenarioLimits.longestTtlSeconds)
    if let v = r.raw("assets") {
      let path = r.childPath("assets")
      guard case .array(let items) = v else { throw ScenarioError(path, "expected an array of assets, got \(v.brief)") }
      guard items.count <= 1_000 else { throw ScenarioError(path, "\(items.count) assets is above the maximum 1000") }
      assets = []
      for (i, item) in items.enumerated() {
        var a = try ObjectReader(item, at: "\(path)[\(i)]")
        var asset = Scenario.Asset(name: "asset\(i)", bytes: 0, ttlSeconds: nil)
        try a.string("name", into: &asset.name)
        guard a.has("bytes") else { throw ScenarioError(a.childPath("bytes"), "missing: the asset's size") }
        try a.integer("bytes", into: &asset.bytes, min: 0, max: 1 << 34)
        try a.optionalNumber("ttlSeconds", into: &asset.ttlSeconds, min: 0, max: ScenarioLimits.longestTtlSeconds)
        try a.finish()
        assets.append(asset)
      }
    }
    try r.integer("apiCallsPerView", into: &apiCallsPerView, min: 0, max: 100)
    try r.bool("corsPreflight", into: &corsPreflight)
    try r.finish()
  }
}

extension Scenario.Lambda {
  static let architectureAliases: [String: Architecture] = ["x86": .x86_64, "x86-64": .x86_64, "arm": .arm64]

  mutating func read(_ r: inout ObjectReader) throws(ScenarioError) {
    try r.integer("memoryMB", into: &memoryMB, min: 128, max: 10_240)
    try r.choice("architecture", into: &architecture, aliases: Self.architectureAliases)
    try r.string("runtime", into: &runtime)
    try r.distribution("handlerMs", into: &handlerMs)
    try r.distribution("coldStartMs", into: &coldStartMs)
    if let v = r.raw("idleTimeoutSeconds") {
      let path = r.childPath("idleTimeoutSeconds")
      if case .number = v {
        idleTimeout = .fixed(try ObjectReader.number(v, at: path, min: 0, max: ScenarioLimits.longestTtlSeconds))
      } else {
        idleTimeout = .distribution(try DistributionReader.read(v, at: path))
      }
    }
    try r.integer("concurrencyLimit", into: &concurrencyLimit, min: 1, max: 10_000_000)
    try r.optionalInteger("reservedConcurrency", into: &reservedConcurrency, min: 0, max: 10_000_000)
    try r.integer("provisionedConcurrency", into: &provisionedConcurrency, min: 0, max: 10_000_000)
    try r.number(
      "newEnvironmentsPer10Seconds", into: &newEnvironmentsPer10Seconds, min: 0, max: 1e9, exclusiveMin: true)
    try r.number("timeoutSeconds", into: &timeoutSeconds, min: 0.001, max: 900)
    try r.integer("dynamodbCallsPerInvocation", into: &dynamodbCallsPerInvocation, min: 0, max: 100)
    try r.optionalInteger("measuredAtMemoryMB", into: &measuredAtMemoryMB, min: 128, max: 10_240)
    if let v = r.raw("measuredOnArchitecture"), v != .null {
      var arch = architecture
      try r.choice("measuredOnArchitecture", into: &arch, aliases: Self.architectureAliases)
      measuredOnArchitecture = arch
    }
    try r.number("cpuBoundFraction", into: &cpuBoundFraction, min: 0, max: 1)
    try r.number("initCpuBoundFraction", into: &initCpuBoundFraction, min: 0, max: 1)
    try r.number("arm64SpeedFactor", into: &arm64SpeedFactor, min: 0.1, max: 10)
    try r.integer("logBytesPerInvocation", into: &logBytesPerInvocation, min: 0, max: 1 << 30)
    try r.finish()
  }
}

extension Scenario.DynamoDB {
  mutating func read(_ r: inout ObjectReader) throws(ScenarioError) {
    try r.choice(
      "billingMode", into: &billingMode,
      aliases: ["PAY_PER_REQUEST": .onDemand, "on-demand": .onDemand, "PROVISIONED": .provisioned])
    try r.number("writeCapacityUnits", into: &writeCapacityUnits, min: 1, max: 40_000)
    try r.number("readCapacityUnits", into: &readCapacityUnits, min: 1, max: 40_000)
    try r.number("burstSeconds", into: &burstSeconds, min: 0, max: 300)
    try r.number(
      "partitionWriteUnitsPerSecond", into: &partitionWriteUnitsPerSecond, min: 0, max: 1e9, exclusiveMin: true)
    try r.distribution("updateItemMs", into: &updateItemMs)
    try r.distribution("throttleResponseMs", into: &throttleResponseMs)
    try r.integer("maxAttempts", into: &maxAttempts, min: 1, max: 100)
    try r.number("retryBaseMs", into: &retryBaseMs, min: 0, max: ScenarioLimits.largestLatencyMs)
    try r.choice("retryJitter", into: &retryJitter)
    try r.integer("storageBytes", into: &storageBytes, min: 0, max: 1 << 50)
    try r.integer("itemBytes", into: &itemBytes, min: 1, max: 400 * 1_024)
    try r.finish()
  }
}

extension Scenario.PricingOptions {
  mutating func read(_ r: inout ObjectReader) throws(ScenarioError) {
    try r.bool("freeTier", into: &freeTier)
    if let v = r.raw("file"), v != .null {
      guard case .string(let s) = v, !s.isEmpty else {
        throw ScenarioError(r.childPath("file"), "expected a file path, got \(v.brief)")
      }
      file = s
    }
    if let v = r.raw("overrides") {
      let path = r.childPath("overrides")
      guard case .object(let members) = v else {
        throw ScenarioError(path, "expected an object of price id to price, got \(v.brief)")
      }
      for m in members {
        overrides[m.key] = try ObjectReader.number(
          m.value, at: "\(path).\(m.key)", min: 0, max: ScenarioLimits.largestPriceUSD)
      }
    }
    try r.duration("month", into: &monthSeconds, min: 1, max: ScenarioLimits.longestMonthSeconds)
    try r.finish()
  }
}
