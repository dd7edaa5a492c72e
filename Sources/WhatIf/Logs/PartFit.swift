import Foundation
import SimKernel
import SiteLogs

/// Fits one part of a sum whose other part the scenario already knows: a logged Lambda
/// `Duration` is the handler plus its DynamoDB calls, a CloudFront miss is the edge plus the
/// origin fetch. The unknown part is taken as lognormal, and its median and p99 are searched
/// (Nelder-Mead on log median and log sigma) so that part + known part, simulated with common
/// random numbers, reproduces the observed p10, p25, p50, p75, p90, p95 and p99 (squared log
/// ratios). Medians are not added or subtracted: the tails of a sum do not work that way.
enum PartFit {
  static let quantiles = [0.1, 0.25, 0.5, 0.75, 0.9, 0.95, 0.99]
  static let draws = 4_000

  static func lognormalPart(total: SortedSample, known: Distribution, copies: Int) -> (median: Double, p99: Double)? {
    guard total.count >= 2 else { return nil }
    let targets = quantiles.map { max(total.quantile($0)!, 1e-6) }
    var rng = RandomStream(seed: 0x10C5_F17, stream: 7)
    let sampler = known.sampler()
    // Stratified normals (one per 1/draws of probability) paired with random draws of the
    // known part: Latin hypercube sampling, far less noise than plain draws for the same count.
    let zs = (0..<draws).map { inverseNormal((Double($0) + 0.5) / Double(draws)) }
    let others = (0..<draws).map { _ in
      var y = 0.0
      for _ in 0..<copies { y += sampler.sample(using: &rng) }
      return y
    }
    var sums = [Double](repeating: 0, count: draws)
    func loss(_ p: [Double]) -> Double {
      let mu = p[0]
      let sigma = exp(p[1])
      for i in 0..<draws { sums[i] = exp(mu + sigma * zs[i]) + others[i] }
      sums.sort()
      var l = 0.0
      for (k, q) in quantiles.enumerated() {
        let r = log(max(sums[Int(q * Double(draws - 1))], 1e-9) / targets[k])
        l += r * r
      }
      return l
    }
    let otherMedian = SortedSample(others).quantile(0.5) ?? 0
    let start = max(targets[2] - otherMedian, 0.05 * targets[2])
    let best = NelderMead.minimise(loss, from: [log(start), log(0.5)], step: [0.5, 0.5], iterations: 150)
    let median = exp(best[0])
    return (median, median * exp(2.326_347_874 * exp(best[1])))
  }
}

extension PartFit {
  /// The standard normal quantile (Acklam's rational approximation, relative error below
  /// 1.2e-9).
  static func inverseNormal(_ p: Double) -> Double {
    let a = [
      -3.969683028665376e+01, 2.209460984245205e+02, -2.759285104469687e+02, 1.383577518672690e+02,
      -3.066479806614716e+01, 2.506628277459239e+00,
    ]
    let b = [
      -5.447609879822406e+01, 1.615858368580409e+02, -1.556989798598866e+02, 6.680131188771972e+01,
      -1.328068155288572e+01,
    ]
    let c = [
      -7.784894002430293e-03, -3.223964580411365e-01, -2.400758277161838e+00, -2.549732539343734e+00,
      4.374664141464968e+00, 2.938163982698783e+00,
    ]
    let d = [7.784695709041462e-03, 3.224671290700398e-01, 2.445134137142996e+00, 3.754408661907416e+00]
    let low = 0.02425
    if p < low {
      let q = (-2 * log(p)).squareRoot()
      return (((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5])
        / ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1)
    }
    if p > 1 - low { return -inverseNormal(1 - p) }
    let q = p - 0.5
    let r = q * q
    return (((((a[0] * r + a[1]) * r + a[2]) * r + a[3]) * r + a[4]) * r + a[5]) * q
      / (((((b[0] * r + b[1]) * r + b[2]) * r + b[3]) * r + b[4]) * r + 1)
  }
}

/// A small Nelder-Mead simplex search, enough for two or three parameters.
enum NelderMead {
  static func minimise(
    _ f: ([Double]) -> Double, from x0: [Double], step: [Double], iterations: Int
  ) -> [Double] {
    let n = x0.count
    var simplex: [[Double]] = [x0]
    for i in 0..<n {
      var x = x0
      x[i] += step[i]
      simplex.append(x)
    }
    var values = simplex.map(f)
    for _ in 0..<iterations {
      let order = values.indices.sorted { values[$0] < values[$1] }
      simplex = order.map { simplex[$0] }
      values = order.map { values[$0] }
      // Converged: the simplex has shrunk to a point, or its values agree.
      let size = (1...n).map { k in (0..<n).map { abs(simplex[k][$0] - simplex[0][$0]) }.max()! }.max()!
      if size < 1e-5 || values[n] - values[0] < 1e-12 { break }
      var centroid = [Double](repeating: 0, count: n)
      for x in simplex.dropLast() { for i in 0..<n { centroid[i] += x[i] / Double(n) } }
      func along(_ t: Double) -> [Double] { (0..<n).map { centroid[$0] + t * (simplex[n][$0] - centroid[$0]) } }
      let reflected = along(-1)
      let fr = f(reflected)
      if fr < values[0] {
        let expanded = along(-2)
        let fe = f(expanded)
        (simplex[n], values[n]) = fe < fr ? (expanded, fe) : (reflected, fr)
      } else if fr < values[n - 1] {
        (simplex[n], values[n]) = (reflected, fr)
      } else {
        let contracted = along(0.5)
        let fc = f(contracted)
        if fc < values[n] {
          (simplex[n], values[n]) = (contracted, fc)
        } else {
          for k in 1...n {
            simplex[k] = (0..<n).map { simplex[0][$0] + 0.5 * (simplex[k][$0] - simplex[0][$0]) }
            values[k] = f(simplex[k])
          }
        }
      }
    }
    return simplex[values.indices.min { values[$0] < values[$1] }!]
  }
}
