/// A 95% confidence interval for a mean, from independent replications (Student's t).
public struct ConfidenceInterval: Codable, Sendable, Equatable {
  public var mean: Double
  public var low: Double
  public var high: Double
  public var halfWidth: Double
  public var replications: Int

  /// The interval for the mean of `values`, each from one independent replication. With one
  /// value the half-width is 0 (nothing to estimate the spread from).
  public init(values: [Double]) {
    let n = values.count
    replications = n
    mean = n == 0 ? 0 : values.reduce(0, +) / Double(n)
    guard n > 1 else {
      halfWidth = 0
      low = mean
      high = mean
      return
    }
    let m = mean
    let variance = values.reduce(0) { $0 + ($1 - m) * ($1 - m) } / Double(n - 1)
    halfWidth = Self.t975(degreesOfFreedom: n - 1) * (variance / Double(n)).squareRoot()
    low = mean - halfWidth
    high = mean + halfWidth
  }

  /// The 0.975 quantile of Student's t distribution.
  public static func t975(degreesOfFreedom df: Int) -> Double {
    let table: [Double] = [
      12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228,
      2.201, 2.179, 2.160, 2.145, 2.131, 2.120, 2.110, 2.101, 2.093, 2.086,
      2.080, 2.074, 2.069, 2.064, 2.060, 2.056, 2.052, 2.048, 2.045, 2.042,
    ]
    if df >= 1 && df <= table.count { return table[df - 1] }
    // Beyond 30: the normal quantile with the first term of the Cornish-Fisher correction.
    let z = 1.959_964
    return z + (z * z * z + z) / (4 * Double(df))
  }
}
