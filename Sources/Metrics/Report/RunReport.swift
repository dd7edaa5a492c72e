/// The one result format of visitorsim, shared by simulated and live runs.
///
/// Everything here is data: renderers turn it into text, JSON, CSV or HTML, and reports from
/// several seeds or several load-generator machines merge into one (histograms add exactly).
/// Sections a mode cannot observe (a live run cannot see Lambda environments) are nil and
/// left out of the JSON.
public struct RunReport: Codable, Sendable, Equatable {
  /// "simulate" or "live".
  public var mode: String
  /// The scenario's `name`.
  public var scenario: String
  public var seed: UInt64
  /// Length of the measured window (after warm-up), in seconds.
  public var simulatedSeconds: Double
  /// A live run's measured time, the same as `simulatedSeconds` in a measurement's words (nil
  /// for simulations; `simulatedSeconds` stays for the readers of older reports).
  public var measuredSeconds: Double?
  /// Warm-up discarded before the measured window, in seconds.
  public var warmupSeconds: Double
  /// Visits that started inside the measured window.
  public var visits: UInt64
  /// Summary per stage: pageLoad, counterApi, dns, cdn, origin, apiGateway, lambda, dynamodb.
  public var latencyMs: [String: LatencySummary]
  public var cdn: CDNStats?
  public var dns: DNSStats?
  public var apiGateway: APIGatewayStats?
  public var lambda: LambdaStats?
  public var dynamodb: DynamoDBStats?
  public var errors: ErrorStats
  public var timeSeries: TimeSeries?
  public var cost: CostReport?
  /// Responses by HTTP status code (live runs).
  public var statusCounts: [String: UInt64]?
  /// Independent replications merged into this report (nil for a single run).
  public var replications: Int?
  /// 95% confidence intervals of headline figures across replications.
  public var confidence: [String: ConfidenceInterval]?
  /// The full histograms behind `latencyMs`, so reports merge exactly.
  public var histograms: [String: LatencyHistogram]
  /// Caveats the reader must see (scaling, saturation, model limits).
  public var notes: [String]
  /// The identity of each live run this report holds (one random id per run; a merged report
  /// lists them all), so that `merge` can refuse to count one run twice. Nil for simulations.
  public var runIds: [String]?
  /// How a live run's requests ended (nil for simulations).
  public var live: LiveStats?
  /// How a live run was made: workload, targets, connections, start time, version.
  public var liveSettings: LiveSettings?
  /// The checks a live run made on its responses (`live --check`); nil without any.
  public var checks: CheckStats?
  /// The traffic the simulated window carried: the peak arrival rate reached and the busiest
  /// minute (nil for live runs and reports of older versions).
  public var workload: WorkloadStats?
  /// The thresholds a live run was judged by (`live --threshold`), with each verdict.
  public var thresholds: [ThresholdVerdict]?

  public init(
    mode: String, scenario: String, seed: UInt64, simulatedSeconds: Double, warmupSeconds: Double,
    visits: UInt64, histograms: [String: LatencyHistogram], errors: ErrorStats
  ) {
    self.mode = mode
    self.scenario = scenario
    self.seed = seed
    self.simulatedSeconds = simulatedSeconds
    self.warmupSeconds = warmupSeconds
    self.visits = visits
    self.histograms = histograms
    self.latencyMs = histograms.mapValues(LatencySummary.init)
    self.errors = errors
    self.notes = []
  }
}

/// A ratio that is 0 rather than NaN when nothing was counted.
@inlinable public func ratio(_ part: UInt64, _ whole: UInt64) -> Double {
  whole == 0 ? 0 : Double(part) / Double(whole)

}
