/// The headline figures of a set of logs, computed the same way for logs fetched from AWS and
/// for logs the simulation wrote, so that the two compare like with like.
public struct LogSummary: Sendable, Equatable {
  public var invocations = 0
  public var coldStarts = 0
  public var initMs = SortedSample([])
  /// `Duration` (handler time, init excluded).
  public var durationMs = SortedSample([])
  public var billedDurationMs = 0.0
  /// Billed GB-seconds: billed duration times the memory size each report names.
  public var gbSeconds = 0.0
  /// Execution environments (log streams) seen.
  public var environments = 0
  /// Most invocations running at once, from each report's start and end.
  public var peakConcurrency = 0
  public var apiRequests = 0
  /// 429 responses in the API Gateway log.
  public var throttled = 0
  /// 5xx responses in the API Gateway log.
  public var serverErrors = 0
  public var edgeRequests = 0
  public var edgeHits = 0
  public var edgeMisses = 0
  /// First to last logged time, in seconds.
  public var spanSeconds = 0.0

  public var hitRatio: Double? {
    edgeHits + edgeMisses > 0 ? Double(edgeHits) / Double(edgeHits + edgeMisses) : nil
  }

  public var coldStartRatio: Double? { invocations > 0 ? Double(coldStarts) / Double(invocations) : nil }

  public init(lambda: [LambdaInvocation], edge: [EdgeRequest], api: [APIAccess]) {
    invocations = lambda.count
    coldStarts = lambda.count { $0.isCold }
    initMs = SortedSample(lambda.compactMap { $0.initDurationMs ?? $0.restoreDurationMs })
    durationMs = SortedSample(lambda.map(\.durationMs))
    for r in lambda {
      billedDurationMs += r.billedDurationMs
      gbSeconds += r.billedDurationMs / 1_000 * Double(r.memorySizeMB ?? 128) / 1_024
    }
    environments = Set(lambda.compactMap(\.stream)).count
    peakConcurrency = Self.peak(
      lambda.compactMap { r in r.startSeconds.flatMap { s in r.endSeconds.map { (s, $0) } } })
    apiRequests = api.count
    throttled = api.count { $0.status == 429 }
    serverErrors = api.count { ($0.status ?? 0) >= 500 }
    edgeRequests = edge.count
    for r in edge {
      switch r.result {
      case .hit: edgeHits += 1
      case .miss, .refreshHit: edgeMisses += 1
      default: break
      }
    }
    let times = lambda.compactMap(\.endSeconds) + edge.map(\.timeSeconds) + api.compactMap(\.timeSeconds)
    if let lo = times.min(), let hi = times.max() { spanSeconds = hi - lo }
  }

  /// Most intervals open at once (an end at the same instant as a start comes first).
  static func peak(_ intervals: [(start: Double, end: Double)]) -> Int {
    var edges: [(Double, Int)] = []
    edges.reserveCapacity(intervals.count * 2)
    for i in intervals {
      edges.append((i.start, 1))
      edges.append((max(i.end, i.start), -1))
    }
    edges.sort { $0.0 != $1.0 ? $0.0 < $1.0 : $0.1 < $1.1 }
    var open = 0
    var most = 0
    for e in edges {
      open += e.1
      most = max(most, open)
    }
    return most
  }
}
