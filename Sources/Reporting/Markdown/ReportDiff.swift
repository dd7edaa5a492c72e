import Foundation
import Metrics

/// Two reports side by side, figure by figure: `visitorsim diff A B`. Headline figures (latency
/// per stage at p50 and p99, cold starts, throttles, errors, the bill per service, in total and
/// per 1,000 visits) with both values and the change, then the bill's line items that changed.
public struct ReportDiff: Codable, Sendable, Equatable {
  public struct Row: Codable, Sendable, Equatable {
    public var figure: String
    public var unit: String
    public var a: Double?
    public var b: Double?
    /// b − a, when both are known.
    public var change: Double?
    /// (b − a) / a, when both are known and a is not 0.
    public var relativeChange: Double?

    init(_ figure: String, _ unit: String, _ a: Double?, _ b: Double?) {
      self.figure = figure
      self.unit = unit
      self.a = a
      self.b = b
      if let a, let b {
        change = b - a
        relativeChange = a != 0 ? (b - a) / a : nil
      }
    }

    /// Whether the two differ (by more than rounding).
    public var changed: Bool {
      guard let a, let b else { return (a == nil) != (b == nil) }
      return abs(b - a) > max(1e-9, 1e-6 * max(abs(a), abs(b)))
    }
  }

  /// An input that differs between the two scenarios: the cause of the figures' changes.
  public struct Input: Codable, Sendable, Equatable {
    public var field: String
    public var a: String
    public var b: String
    public init(field: String, a: String, b: String) {
      self.field = field
      self.a = a
      self.b = b
    }
  }

  public var a: String
  public var b: String
  public var rows: [Row]
  /// Bill line items (by price id) whose monthly amount changed.
  public var lineItems: [Row]
  /// The scenario fields that differ (empty for two reports: their inputs are not known).
  public var inputs: [Input] = []
  /// The monthly total with no free tier, each side.
  public var withoutFreeTier: Row?

  static let stages = ["pageLoad", "counterApi", "dns", "cdn", "origin", "apiGateway", "lambda", "dynamodb"]

  public init(_ x: RunReport, _ y: RunReport, a: String, b: String) {
    self.a = a
    self.b = b
    var rows: [Row] = [Row("visits", "", Double(x.visits), Double(y.visits))]
    for stage in Self.stages where x.latencyMs[stage] != nil || y.latencyMs[stage] != nil {
      rows.append(Row("\(stage).p50", "ms", x.latencyMs[stage]?.p50, y.latencyMs[stage]?.p50))
      rows.append(Row("\(stage).p99", "ms", x.latencyMs[stage]?.p99, y.latencyMs[stage]?.p99))
    }
    func throttled(_ r: RunReport) -> Double? {
      guard r.lambda != nil || r.apiGateway != nil else { return nil }
      return Double((r.lambda?.throttled ?? 0) + (r.apiGateway?.throttled ?? 0))
    }
    rows += [
      Row("lambda.coldStarts", "", x.lambda.map { Double($0.coldStarts) }, y.lambda.map { Double($0.coldStarts) }),
      Row("lambda.coldStartRatio", "", x.lambda?.coldStartRatio, y.lambda?.coldStartRatio),
      Row("throttled", "", throttled(x), throttled(y)),
      Row("errors.total", "", Double(x.errors.total), Double(y.errors.total)),
      Row("errors.rate", "", x.errors.rate, y.errors.rate),
    ]
    func services(_ r: RunReport) -> [(String, Double)] {
      guard let m = r.cost?.monthly else { return [] }
      return [
        ("route53", m.route53), ("cloudfront", m.cloudfront), ("s3", m.s3), ("apiGateway", m.apiGateway),
        ("lambda", m.lambda), ("dynamodb", m.dynamodb), ("cloudwatch", m.cloudwatch),
      ]
    }
    let sx = Dictionary(uniqueKeysWithValues: services(x))
    let sy = Dictionary(uniqueKeysWithValues: services(y))
    for (name, _) in services(x).isEmpty ? services(y) : services(x) {
      rows.append(Row("cost.monthly.\(name)", "USD", sx[name], sy[name]))
    }
    rows += [
      Row("cost.monthly.total", "USD", x.cost?.monthly.total, y.cost?.monthly.total),
      Row("cost.perThousandVisits", "USD", x.cost?.perThousandVisits, y.cost?.perThousandVisits),
      Row("cost.lambdaGBSeconds", "GB-s", x.cost?.lambdaGBSeconds, y.cost?.lambdaGBSeconds),
      Row("counterApi.errors.rate", "", x.errors.counterApi?.rate, y.errors.counterApi?.rate),
    ]
    self.rows = rows
    func bare(_ r: RunReport) -> Double? { r.cost?.monthlyWithoutFreeTier }
    withoutFreeTier = Row("cost.monthly.withoutFreeTier", "USD", bare(x), bare(y))
    func items(_ r: RunReport) -> [String: Double] {
      var out: [String: Double] = [:]
      for i in r.cost?.lineItems ?? [] { out[i.priceId, default: 0] += i.amount }
      return out
    }
    let ix = items(x)
    let iy = items(y)
    lineItems = Set(ix.keys).union(iy.keys).sorted().map { Row($0, "USD", ix[$0] ?? 0, iy[$0] ?? 0) }.filter {
      abs(($0.b ?? 0) - ($0.a ?? 0)) >= 0.005
    }
  }

  static func number(_ x: Double?, _ unit: String) -> String {
    guard let x else { return "-" }
    switch unit {
    case "USD": return x > 0 && x < 0.005 ? "< $0.01" : TextFormat.money(x)
    case "ms": return String(format: x < 10 ? "%.2f ms" : "%.1f ms", x)
    default:
      if x == x.rounded() && abs(x) < 1e15 { return String(Int64(x)) }
      return String(format: "%.4g", x)
    }
  }

  static func change(_ r: Row) -> String {
    guard r.changed else { return "=" }
    guard let c = r.change else { return "changed" }
    let sign = c > 0 ? "+" : "-"
    let magnitude = abs(c)
    var s =
      r.unit == "USD"
      ? (magnitude < 0.005 ? sign + "< $0.01" : sign + TextFormat.money(magnitude)) : sign + number(magnitude, r.unit)
    if let rel = r.relativeChange { s += String(format: " (%+.1f%%)", rel * 100) }
    return s
  }

  /// Aligned columns for a terminal.
  public func text() -> String {
    let table =
      [("figure", a, b, "change")]
      + rows.map { ($0.figure, Self.number($0.a, $0.unit), Self.number($0.b, $0.unit), Self.change($0)) }
    var out = "diff: \(a) -> \(b)\n\n"
    if !inputs.isEmpty {
      out += "inputs that differ\n" + Self.aligned([("field", a, b, "")] + inputs.map { ($0.field, $0.a, $0.b, "") }) + "\n"
    }
    out += Self.aligned(table)
    if let note = freeTierNote { out += "\n" + note + "\n" }
    if !lineItems.isEmpty {
      out += "\nline items that changed (monthly)\n"
      out += Self.aligned(
        [("price", a, b, "change")]
          + lineItems.map { ($0.figure, Self.number($0.a, "USD"), Self.number($0.b, "USD"), Self.change($0)) })
    }
    return out
  }

  static func aligned(_ rows: [(String, String, String, String)]) -> String {
    let w0 = rows.map(\.0.count).max()! + 2
    let w1 = rows.map(\.1.count).max()! + 2
    let w2 = rows.map(\.2.count).max()! + 2
    func pad(_ s: String, _ w: Int) -> String { s.padding(toLength: w, withPad: " ", startingAt: 0) }
    return rows.map { "  " + pad($0.0, w0) + pad($0.1, w1) + pad($0.2, w2) + $0.3 }.joined(separator: "\n") + "\n"
  }

  /// A pull-request comment: the inputs that differ (the causes), then the figures that
  /// changed (bold), the unchanged ones collapsed, the line items collapsed.
  public func markdown() -> String {
    var out = "### visitorsim: \(Self.escaped(a)) → \(Self.escaped(b))\n\n"
    let (changed, same) = (rows.filter(\.changed), rows.filter { !$0.changed })
    if !inputs.isEmpty {
      out += "**\(inputs.count) input\(inputs.count == 1 ? " differs" : "s differ")**\n\n"
      out += "| field | \(Self.escaped(a)) | \(Self.escaped(b)) |\n|---|---|---|\n"
      for i in inputs { out += "| `\(i.field)` | \(Self.escaped(i.a)) | \(Self.escaped(i.b)) |\n" }
      out += "\n"
    }
    out += "**\(changed.count) of \(rows.count) figures changed** (same seed, so only the inputs differ)\n\n"
    func table(_ rows: [Row], bold: Bool) -> String {
      var t = "| figure | \(Self.escaped(a)) | \(Self.escaped(b)) | change |\n|---|---:|---:|---:|\n"
      for r in rows {
        let name = bold ? "**\(r.figure)**" : r.figure
        t += "| \(name) | \(Self.number(r.a, r.unit)) | \(Self.number(r.b, r.unit)) | \(Self.change(r)) |\n"
      }
      return t
    }
    if !changed.isEmpty { out += table(changed, bold: true) }
    if let note = freeTierNote { out += "\n" + note + "\n" }
    if !same.isEmpty {
      out += "\n<details><summary>\(same.count) figures unchanged</summary>\n\n" + table(same, bold: false) + "\n</details>\n"
    }
    if !lineItems.isEmpty {
      out +=
        "\n<details><summary>Line items that changed (monthly)</summary>\n\n| price | \(Self.escaped(a)) | \(Self.escaped(b)) | change |\n|---|---:|---:|---:|\n"
      for r in lineItems {
        out += "| \(r.figure) | \(Self.number(r.a, "USD")) | \(Self.number(r.b, "USD")) | \(Self.change(r)) |\n"
      }
      out += "\n</details>\n"
    }
    return out
  }

  /// Said when the free tier hides a change of the bill: the total moves by under a cent with
  /// it and by a cent or more without it.
  public var freeTierNote: String? {
    guard let total = rows.first(where: { $0.figure == "cost.monthly.total" }), let bare = withoutFreeTier,
      let t = total.change, abs(t) < 0.005, let c = bare.change, abs(c) >= 0.005
    else { return nil }
    let sign = c > 0 ? "+" : "-"
    return
      "The free tier hides a change of the bill: \(TextFormat.money(total.b ?? 0)) a month with it either way; \(sign)\(TextFormat.money(abs(c))) a month without it (\(TextFormat.money(bare.a ?? 0)) → \(TextFormat.money(bare.b ?? 0)))."
  }

  static func escaped(_ s: String) -> String { s.replacingOccurrences(of: "|", with: "\\|") }
}
