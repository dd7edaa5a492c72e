import Metrics

/// Renders a sweep as an HTML page: latency, ratios and cost against the varied parameter.
public enum SweepHTML {
  /// Every point as an HTML table row (the CSV's columns), numbers right-aligned, the
  /// cheapest passing point in bold: wraps to the page, no column hidden in a scroll box.
  static func table(_ s: SweepReport) -> String {
    // As the text table: a service whose cost is the same at every point is said once below,
    // and so is a figure that is 0 at every point; the page's width goes to what varies.
    let constant = SweepTable.constantServiceCosts(s)
    let zero = s.metrics.indices.filter { k in
      s.points.count > 1 && !s.metrics[k].hasPrefix("cost.") && s.points.allSatisfy { $0.metrics[k] == 0 }
    }.map { s.metrics[$0] }
    let shown = s.metrics.indices.filter { constant[s.metrics[$0]] == nil && !zero.contains(s.metrics[$0]) }
    var out = "<table class=\"sweep\"><thead><tr>"
    // Long names break after their dots, not inside words.
    func header(_ name: String) -> String {
      if name.hasPrefix("cost.monthly.") { return SVG.escape(String(name.dropFirst("cost.monthly.".count))) + " <wbr>$/month" }
      return SVG.escape(name).replacingOccurrences(of: ".", with: ".<wbr>")
    }
    for p in s.parameters { out += "<th>\(header(p))</th>" }
    for k in shown { out += "<th class=\"num\">\(header(s.metrics[k]))</th>" }
    if !s.objectives.isEmpty { out += "<th>objectives missed</th>" }
    out += "</tr></thead><tbody>"
    for (i, p) in s.points.enumerated() {
      let strong = i == s.cheapestPassing
      out += strong ? "<tr class=\"best\">" : "<tr>"
      for v in p.values { out += "<td>\(SVG.escape(v))</td>" }
      for k in shown {
        let m = s.metrics[k]
        let v =
          p.metrics[k].map { x in
            if m.hasPrefix("cost.monthly.") { return TextFormat.money(x) }
            if m.hasSuffix("Ratio") || m.hasSuffix("rate") { return NumberText.grouped(x, decimals: 4) }
            return NumberText.grouped(x, decimals: 1)
          } ?? "-"
        out += "<td class=\"num\">\(strong ? "<strong>\(v)</strong>" : v)</td>"
      }
      if !s.objectives.isEmpty { out += "<td>\(SVG.escape(p.missed.joined(separator: "; ")))</td>" }
      out += "</tr>"
    }
    out += "</tbody></table>"
    var same: [String] = constant.keys.sorted().map { "\($0) \(TextFormat.money(constant[$0]!))" }
    same += zero.map { "\($0) 0" }
    if !same.isEmpty { out += "<p class=\"meta\">The same at every point: \(SVG.escape(same.joined(separator: ", "))).</p>" }
    return out
  }

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
    // Log axes where values span two decades or more (load multipliers), and for memory,
    // whose sizes double: ticks at the sizes swept.
    let memory = s.parameters.first == "lambda.memoryMB"
    let logX =
      numeric
      && (s.parameters.first == "load" || memory
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
      numeric
      ? (memory
        ? Dictionary(first.compactMap { $0 }.map { ($0, String(Int($0))) }, uniquingKeysWith: { a, _ in a }) : nil)
      : Dictionary(uniqueKeysWithValues: labels.enumerated().map { (Double($0.offset), $0.element) })
    // Objectives drawn where their figure is plotted: latency in ms, rates as fractions.
    // Objectives drawn where their figure is plotted, at their limit (read as the sweep read
    // them: latency in ms, a percentage as a fraction).
    func references(_ figures: [String]) -> [(y: Double, label: String)] {
      s.objectives.compactMap { text in
        guard let o = try? Objective(parsing: text), figures.contains(o.metric) else { return nil }
        return (o.limit, "objective \(text)")
      }
    }
    body += "<h2>Latency</h2>"
    body += SVG.lineChart(
      title: "p50 and p99 (ms)",
      series: curves("pageLoad.p99", "pageLoad p99") + curves("counterApi.p99", "counterApi p99")
        + curves("counterApi.p50", "counterApi p50"),
      xLabel: xLabel, yLabel: "ms", logX: logX, xTickLabels: ticks, marker: marker,
      references: references(["pageLoad.p99", "counterApi.p99", "counterApi.p50", "pageLoad.p50"]))
    body += "<h2>Cold starts, throttles and errors</h2>"
    body += SVG.lineChart(
      title: "Ratios",
      series: curves("lambda.coldStartRatio", "cold-start ratio") + curves("lambda.throttleRatio", "throttle ratio")
        + curves("errors.rate", "error rate"),
      xLabel: xLabel, yLabel: "fraction", logX: logX, xTickLabels: ticks, marker: marker,
      references: references(
        ["lambda.coldStartRatio", "lambda.throttleRatio", "errors.rate", "counterApi.errors.rate"]))
    body += "<h2>Cost</h2>"
    // The total and every service whose cost changes across the points (a memory sweep's
    // Lambda line, hidden under the hosted zone in the total).
    let varying = s.metrics.filter {
      $0.hasPrefix("cost.monthly.") && $0 != "cost.monthly.total" && SweepTable.constantServiceCosts(s)[$0] == nil
    }
    let costSeries =
      curves("cost.monthly.total", "total") + varying.flatMap { curves($0, String($0.dropFirst("cost.monthly.".count))) }
    let costs = costSeries.flatMap(\.points).map(\.y).filter { $0 > 0 }
    // A bill over two decades or more (a load sweep) on a log axis: else all below 1,000x sits on zero.
    let logCost = (costs.max() ?? 0) / max(costs.min() ?? 1, 1e-9) >= 100
    body += SVG.lineChart(
      title: "Monthly bill (USD)" + (logCost ? ", log scale" : ""), series: costSeries,
      xLabel: xLabel, yLabel: "USD a month", logX: logX, logY: logCost, xTickLabels: ticks, marker: marker,
      references: references(["cost.monthly.total"]))
    if s.metrics.contains("cost.lambdaGBSeconds") {
      body += SVG.lineChart(
        title: "Lambda GB-seconds a month", series: curves("cost.lambdaGBSeconds", "GB-s"), xLabel: xLabel,
        yLabel: "GB-s a month", logX: logX, xTickLabels: ticks, marker: marker)
    }
    body += "<h2>Table</h2>" + Self.table(s)
    return HTMLPage.wrap(title: "visitorsim sweep: \(s.scenario)", body: body)
  }
}
