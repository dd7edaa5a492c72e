import Metrics

/// Renders a bill as a table of line items and totals.
public enum CostTable {
  public static func render(_ c: CostReport) -> String {
    typealias F = TextFormat
    var out = ""
    func line(_ s: String = "") { out += s + "\n" }
    if let w = windowWarning(c) { line("NOTE: " + w) }
    if let w = windowSentence(c) { line(w) }
    line(
      "Monthly bill (\(c.currency), \(c.pricing.region), prices as of \(c.pricing.asOf); free tier \(c.freeTier ? "on" : "off"))"
    )
    let header = ["service", "dimension", "quantity", "free", "unit", "unit price", "amount"]
    // Lines that cost nothing and are not covered by a free allowance (a free price, a few
    // thousandths of a GB of storage) are folded into one line; the JSON keeps them all.
    let folded = c.lineItems.filter { $0.amount == 0 && $0.freeQuantity == 0 }
    let shown = c.lineItems.filter { !($0.amount == 0 && $0.freeQuantity == 0) }
    var rows = shown.map { item in
      [
        item.service, item.dimension, quantity(item.quantity), quantity(item.freeQuantity), item.unit,
        price(item.unitPrice), F.money(item.amount),
      ]
    }
    if !folded.isEmpty {
      var services: [String] = []
      for item in folded where !services.contains(item.service) { services.append(item.service) }
      rows.append([
        "other", "\(folded.count) lines under half a cent (\(services.joined(separator: ", ")); all in --format json)",
        "", "", "", "", F.money(0),
      ])
    }
    let widths = header.indices.map { col in ([header] + rows).map { $0[col].count }.max()! }
    let leftAligned: Set<Int> = [0, 1, 4]
    for row in [header] + rows {
      let cells = row.enumerated().map { col, text in F.pad(text, widths[col], right: !leftAligned.contains(col)) }
      line("  " + cells.joined(separator: "  "))
    }
    let m = c.monthly
    line(
      "  Per service: Route 53 \(F.money(m.route53)), CloudFront \(F.money(m.cloudfront)), S3 \(F.money(m.s3)), API Gateway \(F.money(m.apiGateway)), Lambda \(F.money(m.lambda)), DynamoDB \(F.money(m.dynamodb)), CloudWatch \(F.money(m.cloudwatch))"
    )
    line(
      "  Total \(F.money(m.total)) a month (\(F.money(m.fixed)) fixed: hosted zone, storage, provisioned capacity; \(F.money(m.usage)) usage), \(F.money(c.yearly)) a year"
    )
    line("  Usage per 1,000 visits: \(String(format: "$%.4f", c.perThousandVisits))")
    if !c.alternatives.isEmpty {
      line("  Instead of pay-as-you-go CloudFront (\(F.money(m.cloudfront))), flat-rate plans:")
      for a in c.alternatives {
        line(
          "    \(F.pad(a.name, 30, right: false)) \(F.pad(F.money(a.monthly), 9)) a month, \(a.fits ? "fits" : "traffic exceeds") its allowance (\(a.note))"
        )
      }
    }
    line("  Scaling: \(c.scaling.method)")
    if let w = c.scaling.warning { line("  WARNING: \(w)") }
    return out
  }

  /// "Window (1h): $0.29 (free tier on; $2.35 without it); the month below is 730 such windows."
  public static func windowSentence(_ c: CostReport) -> String? {
    guard let w = c.window else { return nil }
    let free =
      c.freeTier
      ? (w.withoutFreeTier != w.total
        ? " with the month's free allowances (\(TextFormat.money(w.withoutFreeTier)) without them)" : "")
      : ""
    let repeats = abs(w.monthFactor - 1) < 1e-9 ? "" : "; the monthly bill is \(factor(w.monthFactor)) such windows"
    return "Window (\(TextFormat.duration(w.seconds))): \(TextFormat.money(w.total))\(free)\(repeats)"
  }

  /// One line when a window shorter than a day is extrapolated to a month.
  public static func windowWarning(_ c: CostReport) -> String? {
    guard let w = c.window, w.seconds < 86_400, w.monthFactor > 1 else { return nil }
    return
      "the simulated window is \(TextFormat.duration(w.seconds)), shorter than a day: the monthly figures repeat it \(factor(w.monthFactor)) times; what the window itself costs is the Window line"
  }

  static func factor(_ x: Double) -> String {
    x >= 100 ? TextFormat.count(Int(x.rounded())) : TextFormat.fixed(x, x == x.rounded() ? 0 : 2)
  }

  static func quantity(_ x: Double) -> String {
    if x == 0 { return "0" }
    if x == x.rounded() && x < 1e15 { return TextFormat.count(UInt64(x)) }
    return x >= 100 ? TextFormat.fixed(x, 1) : TextFormat.fixed(x, 4)
  }

  /// A unit price in full: at least two decimals (`$0.50`), more when the price has them
  /// (`$0.0000166667`).
  public static func price(_ x: Double) -> String {
    var s = String(format: "$%.10f", x)
    while s.hasSuffix("0") && s.count > s.distance(from: s.startIndex, to: s.firstIndex(of: ".")!) + 3 {
      s.removeLast()
    }
    return s
  }
}
