extension RunReport {
  /// A figure of the report by its name in `FigureTable` (`counterApi.p99`, `errors.rate`,
  /// `lambda.coldStartRatio`, `cost.monthly.total`), for objectives, thresholds and sweeps.
  /// Nil when the table has no such figure or the report lacks it.
  public func metric(_ name: String) -> Double? { FigureTable.figure(named: name)?.read(self) }

  /// The figures replications report with confidence intervals.
  public static let headlineFigures = [
    "pageLoad.p50", "pageLoad.p99", "counterApi.p50", "counterApi.p99", "lambda.coldStartRatio",
    "lambda.throttleRatio", "lambda.meanInstances", "lambda.meanBusyInstances", "errors.rate", "counterApi.errors.rate",
    "cost.monthly.total",
  ]
}
