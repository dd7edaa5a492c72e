extension RunReport {
  /// How the windows of the reports being merged relate.
  public enum MergeWindows: Sendable {
    /// Independent replications of the same window: measured time adds up.
    case replications
    /// Shards of one run measured over the same wall-clock window: measured time is shared.
    case concurrent
    /// Consecutive parts of one window (time-parallel segments), in order: measured time adds
    /// up and time series are joined end to end.
    case sequential
  }

  /// Combines reports exactly: histograms and counters add, time-averages are weighted by
  /// measured time, peaks take the maximum. The bill is not merged (price the merged counts).
  public static func merge(_ reports: [RunReport], windows: MergeWindows) -> RunReport? {
    guard var merged = reports.first else { return nil }
    merged.cost = nil
    merged.confidence = nil
    for r in reports.dropFirst() {
      merged.absorb(r, windows: windows)
    }
    merged.latencyMs = merged.histograms.mapValues(LatencySummary.init)
    return merged
  }

  private mutating func absorb(_ r: RunReport, windows: MergeWindows) {
    let before = simulatedSeconds
    if let a = workload, let b = r.workload {
      workload = a.combined(with: b, seconds: before, otherSeconds: r.simulatedSeconds)
    } else {
      workload = nil
    }
    switch windows {
    case .replications, .sequential: simulatedSeconds += r.simulatedSeconds
    case .concurrent: simulatedSeconds = Swift.max(simulatedSeconds, r.simulatedSeconds)
    }
    visits += r.visits
    if measuredSeconds != nil || r.measuredSeconds != nil { measuredSeconds = simulatedSeconds }
    if let ids = r.runIds { runIds = (runIds ?? []) + ids }
    if let b = r.live { live = live.map { $0.adding(b) } ?? b }
    if let b = r.checks { checks = checks.map { $0.adding(b) } ?? b }
    for (name, h) in r.histograms {
      if histograms[name] == nil {
        histograms[name] = h
      } else {
        histograms[name]!.merge(h)
      }
    }
    if let b = r.statusCounts {
      var merged = statusCounts ?? [:]
      for (k, v) in b { merged[k, default: 0] += v }
      statusCounts = merged
    }
    errors = errors.adding(r.errors)
    if let a = cdn, let b = r.cdn {
      cdn = CDNStats(
        requests: a.requests + b.requests, hits: a.hits + b.hits, originFetches: a.originFetches + b.originFetches,
        bytesOut: a.bytesOut + b.bytesOut)
    }
    if let a = dns, let b = r.dns {
      dns = DNSStats(
        lookups: a.lookups + b.lookups, resolverCacheHits: a.resolverCacheHits + b.resolverCacheHits,
        route53Queries: a.route53Queries + b.route53Queries)
    }
    if let a = apiGateway, let b = r.apiGateway {
      apiGateway = APIGatewayStats(
        requests: a.requests + b.requests, preflights: a.preflights + b.preflights, throttled: a.throttled + b.throttled
      )
    }
    if let a = dynamodb, let b = r.dynamodb {
      dynamodb = DynamoDBStats(
        writes: a.writes + b.writes, throttled: a.throttled + b.throttled, retries: a.retries + b.retries,
        failed: a.failed + b.failed)
    }
    if let a = lambda, let b = r.lambda {
      // Replications: time-averages weighted by each window; concurrent shards: they add.
      func combine(_ x: Double, _ y: Double) -> Double {
        switch windows {
        case .replications, .sequential:
          let total = before + r.simulatedSeconds
          return total > 0 ? (x * before + y * r.simulatedSeconds) / total : 0
        case .concurrent: return x + y
        }
      }
      lambda = LambdaStats(
        invocations: a.invocations + b.invocations, coldStarts: a.coldStarts + b.coldStarts,
        throttled: a.throttled + b.throttled,
        provisionedInvocations: a.provisionedInvocations + b.provisionedInvocations,
        timeouts: a.timeouts + b.timeouts, meanInstances: combine(a.meanInstances, b.meanInstances),
        meanBusyInstances: combine(a.meanBusyInstances, b.meanBusyInstances),
        peakConcurrency: windows == .concurrent
          ? a.peakConcurrency + b.peakConcurrency : Swift.max(a.peakConcurrency, b.peakConcurrency),
        billedDurationMs: a.billedDurationMs + b.billedDurationMs, billedInitMs: a.billedInitMs + b.billedInitMs,
        provisionedBilledDurationMs: a.provisionedBilledDurationMs + b.provisionedBilledDurationMs)
    }
    if windows == .sequential, let a = timeSeries, let b = r.timeSeries, a.bucketSeconds == b.bucketSeconds {
      timeSeries = a.followed(by: b)
    } else if windows != .sequential, let a = timeSeries, let b = r.timeSeries, a.bucketSeconds == b.bucketSeconds,
      a.startSeconds == b.startSeconds
    {
      timeSeries = a.overlaid(with: b)
    }
    for note in r.notes where !notes.contains(note) { notes.append(note) }
  }
}

extension RunReport.MergeWindows: Equatable {}
