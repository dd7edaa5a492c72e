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
