/// Every figure a report can hold, declared once. Objectives and thresholds are checked
/// against it before anything runs; sweeps and `help figures` read it.
public enum FigureTable {
  /// The statistics of a latency series, in the order `help figures` lists them.
  public static let latencyStatistics = ["count", "min", "mean", "p50", "p90", "p95", "p99", "p999", "max"]

  /// Which runs record a latency series: the eight stages of a visit are simulated; a live
  /// run measures the browser's view (pageLoad, counterApi, dns) and its own breakdown.
  static func runs(of series: LatencySeries) -> Figure.Runs {
    switch series {
    case .pageLoad, .counterApi, .dns: .both
    case .cdn, .origin, .apiGateway, .lambda, .dynamodb: .simulate
    default: .live
    }
  }

  public static let all: [Figure] = latency + others

  static let latency: [Figure] = LatencySeries.allCases.flatMap { series in
    latencyStatistics.map { stat in
      let name = series.rawValue
      return Figure(
        name: "\(name).\(stat)", unit: stat == "count" ? .count : .milliseconds,
        lowerIsBetter: stat == "count" ? nil : true, runs: runs(of: series),
        help: stat == "count" ? "\(name) samples" : "\(name) latency, \(stat)",
        read: { $0.latencyMs[name]?.value(named: stat) })
    }
  }

  static func f(
    _ name: String, _ unit: Figure.Unit, lower: Bool?, _ runs: Figure.Runs, _ help: String,
    _ read: @escaping @Sendable (RunReport) -> Double?
  ) -> Figure {
    Figure(name: name, unit: unit, lowerIsBetter: lower, runs: runs, help: help, read: read)
  }

  static func n(_ x: UInt64?) -> Double? { x.map(Double.init) }

  static let others: [Figure] =
    [
      f("visits", .count, lower: nil, .both, "visits that started in the measured window") { Double($0.visits) },
      f("errors.rate", .ratio, lower: true, .both, "failed requests over every request of a visit (page, assets, API)") {
        $0.errors.rate
      },
      f("errors.total", .count, lower: true, .both, "failed requests") { Double($0.errors.total) },
      f("errors.requests", .count, lower: nil, .both, "requests of every kind") { Double($0.errors.requests) },
      f("counterApi.errors.rate", .ratio, lower: true, .both, "failed counter API calls (and preflights) over all of them") {
        $0.errors.counterApi?.rate
      },
      f("counterApi.errors.total", .count, lower: true, .both, "failed counter API calls") {
        n($0.errors.counterApi?.total)
      },
      f("site.errors.rate", .ratio, lower: true, .both, "failed page and asset requests over all of them") {
        $0.errors.site?.rate
      },
      f("site.errors.total", .count, lower: true, .both, "failed page and asset requests") { n($0.errors.site?.total) },
    ]
    + ErrorName.allCases.map { kind in
      f(
        "errors.byKind.\(kind.rawValue)", .count, lower: true, kind.isSimulated ? .simulate : .live,
        "requests that failed as \(kind.rawValue)"
      ) { r in
        // Every kind the run could count is 0 when absent (older reports list only those seen).
        r.errors.byKind[kind.rawValue].map(Double.init) ?? 0
      }
    }
    + [
      f("cdn.hitRatio", .ratio, lower: false, .simulate, "edge hits over CDN requests") { $0.cdn?.hitRatio },
      f("cdn.requests", .count, lower: nil, .simulate, "CDN requests (page and assets)") { n($0.cdn?.requests) },
      f("cdn.originFetches", .count, lower: true, .simulate, "requests the edge sent to S3") { n($0.cdn?.originFetches) },
      f("cdn.bytesOut", .count, lower: nil, .simulate, "bytes the edge sent to browsers") { n($0.cdn?.bytesOut) },
      f("dns.route53Queries", .count, lower: nil, .simulate, "lookups that reached Route 53") {
        n($0.dns?.route53Queries)
      },
      f("apiGateway.requests", .count, lower: nil, .simulate, "requests API Gateway received") {
        n($0.apiGateway?.requests)
      },
      f("apiGateway.throttled", .count, lower: true, .simulate, "requests API Gateway refused (429)") {
        n($0.apiGateway?.throttled)
      },
      f("lambda.invocations", .count, lower: nil, .simulate, "invocations that ran") { n($0.lambda?.invocations) },
      f("lambda.coldStarts", .count, lower: true, .simulate, "invocations that started an environment") {
        n($0.lambda?.coldStarts)
      },
      f("lambda.coldStartRatio", .ratio, lower: true, .simulate, "cold starts over invocations") {
        $0.lambda?.coldStartRatio
      },
      f("lambda.throttled", .count, lower: true, .simulate, "invocations refused for concurrency or scaling") {
        n($0.lambda?.throttled)
      },
      f("lambda.throttleRatio", .ratio, lower: true, .simulate, "throttled over attempted invocations") {
        $0.lambda?.throttleRatio
      },
      f("lambda.timeouts", .count, lower: true, .simulate, "invocations that hit the function's timeout") {
        n($0.lambda?.timeouts)
      },
      f("lambda.meanInstances", .environments, lower: nil, .simulate, "environments alive, time-averaged") {
        $0.lambda?.meanInstances
      },
      f("lambda.meanBusyInstances", .environments, lower: nil, .simulate, "environments busy, time-averaged") {
        $0.lambda?.meanBusyInstances
      },
      f("lambda.peakConcurrency", .environments, lower: true, .simulate, "most environments busy at once") {
        $0.lambda.map { Double($0.peakConcurrency) }
      },
      f("dynamodb.writes", .count, lower: nil, .simulate, "successful UpdateItem calls") { n($0.dynamodb?.writes) },
      f("dynamodb.throttled", .count, lower: true, .simulate, "write attempts DynamoDB throttled") {
        n($0.dynamodb?.throttled)
      },
      f("dynamodb.failed", .count, lower: true, .simulate, "writes that failed after the SDK's retries") {
        n($0.dynamodb?.failed)
      },
      f("workload.peakVisitsPerSecond", .visitsPerSecond, lower: nil, .simulate, "the highest arrival rate the scenario reaches in the window") {
        $0.workload?.peakVisitsPerSecond
      },
      f("workload.busiestMinuteVisits", .count, lower: nil, .simulate, "visits in the busiest whole minute") {
        n($0.workload?.busiestMinuteVisits)
      },
      f("cost.monthly.total", .usd, lower: true, .simulate, "the bill of a month at this window's traffic") {
        $0.cost?.monthly.total
      },
    ]
    + CostService.allCases.filter { $0 != .acm }.map { service in
      f("cost.monthly.\(service.rawValue)", .usd, lower: true, .simulate, "\(service.rawValue)'s monthly bill") { r in
        r.cost.map { $0.monthly.amount(service) }
      }
    }
    + [
      f("cost.monthly.fixed", .usd, lower: true, .simulate, "monthly items that do not follow traffic") {
        $0.cost?.monthly.fixed
      },
      f("cost.monthly.usage", .usd, lower: true, .simulate, "monthly items that follow traffic") { $0.cost?.monthly.usage },
      f("cost.window.total", .usd, lower: true, .simulate, "what the simulated window alone costs") {
        $0.cost?.window?.total
      },
      f("cost.window.withoutFreeTier", .usd, lower: true, .simulate, "the window's cost with no free tier") {
        $0.cost?.window?.withoutFreeTier
      },
      f("cost.yearly", .usd, lower: true, .simulate, "the monthly total over a year") { $0.cost?.yearly },
      f("cost.perThousandVisits", .usd, lower: true, .simulate, "usage cost per 1,000 visits") {
        $0.cost?.perThousandVisits
      },
      f("cost.lambdaGBSeconds", .gbSeconds, lower: true, .simulate, "Lambda GB-seconds billed in a month") {
        $0.cost?.lambdaGBSeconds
      },
      f("checks.rate", .ratio, lower: false, .live, "response checks passed over checks made (live --check)") {
        $0.checks.flatMap { $0.passes + $0.fails > 0 ? $0.rate : nil }
      },
      f("checks.passes", .count, lower: false, .live, "response checks passed") { n($0.checks?.passes) },
      f("checks.fails", .count, lower: true, .live, "response checks failed") { n($0.checks?.fails) },
      f("live.requestsIssued", .count, lower: nil, .live, "requests the visits queued") { n($0.live?.requestsIssued) },
      f("live.requestsCutOff", .count, lower: true, .live, "requests cut off by the end of the run") {
        n($0.live?.requestsCutOff)
      },
    ]

  static let byName: [String: Figure] = Dictionary(all.map { ($0.name, $0) }, uniquingKeysWith: { a, _ in a })

  /// The figure named `name`; `latencyMs.counterApi.p99` is read as `counterApi.p99`.
  public static func figure(named name: String) -> Figure? {
    if let f = byName[name] { return f }
    if name.hasPrefix("latencyMs.") { return byName[String(name.dropFirst("latencyMs.".count))] }
    return nil
  }

  /// The figure an objective or threshold names, checked for a run of `mode` (nil: any
  /// run); the error is one line with a suggestion.
  public static func check(_ name: String, for mode: RunMode?) throws(ObjectiveError) -> Figure {
    guard let figure = figure(named: name) else {
      let lower = name.lowercased()
      let sameButCase = all.first { $0.name.lowercased() == lower }?.name
      let hint =
        (sameButCase ?? EditDistance.closest(to: name, among: all.map(\.name))).map { " (did you mean \($0)?)" } ?? ""
      throw ObjectiveError("no figure \"\(name)\"\(hint); visitorsim help figures lists them")
    }
    if let mode, !figure.runs.includes(mode) {
      throw ObjectiveError(
        "\(figure.name) is a \(figure.runs.rawValue) figure: a \(mode.rawValue) run does not have it (visitorsim help figures)"
      )
    }
    return figure
  }
}
