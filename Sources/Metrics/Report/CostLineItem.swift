/// One billed quantity: `amount = billable quantity × unitPrice`, after any free allowance.
public struct CostLineItem: Codable, Sendable, Equatable {
  public var service: String
  public var dimension: String
  /// Monthly quantity used, in `unit`.
  public var quantity: Double
  /// Part of `quantity` covered by a free tier or always-free allowance.
  public var freeQuantity: Double
  public var unit: String
  /// Price per `unit` (per tier when the item is tiered: see `tiers`).
  public var unitPrice: Double
  public var amount: Double
  /// The price entry's id in the pricing file.
  public var priceId: String
  /// A fixed monthly item (hosted zone, storage, provisioned capacity), not proportional to
  /// traffic.
  public var fixed: Bool
  public init(
    service: String, dimension: String, quantity: Double, freeQuantity: Double, unit: String,
    unitPrice: Double, amount: Double, priceId: String, fixed: Bool = false
  ) {
    self.fixed = fixed
    self.service = service
    self.dimension = dimension
    self.quantity = quantity
    self.freeQuantity = freeQuantity
    self.unit = unit
    self.unitPrice = unitPrice
    self.amount = amount
    self.priceId = priceId
  }
}
