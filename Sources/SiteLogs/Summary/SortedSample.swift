import Foundation

/// A sorted sample and its percentiles (linear interpolation between order statistics, the
/// usual "type 7" definition).
public struct SortedSample: Sendable, Equatable {
  public let values: [Double]

  public init(_ values: [Double]) { self.values = values.filter { $0.isFinite }.sorted() }

  public var count: Int { values.count }
  public var isEmpty: Bool { values.isEmpty }

  /// The `q` quantile (0...1); nil when empty.
  public func quantile(_ q: Double) -> Double? {
    guard !values.isEmpty else { return nil }
    let h = Double(values.count - 1) * min(max(q, 0), 1)
    let lo = Int(h.rounded(.down))
    let hi = min(lo + 1, values.count - 1)
    return values[lo] + (h - Double(lo)) * (values[hi] - values[lo])
  }

  /// Mean and standard deviation of the logarithms of the positive values.
  public var logMoments: (mean: Double, sd: Double)? {
    let logs = values.filter { $0 > 0 }.map { Foundation.log($0) }
    guard logs.count >= 2 else { return nil }
    let mean = logs.reduce(0, +) / Double(logs.count)
    let variance = logs.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(logs.count - 1)
    return (mean, variance.squareRoot())
  }
}
