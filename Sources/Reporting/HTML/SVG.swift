import Metrics
import Foundation

/// Small inline-SVG charts: no scripts, no fonts beyond the system's, deterministic text.
enum SVG {
  static let palette = ["#2563eb", "#dc2626", "#16a34a", "#9333ea", "#ea580c", "#0891b2", "#4b5563", "#ca8a04"]

  /// A series of (x, y) points.
  struct Series {
    var name: String
    var points: [(x: Double, y: Double)]
  }

  static func escape(_ s: String) -> String {
    s.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
      .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
  }

  static func n(_ x: Double) -> String { String(format: "%.1f", x) }

  /// A tick label: 0.5, 12, 1.2k, 3M.
  static func label(_ v: Double) -> String {
    let a = abs(v)
    if a >= 1e6 { return String(format: "%gM", (v / 1e6 * 100).rounded() / 100) }
    if a >= 1e4 { return String(format: "%gk", (v / 1e3 * 10).rounded() / 10) }
    if a >= 100 || v == v.rounded() { return String(format: "%.0f", v) }
    if a >= 1 { return String(format: "%.1f", v) }
    // Never an exponent: 0.05, 0.0012, 0.00001 as people write them.
    if a == 0 { return "0" }
    let digits = max(1, Int((-log10(a)).rounded(.up)) + 2)
    return NumberText.grouped(v, decimals: min(digits, 12))
  }

  /// A line chart. `logX`/`logY` use a base-10 scale (values <= 0 are dropped). A point whose
  /// y is NaN breaks its line: a gap, not a line joined across missing data.
  static func lineChart(
    title: String, series: [Series], xLabel: String, yLabel: String, logX: Bool = false, logY: Bool = false,
    width: Double = 860, height: Double = 300, xTickLabels: [Double: String]? = nil,
    marker: (x: Double, label: String)? = nil, references: [(y: Double, label: String)] = []
  ) -> String {
    let left = 70.0
    let right = 20.0
    let bottom = 45.0
    let plotW = width - left - right
    // The legend sits above the plot, in as many rows as its entries need: never over data.
    var legendRows: [[(index: Int, x: Double)]] = [[]]
    var cursor = left
    for (k, s) in series.enumerated() where s.points.contains(where: { !$0.y.isNaN }) {
      let w = 30 + 6.5 * Double(s.name.count)
      if cursor + w > left + plotW && !legendRows[legendRows.count - 1].isEmpty {
        legendRows.append([])
        cursor = left
      }
      legendRows[legendRows.count - 1].append((k, cursor))
      cursor += w
    }
    // Reference lines and the marker are named in the legend too (a dashed sample), not
    // written over data.
    var referenceEntries: [(row: Int, x: Double, label: String, color: String)] = []
    let named =
      references.map { ($0.label, "#b91c1c") } + (marker.map { [($0.label, "#111827")] } ?? [])
    for (label, color) in named {
      let w = 40 + 6.5 * Double(label.count)
      if cursor + w > left + plotW && !(legendRows[legendRows.count - 1].isEmpty && referenceEntries.isEmpty) {
        legendRows.append([])
        cursor = left
      }
      referenceEntries.append((legendRows.count - 1, cursor, label, color))
      cursor += w
    }
    let legendHeight =
      legendRows[0].isEmpty && referenceEntries.isEmpty ? 0 : Double(legendRows.count) * 18
    let top = 30.0 + legendHeight
    let plotH = height - 30 - bottom
    let height = height + legendHeight
    let all = series.flatMap(\.points).filter { !$0.y.isNaN && (!logX || $0.x > 0) && (!logY || $0.y > 0) }
    var out =
      "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart\" width=\"\(n(width))\" height=\"\(n(height))\" viewBox=\"0 0 \(n(width)) \(n(height))\" role=\"img\" aria-label=\"\(escape(title))\">"
    out += "<text x=\"\(n(left))\" y=\"18\" class=\"title\">\(escape(title))</text>"
    guard !all.isEmpty else { return out + "<text x=\"\(n(left))\" y=\"\(n(top + plotH / 2))\">no data</text></svg>" }
    func tx(_ v: Double) -> Double { logX ? log10(v) : v }
    func ty(_ v: Double) -> Double { logY ? log10(v) : v }
    var (x0, x1) = (all.map { tx($0.x) }.min()!, all.map { tx($0.x) }.max()!)
    var (y0, y1) = (logY ? all.map { ty($0.y) }.min()! : min(0, all.map(\.y).min()!), all.map { ty($0.y) }.max()!)
    if x1 == x0 {
      x0 -= 1
      x1 += 1
    }
    if y1 == y0 { y1 = y0 + 1 }
    if !logY { y1 *= 1.05 }
    func px(_ v: Double) -> Double { left + (tx(v) - x0) / (x1 - x0) * plotW }
    func py(_ v: Double) -> Double { top + plotH - (ty(v) - y0) / (y1 - y0) * plotH }
    out += "<rect x=\"\(n(left))\" y=\"\(n(top))\" width=\"\(n(plotW))\" height=\"\(n(plotH))\" class=\"plot\"/>"
    // Y ticks.
    for t in ticks(y0, y1, log: logY) {
      let y = top + plotH - (t - y0) / (y1 - y0) * plotH
      out += "<line x1=\"\(n(left))\" x2=\"\(n(left + plotW))\" y1=\"\(n(y))\" y2=\"\(n(y))\" class=\"grid\"/>"
      out +=
        "<text x=\"\(n(left - 6))\" y=\"\(n(y + 4))\" class=\"tick\" text-anchor=\"end\">\(label(logY ? pow(10, t) : t))</text>"
    }
    // X ticks.
    if let labels = xTickLabels {
      for (v, text) in labels.sorted(by: { $0.key < $1.key }) {
        out +=
          "<text x=\"\(n(px(v)))\" y=\"\(n(top + plotH + 16))\" class=\"tick\" text-anchor=\"middle\">\(escape(text))</text>"
      }
    } else {
      for t in ticks(x0, x1, log: logX) {
        let x = left + (t - x0) / (x1 - x0) * plotW
        out += "<line x1=\"\(n(x))\" x2=\"\(n(x))\" y1=\"\(n(top))\" y2=\"\(n(top + plotH))\" class=\"grid\"/>"
        out +=
          "<text x=\"\(n(x))\" y=\"\(n(top + plotH + 16))\" class=\"tick\" text-anchor=\"middle\">\(label(logX ? pow(10, t) : t))</text>"
      }
    }
    out +=
      "<text x=\"\(n(left + plotW / 2))\" y=\"\(n(height - 6))\" class=\"axis\" text-anchor=\"middle\">\(escape(xLabel))</text>"
    out +=
      "<text x=\"14\" y=\"\(n(top + plotH / 2))\" class=\"axis\" text-anchor=\"middle\" transform=\"rotate(-90 14 \(n(top + plotH / 2)))\">\(escape(yLabel))</text>"
    // Objectives as labelled reference lines.
    for r in references where (!logY || r.y > 0) && ty(r.y) >= y0 && ty(r.y) <= y1 {
      let y = py(r.y)
      out +=
        "<line x1=\"\(n(left))\" x2=\"\(n(left + plotW))\" y1=\"\(n(y))\" y2=\"\(n(y))\" class=\"reference\" stroke=\"#b91c1c\" stroke-dasharray=\"6 4\"/>"
    }
    for e in referenceEntries {
      let y = 30 + Double(e.row) * 18
      out +=
        "<line x1=\"\(n(e.x))\" x2=\"\(n(e.x + 20))\" y1=\"\(n(y + 4))\" y2=\"\(n(y + 4))\" stroke=\"\(e.color)\" stroke-width=\"2\" stroke-dasharray=\"6 4\"/>"
      out += "<text x=\"\(n(e.x + 24))\" y=\"\(n(y + 8))\" class=\"legend\">\(escape(e.label))</text>"
    }
    if let marker, !logX || marker.x > 0 {
      let x = px(marker.x)
      out +=
        "<line x1=\"\(n(x))\" x2=\"\(n(x))\" y1=\"\(n(top))\" y2=\"\(n(top + plotH))\" class=\"marker\" stroke=\"#111827\" stroke-dasharray=\"4 3\"/>"
    }
    for (row, entries) in legendRows.enumerated() {
      for e in entries {
        let color = palette[e.index % palette.count]
        let y = 30 + Double(row) * 18
        out += "<rect x=\"\(n(e.x))\" y=\"\(n(y - 2))\" width=\"12\" height=\"12\" fill=\"\(color)\"/>"
        out += "<text x=\"\(n(e.x + 16))\" y=\"\(n(y + 8))\" class=\"legend\">\(escape(series[e.index].name))</text>"
      }
    }
    for (k, s) in series.enumerated() {
      let kept = s.points.filter { $0.y.isNaN || ((!logX || $0.x > 0) && (!logY || $0.y > 0)) }
      let pts = kept.filter { !$0.y.isNaN }
      guard !pts.isEmpty else { continue }
      let color = palette[k % palette.count]
      // One polyline per run of points between gaps.
      var runs: [[(x: Double, y: Double)]] = [[]]
      for p in kept {
        if p.y.isNaN {
          if !runs[runs.count - 1].isEmpty { runs.append([]) }
        } else {
          runs[runs.count - 1].append(p)
        }
      }
      for run in runs where !run.isEmpty {
        let path = run.map { "\(n(px($0.x))),\(n(py($0.y)))" }.joined(separator: " ")
        out += "<polyline class=\"series\" fill=\"none\" stroke=\"\(color)\" stroke-width=\"2\" points=\"\(path)\"/>"
      }
      if pts.count <= 40 {
        for p in pts { out += "<circle cx=\"\(n(px(p.x)))\" cy=\"\(n(py(p.y)))\" r=\"3\" fill=\"\(color)\"/>" }
      }
    }
    return out + "</svg>"
  }

  /// Horizontal grouped bars: one row per category, one bar per series.
  static func barChart(
    title: String, categories: [String], series: [(name: String, values: [Double])], unit: String,
    logScale: Bool = false,
    width: Double = 860
  ) -> String {
    let left = 150.0
    let right = 90.0
    let top = 40.0
    let rowH = 14.0 * Double(max(series.count, 1)) + 10
    let height = top + rowH * Double(categories.count) + 30
    let plotW = width - left - right
    let values = series.flatMap(\.values).filter { !logScale || $0 > 0 }
    var out =
      "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart\" width=\"\(n(width))\" height=\"\(n(height))\" viewBox=\"0 0 \(n(width)) \(n(height))\" role=\"img\" aria-label=\"\(escape(title))\">"
    out += "<text x=\"10\" y=\"18\" class=\"title\">\(escape(title))</text>"
    let maxV = values.max() ?? 1
    let minV = logScale ? max(values.min() ?? 0.1, 1e-3) / 2 : 0
    func w(_ v: Double) -> Double {
      guard v > 0, maxV > 0 else { return 0 }
      if logScale { return max(1, (log10(v) - log10(minV)) / (log10(maxV) - log10(minV)) * plotW) }
      return max(1, v / maxV * plotW)
    }
    for (k, s) in series.enumerated() {
      out +=
        "<rect x=\"\(n(left + Double(k) * 110))\" y=\"26\" width=\"10\" height=\"10\" fill=\"\(palette[k % palette.count])\"/>"
      out += "<text x=\"\(n(left + 14 + Double(k) * 110))\" y=\"35\" class=\"legend\">\(escape(s.name))</text>"
    }
    for (r, cat) in categories.enumerated() {
      let y = top + Double(r) * rowH
      out +=
        "<text x=\"\(n(left - 8))\" y=\"\(n(y + rowH / 2 + 4))\" class=\"tick\" text-anchor=\"end\">\(escape(cat))</text>"
      for (k, s) in series.enumerated() where r < s.values.count {
        let v = s.values[r]
        let by = y + 4 + Double(k) * 14
        out +=
          "<rect class=\"bar\" x=\"\(n(left))\" y=\"\(n(by))\" width=\"\(n(w(v)))\" height=\"12\" fill=\"\(palette[k % palette.count])\"/>"
        // Money with its currency, as the tables write it ($0.50, not 0.5).
        let text = unit == "$" ? TextFormat.money(v) : label(v) + unit
        out += "<text x=\"\(n(left + w(v) + 4))\" y=\"\(n(by + 10))\" class=\"value\">\(text)</text>"
      }
    }
    return out + "</svg>"
  }

  /// Tick positions (in transformed units) for an axis.
  static func ticks(_ lo: Double, _ hi: Double, log: Bool) -> [Double] {
    if log {
      let a = Int(lo.rounded(.down))
      let b = Int(hi.rounded(.up))
      return (a...max(a, b)).map(Double.init).filter { $0 >= lo - 1e-9 && $0 <= hi + 1e-9 }
    }
    let span = hi - lo
    let raw = span / 5
    let mag = pow(10, (log10(raw)).rounded(.down))
    let step = [1.0, 2, 5, 10].map { $0 * mag }.first { $0 >= raw } ?? raw
    var t = (lo / step).rounded(.up) * step
    var out: [Double] = []
    while t <= hi + 1e-9 && out.count < 12 {
      out.append(t)
      t += step
    }
    return out
  }
}
