import Foundation
import Metrics

/// Renders a run report as one self-contained HTML page with inline SVG charts: latency
/// percentiles per stage, the latency distribution, the run over time (visits, cold starts,
/// throttles, errors, p99) and the bill.
public enum HTMLReport {
  public static func render(_ r: RunReport) -> String {
    typealias F = TextFormat
    var body = "<h1>visitorsim \(SVG.escape(r.mode)): \(SVG.escape(r.scenario))</h1>"
    if r.mode == "live" {
      // A measurement's words: what ran, when and how; no seed, no warm-up.
      body += "<p class=\"meta\">" + SVG.escape(LiveSummary.startedSentence(r) + LiveSummary.measured(r))
      body +=
        "; errors \(F.count(r.errors.total)) of \(F.count(r.errors.requests)) requests (\(F.percent(r.errors.rate))).</p>"
      if let workload = LiveSummary.workload(r) { body += "<p class=\"meta\">\(SVG.escape(workload))</p>" }
    } else {
      body +=
        "<p class=\"meta\">Seed \(r.seed); measured \(F.duration(r.simulatedSeconds)) after \(F.duration(r.warmupSeconds)) of warm-up (discarded); \(F.count(r.visits)) visits"
      if let n = r.replications { body += "; \(n) replications merged" }
      body +=
        "; errors \(F.count(r.errors.total)) of \(F.count(r.errors.requests)) requests (\(F.percent(r.errors.rate))).</p>"
    }
    for note in r.notes { body += "<div class=\"note\">\(SVG.escape(note))</div>" }
    let stageRows = LiveSummary.stageRows(r)
    if !stageRows.isEmpty {
      body +=
        "<h2>Requests by stage</h2>"
        + HTMLPage.table(header: LiveSummary.stageHeader, rows: stageRows, leftColumns: [0, 5])
    }
    if let checks = r.checks {
      body +=
        "<h2>Checks: \(F.percent(checks.rate)) passed</h2><table><tr><th>check</th><th>passed</th><th>failed</th><th>first failure</th></tr>"
      for c in checks.checks {
        body +=
          c.passes + c.fails == 0
          ? "<tr><td><code>\(SVG.escape(c.check))</code></td><td>-</td><td>-</td><td>not run (no \(SVG.escape(c.stage)) response)</td></tr>"
          : "<tr><td><code>\(SVG.escape(c.check))</code></td><td>\(F.count(c.passes))</td><td>\(F.count(c.fails))</td><td>\(SVG.escape(c.firstFailure ?? ""))</td></tr>"
      }
      body += "</table>"
    }

    // Latency percentiles per stage.
    let stages = TextReport.stageOrder.filter { (r.latencyMs[$0]?.count ?? 0) > 0 }
    body += "<h2>Latency per stage</h2>"
    body += SVG.barChart(
      title: "Percentiles per stage (ms, log scale)", categories: stages,
      series: [
        ("p50", stages.map { r.latencyMs[$0]!.p50 }), ("p90", stages.map { r.latencyMs[$0]!.p90 }),
        ("p99", stages.map { r.latencyMs[$0]!.p99 }), ("p99.9", stages.map { r.latencyMs[$0]!.p999 }),
      ],
      unit: " ms", logScale: true)
    body += HTMLPage.table(
      header: ["stage", "count", "mean", "p50", "p90", "p95", "p99", "p99.9", "max"],
      rows: stages.map { name in
        let s = r.latencyMs[name]!
        // A percentile with too few samples past it is marked, as in the text report.
        return [name, F.count(s.count)]
          + ["mean", "p50", "p90", "p95", "p99", "p999", "max"].map { stat in
            TextReport.milliseconds(s.value(named: stat) ?? 0, stat, count: s.count)
          }
      })
    if stages.contains(where: { TextReport.isThin("p999", count: r.latencyMs[$0]?.count ?? 0) }) {
      body += "<p class=\"meta\">\(SVG.escape(TextReport.thinFootnote)).</p>"
    }

    // Distribution.
    let curves = ["pageLoad", "counterApi"].compactMap { name -> SVG.Series? in
      guard let h = r.histograms[name], h.count > 0 else { return nil }
      return SVG.Series(name: name, points: h.cumulativeMs().map { ($0.ms, $0.fraction) })
    }
    body += "<h2>Latency distribution</h2>"
    body += SVG.lineChart(
      title: "Share of requests at or below a latency", series: curves, xLabel: "latency (ms, log scale)",
      yLabel: "fraction", logX: true)

    // Over time.
    if let ts = r.timeSeries {
      // The unit that fits the run: seconds under ten minutes, minutes under a day, else hours.
      let span = Double(ts.series.values.first?.count ?? 0) * ts.bucketSeconds
      let (unit, unitName) = span >= 86_400 ? (3_600.0, "hours") : span >= 600 ? (60.0, "minutes") : (1.0, "seconds")
      func x(_ i: Int) -> Double { (ts.startSeconds + Double(i) * ts.bucketSeconds - ts.startSeconds) / unit }
      func series(_ name: String, _ key: String) -> SVG.Series? {
        guard let values = ts.series[key] else { return nil }
        return SVG.Series(name: name, points: values.enumerated().map { (x($0.offset), Double($0.element)) })
      }
      let xLabel =
        "time since the window opened (\(unitName); buckets of \(F.duration(ts.bucketSeconds)))"
      body += "<h2>Over time</h2>"
      body += SVG.lineChart(
        title: "Visits per bucket", series: [series("visits", "visits")].compactMap { $0 }, xLabel: xLabel,
        yLabel: "visits")
      body += SVG.lineChart(
        title: "Cold starts, throttles and errors per bucket",
        series: [
          series("cold starts", "coldStarts"), series("Lambda throttles", "lambdaThrottles"),
          series("API Gateway throttles", "apiGatewayThrottles"), series("DynamoDB throttles", "dynamodbThrottles"),
          series("errors", "errors"),
        ].compactMap { $0 },
        xLabel: xLabel, yLabel: "count")
      if let p99 = ts.p99Ms["counterApi"] {
        // A p99 needs 100 samples: a bucket with fewer counter calls is a gap, not its typical
        // call drawn as a tail. Reports of older versions lack the calls per bucket: their
        // visits stand in (one call per visit at most: a bound that never overstates).
        let samples = ts.series[CountSeries.counterApiCalls.rawValue] ?? ts.series[CountSeries.visits.rawValue] ?? []
        let thin = p99.indices.filter { $0 < samples.count && samples[$0] < 100 && p99[$0] > 0 }.count
        let drawn = p99.indices.filter { p99[$0] > 0 && !($0 < samples.count && samples[$0] < 100) }.count
        if drawn == 0 {
          body +=
            "<p class=\"meta\">Counter API p99 per bucket: not drawn, no bucket held 100 calls (a p99 needs 100 samples; the run's p99 is in the table above).</p>"
        } else {
        body += SVG.lineChart(
          title: "Counter API p99 per bucket (ms)",
          series: [
            SVG.Series(
              name: "counterApi p99",
              points: p99.enumerated().compactMap { i, v in
                guard v > 0 else { return nil }
                return (x(i), i < samples.count && samples[i] < 100 ? .nan : v)
              })
          ],
          xLabel: xLabel, yLabel: "ms")
        if thin > 0 {
          body +=
            "<p class=\"meta\">\(thin) of \(p99.count) buckets held fewer than 100 calls and are left out (gaps): their p99 would be their slowest call, not a tail.</p>"
        }
        }
      }
    }

    // Bill.
    if let c = r.cost {
      let services = [
        ("Route 53", c.monthly.route53), ("CloudFront", c.monthly.cloudfront), ("S3", c.monthly.s3),
        ("API Gateway", c.monthly.apiGateway), ("Lambda", c.monthly.lambda), ("DynamoDB", c.monthly.dynamodb),
        ("CloudWatch", c.monthly.cloudwatch),
      ]
      body += "<h2>Monthly bill: \(F.money(c.monthly.total))</h2>"
      if let w = CostTable.windowWarning(c) { body += "<div class=\"note\">\(SVG.escape(w))</div>" }
      if let w = CostTable.windowSentence(c) { body += "<p class=\"meta\">\(SVG.escape(w)).</p>" }
      body +=
        "<p class=\"meta\">\(SVG.escape(c.currency)), \(SVG.escape(c.pricing.region)), prices as of \(SVG.escape(c.pricing.asOf)); free tier \(c.freeTier ? "on" : "off"); \(F.money(c.monthly.fixed)) fixed and \(F.money(c.monthly.usage)) usage a month, \(F.money(c.yearly)) a year; usage \(String(format: "$%.4f", c.perThousandVisits)) per 1,000 visits.</p>"
      body += SVG.barChart(
        title: "Cost per service (USD a month)", categories: services.map(\.0),
        series: [("pay-as-you-go", services.map(\.1))], unit: "$")
      body += HTMLPage.table(
        header: ["service", "dimension", "quantity", "free", "unit", "unit price", "amount"],
        rows: c.lineItems.map {
          [
            $0.service, $0.dimension, CostTable.quantity($0.quantity), CostTable.quantity($0.freeQuantity), $0.unit,
            CostTable.price($0.unitPrice), F.money($0.amount),
          ]
        },
        leftColumns: [0, 1, 4])
      body += "<p class=\"meta\">Scaling: \(SVG.escape(c.scaling.method)).</p>"
      if let w = c.scaling.warning { body += "<div class=\"note\">\(SVG.escape(w))</div>" }
    }

    if let verdicts = r.thresholds {
      body += "<h2>Thresholds</h2>"
      body += HTMLPage.table(
        header: ["threshold", "value", "verdict"],
        rows: verdicts.map { v in
          [
            v.threshold, v.valueText ?? "-",
            (v.met ? "met" : "MISSED") + (v.reason.map { " (\($0))" } ?? ""),
          ]
        }, leftColumns: [0, 2])
    }
    body += "<h2>Full text report</h2><pre>\(SVG.escape(TextReport.render(r)))</pre>"
    return HTMLPage.wrap(title: "visitorsim: \(r.scenario)", body: body)
  }
}
