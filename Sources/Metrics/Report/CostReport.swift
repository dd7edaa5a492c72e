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

public struct MonthlyCost: Codable, Sendable, Equatable {
  public var route53: Double
  public var cloudfront: Double
  public var s3: Double
  public var apiGateway: Double
  public var lambda: Double
  public var dynamodb: Double
  public var cloudwatch: Double
  public var total: Double
  /// The part of `total` that does not follow traffic: hosted zone, storage, provisioned
  /// capacity (line items marked `fixed`).
  public var fixed: Double
  /// The part of `total` that follows traffic: `total - fixed`.
  public var usage: Double
  public init(
    route53: Double, cloudfront: Double, s3: Double, apiGateway: Double, lambda: Double,
    dynamodb: Double, cloudwatch: Double, total: Double, fixed: Double, usage: Double
  ) {
    self.route53 = route53
    self.cloudfront = cloudfront
    self.s3 = s3
    self.apiGateway = apiGateway
    self.lambda = lambda
    self.dynamodb = dynamodb
    self.cloudwatch = cloudwatch
    self.total = total
    self.fixed = fixed
    self.usage = usage
  }
}

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

public struct CostScaling: Codable, Sendable, Equatable {
  /// Seconds in the billed month (730 hours unless the scenario says otherwise).
  public var monthSeconds: Double
  public var measuredSeconds: Double
  /// Factor applied to every measured count: monthSeconds / measuredSeconds.
  public var factor: Double
  /// Plain-language account of the scaling and its limits.
  public var method: String
  /// Set when the scaled figure is likely wrong (a spike multiplied into every day, ...).
  public var warning: String?
  public init(monthSeconds: Double, measuredSeconds: Double, factor: Double, method: String, warning: String?) {
    self.monthSeconds = monthSeconds
    self.measuredSeconds = measuredSeconds
    self.factor = factor
    self.method = method
    self.warning = warning
  }
}

public struct PricingProvenance: Codable, Sendable, Equatable {
  public var region: String
  public var file: String
  public var asOf: String
  public init(region: String, file: String, asOf: String) {
    self.region = region
    self.file = file
    self.asOf = asOf
  }
}

/// Another way to pay for part of the bill, with its monthly price for this traffic.
public struct CostAlternative: Codable, Sendable, Equatable {
  public var name: String
  /// Replaces this service's pay-as-you-go amount.
  public var replacesService: String
  public var monthly: Double
  /// Whether the month's traffic fits the plan's allowance.
  public var fits: Bool
  public var note: String
  public init(name: String, replacesService: String, monthly: Double, fits: Bool, note: String) {
    self.name = name
    self.replacesService = replacesService
    self.monthly = monthly
    self.fits = fits
    self.note = note
  }
}
