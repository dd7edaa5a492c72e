import Foundation
import Metrics
import ScenarioModel

/// Accumulates line items, splitting a tiered price into one line per tier used.
struct Biller {
  let prices: PriceTable
  let freeTier: Bool
  /// Hours of the billed period, for allowances given per hour (DynamoDB's free capacity).
  let hours: Double
  /// The share of AWS's 730-hour month of monthly free allowances the period gets.
  let freeShare: Double
  var items: [CostLineItem] = []

  /// Bills `quantity` units of price `id` for the period. A monthly free allowance is
  /// prorated by `freeShare`; `freeTierApplies` false bills it all.
  mutating func charge(_ id: String, _ quantity: Double, fixed: Bool = false, freeTierApplies: Bool = true)
    throws(ScenarioError)
  {
    let p = try prices.price(id)
    guard quantity > 0 else { return }
    let free = freeTier && freeTierApplies ? p.free * freeShare + p.freePerHour * hours : 0
    var lower = 0.0
    for (k, tier) in p.tiers.enumerated() {
      let upper = tier.upTo ?? .infinity
      defer { lower = upper }
      let used = max(0, min(quantity, upper) - lower)
      guard used > 0 else { continue }
      let freeHere = min(used, max(0, min(free, upper) - lower))
      let billable = used - freeHere
      let dimension =
        p.tiers.count == 1 ? p.description : "\(p.description), \(tierName(k, lower: lower, upper: tier.upTo, p))"
      items.append(
        CostLineItem(
          service: p.service, dimension: dimension, quantity: used / p.per, freeQuantity: freeHere / p.per,
          unit: unitName(p), unitPrice: tier.usd, amount: CostModel.cents(billable * tier.usd / p.per), priceId: p.id,
          fixed: fixed))
    }
  }

  func unitName(_ p: PriceTable.Price) -> String {
    guard p.per != 1 else { return p.unit }
    return "\(abbreviate(p.per)) \(plural(p.unit))"
  }

  func plural(_ unit: String) -> String {
    if unit == "GB" { return unit }
    return unit.hasSuffix("y") ? unit.dropLast() + "ies" : unit + "s"
  }

  func tierName(_ k: Int, lower: Double, upper: Double?, _ p: PriceTable.Price) -> String {
    guard let upper else { return "over \(abbreviate(lower)) \(plural(p.unit))" }
    return k == 0
      ? "first \(abbreviate(upper)) \(plural(p.unit))" : "\(abbreviate(lower))-\(abbreviate(upper)) \(plural(p.unit))"
  }

  func abbreviate(_ x: Double) -> String {
    for (size, suffix) in [(1e9, "B"), (1e6, "M"), (1e3, "K")] where x >= size && (x / size).rounded() == x / size {
      return "\(format(x / size))\(suffix)"
    }
    return NumberText.grouped(x)
  }
}
