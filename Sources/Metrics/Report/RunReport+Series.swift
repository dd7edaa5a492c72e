extension RunReport {
  /// The histogram of `series`, when the run recorded it.
  public subscript(series series: LatencySeries) -> LatencyHistogram? { histograms[series.rawValue] }

  /// A live run's round trip to the site: the median TCP connect time (one round trip), nil
  /// when no connection was timed. Prediction, calibration and the cold-start estimate take it
  /// as the load generator's network.
  public var roundTripMs: Double? {
    guard let connect = self[series: .connect], connect.count > 0 else { return nil }
    return connect.percentileMicros(0.5) / 1_000
  }
}
