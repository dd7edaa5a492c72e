/// A monthly bill: totals per service and the line items behind them.
///
/// Pure data: the Pricing module fills it; renderers print it.
public struct CostReport: Codable, Sendable, Equatable {
  public var currency: String
  /// Monthly cost per service and the total, rounded to the cent.
  public var monthly: MonthlyCost
  /// Monthly usage cost (fixed items left out) divided by monthly visits, times 1,000.
  public var perThousandVisits: Double
  /// The monthly total over a year: total × 8,760 hours / the billed month's hours.
  public var yearly: Double
  public var lineItems: [CostLineItem]
  /// How the measured window was turned into a month.
  public var scaling: CostScaling
  public var freeTier: Bool
  /// Where the prices came from and the date they were read.
  public var pricing: PricingProvenance
  /// Other ways of paying for the same traffic (CloudFront flat-rate plans).
  public var alternatives: [CostAlternative]
  /// What the simulated window alone costs (nil in reports of older versions).
  public var window: WindowCost?
  /// Lambda GB-seconds billed in the month (provisioned environments' included).
  public var lambdaGBSeconds: Double?
  /// The month's total with no free tier, unrounded (nil in reports of older versions): what
  /// the free tier hides when it takes a change of usage to $0.00.
  public var monthlyWithoutFreeTier: Double?

  public init(
    currency: String, monthly: MonthlyCost, perThousandVisits: Double, yearly: Double, lineItems: [CostLineItem],
    scaling: CostScaling, freeTier: Bool, pricing: PricingProvenance, alternatives: [CostAlternative]
  ) {
    self.currency = currency
    self.monthly = monthly
    self.perThousandVisits = perThousandVisits
    self.yearly = yearly
    self.lineItems = lineItems
    self.scaling = scaling
    self.freeTier = freeTier
    self.pricing = pricing
    self.alternatives = alternatives
  }
}
