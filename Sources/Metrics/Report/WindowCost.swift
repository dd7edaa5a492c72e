/// What the simulated window's own traffic costs, apart from the month it is scaled to.
///
/// Counts are taken once (not scaled), fixed monthly items (hosted zone, storage,
/// provisioned capacity) are prorated to the window, and the month's free allowances apply
/// whole, as if the window were the month's only traffic; `withoutFreeTier` is the same
/// with no free allowance at all.
public struct WindowCost: Codable, Sendable, Equatable {
  /// Length of the window, in seconds.
  public var seconds: Double
  /// How many such windows make the billed month (the monthly bill's factor).
  public var monthFactor: Double
  /// Per service and in total, for the window.
  public var byService: MonthlyCost
  /// The window's total with no free tier.
  public var withoutFreeTier: Double

  public init(seconds: Double, monthFactor: Double, byService: MonthlyCost, withoutFreeTier: Double) {
    self.seconds = seconds
    self.monthFactor = monthFactor
    self.byService = byService
    self.withoutFreeTier = withoutFreeTier
  }

  /// The window's total.
  public var total: Double { byService.total }
}
