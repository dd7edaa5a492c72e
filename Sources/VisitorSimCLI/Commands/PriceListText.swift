import Pricing
import Reporting
import ScenarioModel
import Simulation
import WhatIf

/// The price table as text.
enum PriceListText {
  static func render(_ t: PriceTable) -> String {
    var out = "Prices: \(t.region), \(t.currency), as of \(t.asOf) (\(t.file))\n"
    for p in t.prices {
      let tiers = p.tiers.map { tier in
        let price = "\(CostTable.price(tier.usd)) per \(p.per == 1 ? "" : "\(trim(p.per)) ")\(p.unit)"
        return tier.upTo.map { "\(price) up to \(trim($0))" } ?? price
      }.joined(separator: "; then ")
      var free = ""
      if p.free > 0 { free = "; free \(trim(p.free)) a month" }
      if p.freePerHour > 0 { free = "; free \(trim(p.freePerHour)) per hour" }
      out += "  \(p.id)\n      \(p.description): \(tiers)\(free)\n      source: \(p.source), read \(p.read)\n"
    }
    for plan in t.plans {
      out +=
        "  \(plan.id)\n      \(plan.name): \(CostTable.price(plan.usdPerMonth)) a month for \(trim(plan.requests)) requests and \(trim(plan.dataOutGB)) GB\n      source: \(plan.source), read \(plan.read)\n"
    }
    return out
  }

  static func trim(_ x: Double) -> String {
    if x == x.rounded() && abs(x) < 1e15 { return String(Int64(x)) }
    var s = String(format: "%.10f", x)
    while s.hasSuffix("0") { s.removeLast() }
    return s
  }
}
