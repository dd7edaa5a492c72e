extension RunReport {
  /// The histogram of `series`, when the run recorded it.
  public subscript(series series: LatencySeries) -> LatencyHistogram? { histograms[series.rawValue] }

  /// The summary of `series`, when the run recorded it.
  public subscript(summary series: LatencySeries) -> LatencySummary? { latencyMs[series.rawValue] }
}

extension ErrorStats {
  /// Failed requests of one kind.
  public subscript(kind: ErrorName) -> UInt64 { byKind[kind.rawValue] ?? 0 }
}
