import Foundation
import Metrics
import Pricing
import ScenarioModel
import SimKernel
import Simulation

/// Refines a calibration's counter API fits by simulation, instead of adding medians.
///
/// The closed-form fit takes the handler as the warm server time less the scenario's gateway
/// and DynamoDB medians, as if medians added up; they do not, and tails add up even less. Here
/// the live run itself is simulated (its own intended starts and network: the scenario
/// `replay`), and the handler's and the init's lognormal medians and p99s are searched so that
/// the simulated counter API latency matches the measured one over p10 to p99 (the sum of
/// absolute log-ratios of the quantiles). A run of a few minutes simulates in milliseconds, so
/// a coordinate search of a hundred simulations costs well under a second.
public enum CalibrationRefinement {
  /// The quantiles compared.
  static let quantiles = [0.1, 0.25, 0.5, 0.75, 0.9, 0.95, 0.99]

  /// Refines the `lambda.handlerMs` and `lambda.coldStartMs` fits of `calibration` in place
  /// and notes how far the simulated distribution moved towards the measured one.
  ///
  /// - Parameters:
  ///   - replay: the scenario made to replay the live run, with `calibration`'s fits applied.
  ///   - measured: the run's counter API latencies (from each call's intended start).
  ///   - coldStarts: the cold calls the run had (known or estimated), when it says.
  public static func refine(
    _ calibration: inout Calibration, replay: Scenario, measured: LatencyHistogram, coldStarts: Double? = nil,
    prices: PriceTable
  ) throws(ScenarioError) {
    guard measured.count >= Calibration.minimumSamples else { return }
    if let coldStarts {
      // The search moves latencies, not the number of cold starts: when the model's pool does
      // not make about as many as the run had, it would bend the handler to fit them.
      let simulated = Double(try SimulationRun.execute(replay, prices: prices).lambda?.coldStarts ?? 0)
      if abs(simulated - coldStarts) > max(3, 0.25 * coldStarts) {
        calibration.notes.append(
          String(
            format:
              "not refined by simulation: the run had %.0f cold calls, the scenario's Lambda pool makes %.0f on its schedule (environments replaced for reasons the model does not have, or an idle timeout or concurrency limit the run could not reveal)",
            coldStarts, simulated))
        return
      }
    }
    let fields = ["lambda.handlerMs", "lambda.coldStartMs"].filter { f in calibration.fits.contains { $0.field == f } }
    guard !fields.isEmpty else { return }
    // Parameters: per field, log median and log (p99 / median).
    var x: [Double] = []
    for f in fields {
      let fit = calibration.fits.first { $0.field == f }!
      x += [log(fit.medianMs), log(max(fit.p99Ms / fit.medianMs, 1.01))]
    }
    let target = quantiles.map { max(measured.percentileMicros($0), 1) }
    var evaluations = 0
    func loss(_ x: [Double]) throws(ScenarioError) -> Double {
      evaluations += 1
      var s = replay
      for (i, f) in fields.enumerated() {
        let median = exp(x[2 * i])
        let d = Distribution.lognormal(median: median, p99: median * exp(max(x[2 * i + 1], 0.01)))
        if f == "lambda.handlerMs" { s.lambda.handlerMs = d } else { s.lambda.coldStartMs = d }
      }
      let r = try SimulationRun.execute(s, prices: prices)
      guard let h = r[series: .counterApi], h.count > 0 else { return .infinity }
      return zip(quantiles, target).reduce(0) { $0 + abs(log(max(h.percentileMicros($1.0), 1) / $1.1)) }
    }
    let before = try loss(x)
    var best = before
    var step = 0.5
    while step > 0.02 && evaluations < 200 {
      var improved = false
      for i in x.indices {
        for direction in [1.0, -1.0] {
          var y = x
          y[i] += direction * step
          let l = try loss(y)
          if l < best {
            best = l
            x = y
            improved = true
          }
        }
      }
      if !improved { step /= 2 }
    }
    for (i, f) in fields.enumerated() {
      guard let k = calibration.fits.firstIndex(where: { $0.field == f }) else { continue }
      let median = Calibration.round(exp(x[2 * i]))
      calibration.fits[k].medianMs = median
      calibration.fits[k].p99Ms = Calibration.round(median * exp(max(x[2 * i + 1], 0.01)))
      calibration.fits[k].basis += "; refined by simulating the run"
    }
    calibration.notes.append(
      String(
        format:
          "refined by simulating the run's own schedule %d times: counter API quantiles p10..p99 off by %.3f (sum of |log ratio|) before, %.3f after",
        evaluations, before, best))
  }
}
