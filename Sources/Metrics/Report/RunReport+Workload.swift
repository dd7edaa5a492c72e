extension RunReport {
  /// Which parts of a visit the run sent: the site (page and assets), the counter API, or both.
  public var partsSent: String {
    let site = (latencyMs[LatencySeries.pageLoad.rawValue]?.count ?? 0) > 0 || (cdn?.requests ?? 0) > 0
      || (errors.site?.requests ?? 0) > 0
    let api = (latencyMs[LatencySeries.counterApi.rawValue]?.count ?? 0) > 0 || (errors.counterApi?.requests ?? 0) > 0
    switch (site, api) {
    case (true, true): return "all"
    case (true, false): return "site"
    case (false, true): return "api"
    case (false, false): return "none"
    }
  }

  /// Visits per second over the measured window.
  public var visitsPerSecond: Double { simulatedSeconds > 0 ? Double(visits) / simulatedSeconds : 0 }

  /// How the workloads of two reports differ (visits per second, parts, measured time), one
  /// phrase each; empty when they ran the same traffic. A rate differs when it is off by more
  /// than a quarter plus three standard deviations of Poisson noise.
  public func workloadDifferences(from o: RunReport) -> [String] {
    var out: [String] = []
    let (a, b) = (visitsPerSecond, o.visitsPerSecond)
    let noise = 3 * Double(max(visits, o.visits)).squareRoot() / max(min(simulatedSeconds, o.simulatedSeconds), 1e-9)
    if abs(a - b) > 0.25 * max(a, b) + noise {
      out.append("visits per second \(NumberText.plain(a, decimals: 3)) against \(NumberText.plain(b, decimals: 3))")
    }
    if partsSent != o.partsSent { out.append("parts \(partsSent) against \(o.partsSent)") }
    let (s, t) = (simulatedSeconds, o.simulatedSeconds)
    if abs(s - t) > 0.25 * max(s, t) {
      out.append("measured time \(NumberText.plain(s, decimals: 3)) s against \(NumberText.plain(t, decimals: 3)) s")
    }
    return out
  }
}
