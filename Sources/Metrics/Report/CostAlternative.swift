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
