/// The result of running one scenario at many parameter values: one row per point.
public struct SweepReport: Codable, Sendable, Equatable {
  public var scenario: String
  /// The varied parameters, in the order of each row's `values`.
  public var parameters: [String]
  /// The figures in each row's `metrics`.
  public var metrics: [String]
  public var replications: Int
  public var points: [Point]
  /// The objectives every point was judged against (`--slo`), as written.
  public var objectives: [String]
  /// The index in `points` of the cheapest point (by `cost.monthly.total`) that meets every
  /// objective; nil without objectives or when no point meets them all.
  public var cheapestPassing: Int?

  public struct Point: Codable, Sendable, Equatable {
    /// One value per parameter, as given on the command line.
    public var values: [String]
    /// One figure per metric (nil when the run has no such figure).
    public var metrics: [Double?]
    /// Notes of the point's run (cost scaling warnings and the like).
    public var notes: [String]
    /// The objectives this point misses (a figure the run lacks counts as missed).
    public var missed: [String]
    public init(values: [String], metrics: [Double?], notes: [String], missed: [String] = []) {
      self.values = values
      self.metrics = metrics
      self.notes = notes
      self.missed = missed
    }
  }

  public init(
    scenario: String, parameters: [String], metrics: [String], replications: Int, points: [Point],
    objectives: [String] = [], cheapestPassing: Int? = nil
  ) {
    self.scenario = scenario
    self.parameters = parameters
    self.metrics = metrics
    self.replications = replications
    self.points = points
    self.objectives = objectives
    self.cheapestPassing = cheapestPassing
  }

  /// The figures a sweep reports by default: latency, ratios, each part's errors, Lambda's
  /// GB-seconds, each service's monthly cost and the total (text tables show the services
  /// whose cost changes across points; CSV and JSON have them all).
  public static let defaultMetrics =
    [
      "pageLoad.p50", "pageLoad.p99", "counterApi.p50", "counterApi.p99", "lambda.coldStartRatio",
      "lambda.throttleRatio", "errors.rate", "counterApi.errors.rate", "cost.lambdaGBSeconds",
    ] + CostService.allCases.filter { $0 != .acm }.map { "cost.monthly.\($0.rawValue)" } + ["cost.monthly.total"]
}
