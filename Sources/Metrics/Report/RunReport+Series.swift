extension RunReport {
  /// The histogram of `series`, when the run recorded it.
  public subscript(series series: LatencySeries) -> LatencyHistogram? { histograms[series.rawValue] }
}
