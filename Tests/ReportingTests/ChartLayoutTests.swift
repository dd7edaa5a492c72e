import Foundation
import Metrics
import Testing

@testable import Reporting

/// Where a chart puts its parts: legends above the plot area (never over a mark), objectives as
/// reference lines at their value, objectives read from their text.
@Suite struct ChartLayoutTests {
  /// The numbers of an attribute in every element of a kind (`<text ... y="12">`).
  func values(_ svg: String, element: String, attribute: String, where filter: String = "") -> [Double] {
    svg.components(separatedBy: "<\(element) ").dropFirst().compactMap { piece -> Double? in
      let tag = piece.prefix { $0 != ">" }
      guard filter.isEmpty || tag.contains(filter), let r = tag.range(of: "\(attribute)=\"") else { return nil }
      return Double(tag[r.upperBound...].prefix { $0 != "\"" })
    }
  }

  @Test func legendsSitAboveThePlotInAsManyRowsAsTheyNeed() {
    let series = (1...6).map { k in
      SVG.Series(name: "a rather long series name \(k)", points: [(1, Double(k)), (10, Double(k * 2))])
    }
    let svg = SVG.lineChart(
      title: "t", series: series, xLabel: "x", yLabel: "y", references: [(y: 5, label: "objective y<=5")])
    let plotTop = values(svg, element: "rect", attribute: "y", where: "class=\"plot\"").first ?? 0
    let legend = values(svg, element: "text", attribute: "y", where: "class=\"legend\"")
    #expect(legend.count == 7)
    #expect(legend.allSatisfy { $0 < plotTop }, "legend at \(legend), plot from \(plotTop)")
    // Seven entries of about 200 px do not fit one row of 770 px: more rows, a taller chart.
    #expect(Set(legend).count >= 2)
    let height = values(svg, element: "svg", attribute: "height").first ?? 0
    #expect(height > 300)
    // The reference line is drawn across the plot at y = 5, inside the plot area.
    let ref = values(svg, element: "line", attribute: "y1", where: "class=\"reference\"")
    #expect(ref.count == 1 && ref[0] > plotTop)
  }

  /// Each objective is drawn once, on the chart of its figure, at its limit as the sweep reads
  /// it (Objective: 0.7 s is 700 ms, 0.1% is 0.001).
  @Test func objectivesAreDrawnWhereTheirFigureIsPlotted() {
    let report = SweepReport(
      scenario: "s", parameters: ["lambda.memoryMB"], metrics: ["counterApi.p99", "errors.rate"], replications: 1,
      points: [
        .init(values: ["128"], metrics: [650, 0.0005], notes: [], missed: []),
        .init(values: ["512"], metrics: [750, 0.002], notes: [], missed: ["counterApi.p99<=0.7s", "errors.rate<=0.1%"]),
      ], objectives: ["counterApi.p99<=0.7s", "errors.rate<=0.1%"], cheapestPassing: 0)
    let html = SweepHTML.render(report)
    #expect(html.components(separatedBy: "class=\"reference\"").count - 1 == 2)
    #expect(html.contains(">objective counterApi.p99&lt;=0.7s</text>") && html.contains(">objective errors.rate&lt;=0.1%</text>"))
    // 700 ms lies between the two points' 650 and 750: the line is drawn inside the plot.
    let latency = html.components(separatedBy: "<svg").first { $0.contains("p50 and p99") } ?? ""
    #expect(latency.contains("class=\"reference\""))
  }

  /// A sweep's table is an HTML table of what varies (no scroll box hiding the cost and the
  /// objectives); what is the same at every point is said once below it.
  @Test func aSweepsTableShowsWhatVariesAndSaysTheRestOnce() {
    let metrics = ["counterApi.p99", "lambda.throttleRatio", "cost.monthly.route53", "cost.monthly.total"]
    let report = SweepReport(
      scenario: "s", parameters: ["lambda.memoryMB"], metrics: metrics, replications: 1,
      points: [
        .init(values: ["128"], metrics: [860.4, 0, 0.5, 0.5], notes: [], missed: ["counterApi.p99<=700ms"]),
        .init(values: ["512"], metrics: [652.0, 0, 0.5, 0.51], notes: [], missed: []),
      ], objectives: ["counterApi.p99<=700ms"], cheapestPassing: 1)
    let html = SweepHTML.render(report)
    #expect(!html.contains("<pre>") && html.contains("<table class=\"sweep\">"))
    #expect(html.contains("<th class=\"num\">counterApi.<wbr>p99</th>") && html.contains("<th>objectives missed</th>"))
    #expect(!html.contains("<th class=\"num\">lambda.<wbr>throttleRatio</th>"))
    #expect(html.contains("The same at every point: cost.monthly.route53 $0.50, lambda.throttleRatio 0."))
    #expect(html.contains("<tr class=\"best\"><td>512</td><td class=\"num\"><strong>652</strong></td>"))
  }

  /// Cost bars carry the currency as the tables do.
  @Test func costBarsSayDollars() {
    let svg = SVG.barChart(title: "Cost", categories: ["route53", "lambda"], series: [("bill", [0.5, 1_234.5])], unit: "$")
    #expect(svg.contains(">$0.50</text>") && svg.contains(">$1,234.50</text>"), "\(svg)")
  }

  /// Bytes in the unit their size calls for: never "0.00 MB" for 3,965 bytes.
  @Test func bytesAreWrittenInTheirUnit() {
    #expect(NumberText.bytes(512) == "512 B")
    #expect(NumberText.bytes(3_965) == "3.96 KB")
    #expect(NumberText.bytes(12_345_678) == "12.3 MB")
    #expect(NumberText.bytes(250_000_000) == "250 MB")
  }
}
