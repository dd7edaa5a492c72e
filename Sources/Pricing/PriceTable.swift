import Metrics
import ScenarioModel

/// A dated table of prices read from a pricing file (`Pricing/us-east-1.json` is built in).
///
/// Every price carries its unit, tier boundaries, free allowance, source and the date it was
/// read, so a bill can show where each figure came from.
public struct PriceTable: Sendable, Equatable {
  public var region: String
  public var currency: String
  public var asOf: String
  public var file: String
  public var prices: [Price]
  public var plans: [Plan]

  /// One price: `usd` per `per` units of `unit`, by cumulative monthly tier.
  public struct Price: Sendable, Equatable {
    public var id: String
    public var service: String
    public var description: String
    public var unit: String
    public var per: Double
    public var tiers: [Tier]
    /// Free units a month when the free tier is on.
    public var free: Double
    /// Free units per hour of the billed month (provisioned capacity), when the free tier is on.
    public var freePerHour: Double
    public var source: String
    public var read: String
  }

  /// Applies up to `upTo` cumulative units a month (nil: no upper bound).
  public struct Tier: Sendable, Equatable {
    public var upTo: Double?
    public var usd: Double
  }

  /// A flat monthly plan with allowances (CloudFront flat-rate plans).
  public struct Plan: Sendable, Equatable {
    public var id: String
    public var name: String
    public var usdPerMonth: Double
    public var requests: Double
    public var dataOutGB: Double
    public var source: String
    public var read: String
  }

  /// The price `id`, or an error naming the file and the id.
  public func price(_ id: String) throws(ScenarioError) -> Price {
    guard let p = prices.first(where: { $0.id == id }) else {
      throw ScenarioError(file, "no price with id \"\(id)\"")
    }
    return p
  }

  /// The built-in us-east-1 table.
  public static func builtin() -> PriceTable {
    do {
      return try parse(json: BuiltinPrices.usEast1JSON, file: "Pricing/us-east-1.json (built in)")
    } catch {
      preconditionFailure("the built-in price table does not parse: \(error)")  // a test guards this
    }
  }

  /// Replaces single prices by id with a flat price (per the entry's `per`).
  public mutating func apply(overrides: [String: Double]) throws(ScenarioError) {
    for id in overrides.keys.sorted() {
      guard let i = prices.firstIndex(where: { $0.id == id }) else {
        let known = prices.map(\.id).joined(separator: ", ")
        throw ScenarioError("pricing.overrides.\(id)", "no such price id (known: \(known))")
      }
      prices[i].tiers = [Tier(upTo: nil, usd: overrides[id]!)]
      prices[i].source = "scenario override (pricing.overrides)"
    }
  }
}

extension PriceTable {
  /// Reads a pricing file; errors name the file and the JSON path.
  public static func parse(json text: String, file: String) throws(ScenarioError) -> PriceTable {
    let tree: JSONValue
    do {
      tree = try JSONParser.parse(text)
    } catch {
      throw ScenarioError(file, "JSON syntax error at line \(error.line), column \(error.column): \(error.message)")
    }
    do {
      return try read(tree, file: file)
    } catch {
      throw ScenarioError(file, error.description)
    }
  }

  private static func read(_ tree: JSONValue, file: String) throws(ScenarioError) -> PriceTable {
    var r = try ObjectReader(tree, at: "")
    var table = PriceTable(region: "", currency: "USD", asOf: "", file: file, prices: [], plans: [])
    try r.string("region", into: &table.region)
    try r.string("currency", into: &table.currency)
    try r.string("asOf", into: &table.asOf)
    var notes = ""
    try r.string("notes", into: &notes)
    guard case .array(let items)? = r.raw("prices") else {
      throw ScenarioError("prices", "missing: an array of prices")
    }
    var seen = Set<String>()
    for (i, item) in items.enumerated() {
      var p = try ObjectReader(item, at: "prices[\(i)]")
      var price = Price(
        id: "", service: "", description: "", unit: "", per: 1, tiers: [], free: 0, freePerHour: 0, source: "", read: ""
      )
      for (key, target) in [
        ("id", \Price.id), ("service", \.service), ("description", \.description), ("unit", \.unit),
        ("source", \.source), ("read", \.read),
      ] {
        guard p.has(key) else { throw ScenarioError(p.childPath(key), "missing") }
        try p.string(key, into: &price[keyPath: target])
      }
      guard seen.insert(price.id).inserted else {
        throw ScenarioError(p.childPath("id"), "\"\(price.id)\" appears twice")
      }
      try p.number("per", into: &price.per, min: 0, max: 1e15, exclusiveMin: true)
      try p.number("free", into: &price.free, min: 0, max: 1e15)
      try p.number("freePerHour", into: &price.freePerHour, min: 0, max: 1e15)
      if p.has("usd") {
        var usd = 0.0
        try p.number("usd", into: &usd, min: 0, max: ScenarioLimits.largestPriceUSD)
        price.tiers = [Tier(upTo: nil, usd: usd)]
      } else if let v = p.raw("tiers") {
        price.tiers = try tiers(v, at: p.childPath("tiers"))
      } else {
        throw ScenarioError(p.childPath("usd"), "missing: a price needs usd or tiers")
      }
      try p.finish(known: ["usd", "tiers"])
      guard CostService(rawValue: price.service) != nil else {
        throw ScenarioError(
          p.childPath("service"),
          "\"\(price.service)\" is not one of \(CostService.allCases.map(\.rawValue).joined(separator: ", "))")
      }
      table.prices.append(price)
    }
    if case .array(let items)? = r.raw("plans") {
      for (i, item) in items.enumerated() {
        var p = try ObjectReader(item, at: "plans[\(i)]")
        var plan = Plan(id: "", name: "", usdPerMonth: 0, requests: 0, dataOutGB: 0, source: "", read: "")
        try p.string("id", into: &plan.id)
        try p.string("name", into: &plan.name)
        try p.number("usdPerMonth", into: &plan.usdPerMonth, min: 0, max: ScenarioLimits.largestPriceUSD)
        try p.number("requests", into: &plan.requests, min: 0, max: 1e15)
        try p.number("dataOutGB", into: &plan.dataOutGB, min: 0, max: 1e15)
        try p.string("source", into: &plan.source)
        try p.string("read", into: &plan.read)
        try p.finish()
        table.plans.append(plan)
      }
    }
    try r.finish()
    return table
  }

  private static func tiers(_ v: JSONValue, at path: String) throws(ScenarioError) -> [Tier] {
    guard case .array(let items) = v, !items.isEmpty else {
      throw ScenarioError(path, "expected a non-empty array of tiers")
    }
    var tiers: [Tier] = []
    for (i, item) in items.enumerated() {
      var t = try ObjectReader(item, at: "\(path)[\(i)]")
      var tier = Tier(upTo: nil, usd: 0)
      try t.optionalNumber("upTo", into: &tier.upTo, min: 0, exclusiveMin: true)
      guard t.has("usd") else { throw ScenarioError(t.childPath("usd"), "missing") }
      try t.number("usd", into: &tier.usd, min: 0, max: ScenarioLimits.largestPriceUSD)
      try t.finish()
      if let last = tiers.last {
        guard let lastUpTo = last.upTo else { throw ScenarioError(t.path, "a tier after the unbounded last tier") }
        if let upTo = tier.upTo, upTo <= lastUpTo {
          throw ScenarioError(
            t.childPath("upTo"), "\(format(upTo)) is not above the previous tier's \(format(lastUpTo))")
        }
      }
      tiers.append(tier)
    }
    guard tiers.last?.upTo == nil else { throw ScenarioError(path, "the last tier must have no upTo") }
    return tiers
  }
}
