import Metrics

/// Renders a bill as a table of line items and totals.
public enum CostTable {
  public static func render(_ c: CostReport) -> String {
    typealias F = TextFormat
    var out = ""
    func line(_ s: String = "") { out += s + "\n" }
    line("Monthly bill (\(c.currency), \(c.pricing.region), prices as of \(c.pricing.asOf); free tier \(c.freeTier ? "on" : "off"))")
    line("  " + F.pad("service", 12, right: false) + F.pad("dimension", 34, right: false) + F.pad("quantity", 16) + F.pad("free", 14) + "  " + F.pad("unit", 16, right: false) + F.pad("unit price", 14) + F.pad("amount", 11))
    for item in c.lineItems {
      line(
        "  " + F.pad(item.service, 12, right: false) + F.pad(item.dimension, 34, right: false)
          + F.pad(quantity(item.quantity), 16) + F.pad(quantity(item.freeQuantity), 14) + "  "
          + F.pad(item.unit, 16, right: false) + F.pad(price(item.unitPrice), 14) + F.pad(F.money(item.amount), 11))
    }
    let m = c.monthly
    line("  Totals: Route 53 \(F.money(m.route53)), CloudFront \(F.money(m.cloudfront)), S3 \(F.money(m.s3)), API Gateway \(F.money(m.apiGateway)), Lambda \(F.money(m.lambda)), DynamoDB \(F.money(m.dynamodb))")
    line("  Total \(F.money(m.total)) per month, \(String(format: "$%.4f", c.perThousandVisits)) per 1,000 visits")
    for a in c.alternatives {
      line("  Alternative: \(a.name) \(F.money(a.monthly))/month instead of \(a.replacesService) pay-as-you-go\(a.fits ? "" : " (traffic exceeds its allowance)"): \(a.note)")
    }
    line("  Scaling: \(c.scaling.method)")
    if let w = c.scaling.warning { line("  WARNING: \(w)") }
    return out
  }

  static func quantity(_ x: Double) -> String {
    if x == 0 { return "0" }
    if x == x.rounded() && x < 1e15 { return TextFormat.count(UInt64(x)) }
    return x >= 100 ? TextFormat.fixed(x, 1) : TextFormat.fixed(x, 4)
  }

  static func price(_ x: Double) -> String {
    if x == 0 { return "$0" }
    var s = String(format: "$%.10f", x)
    while s.hasSuffix("0") { s.removeLast() }
    if s.hasSuffix(".") { s.removeLast() }
    return s
  }
}
