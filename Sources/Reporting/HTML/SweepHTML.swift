import Metrics

/// Renders a sweep as an HTML page: latency, ratios and cost against the varied parameter.
public enum SweepHTML {
  public static func render(_ s: SweepReport) -> String {
    var body = "<h1>visitorsim sweep: \(SVG.escape(s.scenario))</h1>"
    body +=
      "<p class=\"meta\">\(s.points.count) points over \(SVG.escape(s.parameters.joined(separator: " × ")))\(s.replications > 1 ? ", \(s.replications) replications each" : "").</p>"
    // The x axis: the first parameter's value when it is numeric (a multiplier or a number),
    // otherwise the point's position; other parameters become separate curves.
    let labels = s.points.map { $0.values.joined(separator: ", ") }
    let first = s.points.map { Double($0.values.first?.replacingOccurrences(of: "x", with: "") ?? "") }
    let numeric = first.allSatisfy { $0 != nil } && Set(first.compactMap { $0 }).count > 1
    let groups = Dictionary(grouping: s.points.indices) { s.points[$0].values.dropFirst().joined(separator: ", ") }
    let logX =
      numeric
      && (s.parameters.first == "load"
        || (first.compactMap { $0 }.max()! / max(first.compactMap { $0 }.min()!, 1e-9) >= 100))
    func curves(_ metric: String, _ name: String) -> [SVG.Series] {
      guard let m = s.metrics.firstIndex(of: metric) else { return [] }
      return groups.keys.sorted().map { key in
        let idx = groups[key]!
        return SVG.Series(
          name: key.isEmpty ? name : "\(name) (\(key))",
          points: idx.compactMap { i in s.points[i].metrics[m].map { (numeric ? first[i]! : Double(i), $0) } })
      }
    }
    let xLabel = numeric ? s.parameters[0] : "point"
    // The cheapest point meeting every objective, marked on every chart (as Power Tuning marks
    // its best configuration).
    let marker = s.cheapestPassing.map { i in
      (x: numeric ? first[i]! : Double(i), label: "cheapest meeting every objective: \(labels[i])")
    }
    if !s.objectives.isEmpty {
      body += "<p class=\"meta\">Objectives: \(SVG.escape(s.objectives.joined(separator: ", "))). "
      body +=
        s.cheapestPassing.map { "Cheapest point meeting them all: <strong>\(SVG.escape(labels[$0]))</strong>.</p>" }
        ?? "No point meets them all.</p>"
    }
    let ticks: [Double: String]? =
      numeric ? nil : Dictionary(uniqueKeysWithValues: labels.enumerated().map { (Double($0.offset), $0.element) })
    body += "<h2>Latency</h2>"
    body += SVG.lineChart(
      title: "p50 and p99 (ms)",
      series: curves("pageLoad.p99", "pageLoad p99") + curves("counterApi.p99", "counterApi p99")
        + curves("counterApi.p50", "counterApi p50"),
      xLabel: xLabel, yLabel: "ms", logX: logX, xTickLabels: ticks, marker: marker)
    body += "<h2>Cold starts, throttles and errors</h2>"
    body += SVG.lineChart(
      title: "Ratios",
      series: curves("lambda.coldStartRatio", "cold-start ratio") + curves("lambda.throttleRatio", "throttle ratio")
        + curves("errors.rate", "error rate"),
      xLabel: xLabel, yLabel: "fraction", logX: logX, xTickLabels: ticks, marker: marker)
    body += "<h2>Cost</h2>"
    // The total and every service whose cost changes across the points (a memory sweep's
    // Lambda line, hidden under the hosted zone in the total).
    let varying = s.metrics.filter {
      $0.hasPrefix("cost.monthly.") && $0 != "cost.monthly.total" && SweepTable.constantServiceCosts(s)[$0] == nil
    }
    body += SVG.lineChart(
      title: "Monthly bill (USD)",
      series: curves("cost.monthly.total", "total")
        + varying.flatMap { curves($0, String($0.dropFirst("cost.monthly.".count))) },
      xLabel: xLabel, yLabel: "USD a month", logX: logX, xTickLabels: ticks, marker: marker)
    if s.metrics.contains("cost.lambdaGBSeconds") {
      body += SVG.lineChart(
        title: "Lambda GB-seconds a month", series: curves("cost.lambdaGBSeconds", "GB-s"), xLabel: xLabel,
        yLabel: "GB-s a month", logX: logX, xTickLabels: ticks, marker: marker)
    }
    body += "<h2>Table</h2><pre>\(SVG.escape(SweepTable.text(s)))</pre>"
    return HTMLPage.wrap(title: "visitorsim sweep: \(s.scenario)", body: body)
  }
}
