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
  static let draws = 6_000

  static func lognormalPart(total: SortedSample, known: Distribution, copies: Int) -> (median: Double, p99: Double)? {
    guard total.count >= 2 else { return nil }
    let targets = quantiles.map { max(total.quantile($0)!, 1e-6) }
    var rng = RandomStream(seed: 0x10C5_F17, stream: 7)
    let sampler = known.sampler()
    let zs = (0..<draws).map { _ in rng.standardNormal() }
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
    let best = NelderMead.minimise(loss, from: [log(start), log(0.5)], step: [0.5, 0.5], iterations: 120)
    let median = exp(best[0])
    return (median, median * exp(2.326_347_874 * exp(best[1])))
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
