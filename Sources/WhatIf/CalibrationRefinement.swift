import Foundation
import Metrics
import Pricing
import ScenarioModel
import SimKernel
import Simulation

/// Refines a calibration's latency fits by simulation, instead of adding medians.
///
/// The closed-form fits take the handler as the warm server time less the scenario's gateway
/// and DynamoDB medians, and the origin as the miss median less the hit median, as if medians
/// added up; they do not, and tails add up even less. Here the live run itself is simulated
/// (its own intended starts and network: the scenario `replay`), and each part's lognormal
/// median and p99 are searched so that the simulated stages match the measured ones over p10
/// to p99 (the sum of absolute log-ratios of the quantiles):
/// - the handler and the init (`lambda.handlerMs`, `lambda.coldStartMs`) against `counterApi`;
/// - the edge and the origin (`cdn.edgeMs`, `s3.originMs`) against `pageLoad` (a visit's page
///   and assets: hits in the body, misses in the tail).
/// The two searches are apart: the site's stages do not depend on the function, nor the
/// reverse. A run of a few minutes simulates in milliseconds, so a coordinate search of a
/// hundred simulations costs well under a second.
public enum CalibrationRefinement {
  /// The quantiles compared.
  static let quantiles = [0.1, 0.25, 0.5, 0.75, 0.9, 0.95, 0.99]

  /// The fields searched together, and the stages they are judged by.
  struct Group {
    var fields: [String]
    var stages: [LatencySeries]
  }
  static let api = Group(fields: ["lambda.handlerMs", "lambda.coldStartMs"], stages: [.counterApi])
  static let site = Group(fields: ["cdn.edgeMs", "s3.originMs"], stages: [.pageLoad])

  /// The stages the searches are judged by that `report` measured often enough to judge
  /// (`Calibration.minimumSamples`): what `refine` takes as `measured`.
  public static func judged(in report: RunReport) -> [LatencySeries: LatencyHistogram] {
    var out: [LatencySeries: LatencyHistogram] = [:]
    for stage in api.stages + site.stages {
      if let h = report[series: stage], h.count >= Calibration.minimumSamples { out[stage] = h }
    }
    return out
  }

  /// Refines the fits of `calibration` in place and notes how far each simulated stage moved
  /// towards the measured one.
  ///
  /// - Parameters:
  ///   - replay: the scenario made to replay the live run, with `calibration`'s fits applied.
  ///   - measured: the run's latencies by stage (from each request's intended start).
  ///   - coldStarts: the cold calls the run had (known or estimated), when it says.
  public static func refine(
    _ calibration: inout Calibration, replay: Scenario, measured: [LatencySeries: LatencyHistogram],
    coldStarts: Double? = nil, prices: PriceTable
  ) throws(ScenarioError) {
    var replay = replay
    if measured[.counterApi].map({ $0.count >= Calibration.minimumSamples }) == true, let coldStarts {
      // The search moves latencies, not the number of cold starts: when the model's pool does
      // not make about as many as the run had, it would bend the handler to fit them.
      let simulated = Double(try SimulationRun.execute(replay, prices: prices).lambda?.coldStarts ?? 0)
      if abs(simulated - coldStarts) > max(3, 0.25 * coldStarts) {
        calibration.notes.append(
          String(
            format:
              "counter API not refined by simulation: the run had %.0f cold calls, the scenario's Lambda pool makes %.0f on its schedule (environments replaced for reasons the model does not have, or an idle timeout or concurrency limit the run could not reveal)",
            coldStarts, simulated))
        try search(&calibration, site, replay: &replay, measured: measured, prices: prices)
        return
      }
    }
    try search(&calibration, api, replay: &replay, measured: measured, prices: prices)
    try search(&calibration, site, replay: &replay, measured: measured, prices: prices)
  }

  /// One group's coordinate search; the fields found are written into `calibration` and into
  /// `replay` (for the next group).
  static func search(
    _ calibration: inout Calibration, _ group: Group, replay: inout Scenario,
    measured: [LatencySeries: LatencyHistogram], prices: PriceTable
  ) throws(ScenarioError) {
    let stages = group.stages.filter { measured[$0].map { $0.count >= Calibration.minimumSamples } == true }
    let fields = group.fields.filter { f in calibration.fits.contains { $0.field == f } }
    guard !stages.isEmpty, !fields.isEmpty else { return }
    let paths = fields.map { f -> WritableKeyPath<Scenario, Distribution> in
      guard case .distribution(let path) = ScenarioField.all.first(where: { $0.path == f })?.kind else {
        preconditionFailure("\(f) is not a distribution field")
      }
      return path
    }
    // Parameters: per field, log median and log (p99 / median).
    var x: [Double] = []
    for f in fields {
      let fit = calibration.fits.first { $0.field == f }!
      x += [log(fit.medianMs), log(max(fit.p99Ms / fit.medianMs, 1.01))]
    }
    func distribution(_ x: [Double], _ i: Int) -> Distribution {
      let median = exp(x[2 * i])
      return .lognormal(median: median, p99: median * exp(max(x[2 * i + 1], 0.01)))
    }
    let targets = stages.map { stage in quantiles.map { max(measured[stage]!.percentileMicros($0), 1) } }
    var evaluations = 0
    func loss(_ x: [Double]) throws(ScenarioError) -> Double {
      evaluations += 1
      var s = replay
      for i in fields.indices { s[keyPath: paths[i]] = distribution(x, i) }
      let r = try SimulationRun.execute(s, prices: prices)
      var total = 0.0
      for (stage, target) in zip(stages, targets) {
        guard let h = r[series: stage], h.count > 0 else { return .infinity }
        total += zip(quantiles, target).reduce(0) { $0 + abs(log(max(h.percentileMicros($1.0), 1) / $1.1)) }
      }
      return total
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
      replay[keyPath: paths[i]] = distribution(x, i)
    }
    calibration.notes.append(
      String(
        format:
          "%@ refined by simulating the run's own schedule %d times: %@ quantiles p10..p99 off by %.3f (sum of |log ratio|) before, %.3f after",
        fields.joined(separator: " and "), evaluations, stages.map(\.rawValue).joined(separator: " and "), before,
        best))
  }
}
