import Foundation
import Metrics
import Testing

@testable import Reporting

@Suite struct RendererTests {
  func sampleReport() -> RunReport {
    var h = LatencyHistogram()
    for x in [1_000, 2_000, 3_000, 250_000] as [Int64] { h.record(micros: x) }
    var r = RunReport(
      mode: "simulate", scenario: "sample", seed: 3, simulatedSeconds: 86_400, warmupSeconds: 600, visits: 4,
      histograms: ["pageLoad": h, "counterApi": h], errors: ErrorStats(byKind: ["lambdaThrottled": 1], requests: 20))
    r.cdn = CDNStats(requests: 16, hits: 12, originFetches: 4, bytesOut: 400_000)
    r.notes = ["a caveat"]
    return r
  }

  @Test func jsonRoundTripsAndIsSorted() throws {
    let r = sampleReport()
    let data = try JSONReport.render(r)
    #expect(try JSONReport.parse(data) == r)
    let text = String(decoding: data, as: UTF8.self)
    // Sorted keys: "cdn" before "errors" before "histograms" before "latencyMs".
    let order = ["\"cdn\"", "\"errors\"", "\"histograms\"", "\"latencyMs\""].map { text.range(of: $0)!.lowerBound }
    #expect(order == order.sorted())
    #expect(try JSONReport.render(r) == data)
  }

  @Test func textShowsFiguresAndNotes() {
    let text = TextReport.render(sampleReport())
    #expect(text.contains("scenario \"sample\", seed 3"))
    #expect(text.contains("Measured 1d after 10m of warm-up"))
    #expect(text.contains("16 requests, 12 edge hits (75.00%)"))
    #expect(text.contains("1 of 20 requests (5.00%): lambdaThrottled 1"))
    #expect(text.contains("  - a caveat"))
    // pageLoad row: count 4, max 250.0 ms.
    let row = text.split(separator: "\n").first { $0.contains("pageLoad") }!
    #expect(row.contains(" 4 ") && row.hasSuffix("250.0"))
    // The min column: the fastest sample, 1.0 ms, right after the count.
    #expect(row.split(separator: " ", omittingEmptySubsequences: true).dropFirst(2).first == "1.0")
  }

  @Test func aLiveReportSpeaksOfThroughputNotSeedsOrWarmUp() {
    var h = LatencyHistogram()
    h.record(micros: 5_000)
    var r = RunReport(
      mode: "live", scenario: "http://127.0.0.1:8081/count", seed: 0, simulatedSeconds: 10, warmupSeconds: 0,
      visits: 100, histograms: ["counterApi": h], errors: ErrorStats(byKind: [:], requests: 400))
    r.live = LiveStats(requestsIssued: 400, requestsCutOff: 0, keepAliveRetries: 0, bytesReceived: 2_500_000)
    let text = TextReport.render(r)
    #expect(text.hasPrefix("visitorsim live: http://127.0.0.1:8081/count\n"))
    #expect(
      text.contains(
        "Measured for 10s: 100 visits (10.0/s), 400 requests (40.0/s), 2.50 MB received (250 KB/s)"))
    #expect(!text.contains("seed") && !text.contains("warm-up"))
    // Every request failed: said in words, not an empty table.
    var failed = r
    failed.histograms = ["counterApi": LatencyHistogram()]
    failed.latencyMs = ["counterApi": LatencySummary(LatencyHistogram())]
    #expect(TextReport.render(failed).contains("No request completed, so there is no latency to report"))
  }

  @Test func numberFormatting() {
    #expect(TextFormat.count(UInt64(1_234_567)) == "1,234,567")
    #expect(TextFormat.count(UInt64(999)) == "999")
    #expect(TextFormat.duration(90_061) == "1d 1h 1m 1s")
    #expect(TextFormat.percent(0.00001) == "0.0010%")
    #expect(CostTable.price(0.0000166667) == "$0.0000166667")
    #expect(CostTable.price(0.5) == "$0.50")
    #expect(CostTable.price(1) == "$1.00")
    #expect(CostTable.price(0.085) == "$0.085")
    #expect(CostTable.price(0) == "$0.00")
  }

  @Test func billFoldsLinesUnderHalfACentAndSplitsFixedFromUsage() {
    func item(_ service: String, _ amount: Double, free: Double = 0, fixed: Bool = false) -> CostLineItem {
      CostLineItem(
        service: service, dimension: "\(service) thing", quantity: 1, freeQuantity: free, unit: "GB", unitPrice: 0.5,
        amount: amount, priceId: "\(service).x", fixed: fixed)
    }
    let c = CostReport(
      currency: "USD",
      monthly: MonthlyCost(
        route53: 0.50, cloudfront: 0, s3: 0, apiGateway: 1, lambda: 0, dynamodb: 0, cloudwatch: 0, total: 1.50,
        fixed: 0.50, usage: 1.00),
      perThousandVisits: 0.1, yearly: 18,
      lineItems: [
        item("route53", 0.50, fixed: true), item("s3", 0, fixed: true), item("acm", 0, fixed: true),
        item("lambda", 0, free: 1), item("apiGateway", 1),
      ],
      scaling: CostScaling(monthSeconds: 1, measuredSeconds: 1, factor: 1, method: "m", warning: nil), freeTier: true,
      pricing: PricingProvenance(region: "r", file: "f", asOf: "d"), alternatives: [])
    let text = CostTable.render(c)
    // A line the free tier covers stays; lines that cost nothing otherwise fold into one.
    #expect(text.contains("lambda thing"))
    #expect(!text.contains("s3 thing") && !text.contains("acm thing"))
    #expect(text.contains("2 lines under half a cent (s3, acm; all in --format json)"))
    #expect(
      text.contains(
        "Total $1.50 a month ($0.50 fixed: hosted zone, storage, provisioned capacity; $1.00 usage), $18.00 a year"))
    #expect(text.contains("$0.50"))
    #expect(!text.contains("flat-rate"))
  }
}

@Suite struct MetricLookupTests {
  @Test func figuresByPath() {
    var h = LatencyHistogram()
    h.record(micros: 2_000)
    var r = RunReport(
      mode: "simulate", scenario: "s", seed: 1, simulatedSeconds: 10, warmupSeconds: 0, visits: 1,
      histograms: ["lambda": h], errors: ErrorStats(byKind: ["x": 1], requests: 4))
    r.lambda = LambdaStats(
      invocations: 4, coldStarts: 1, throttled: 0, provisionedInvocations: 0, timeouts: 0, meanInstances: 1,
      meanBusyInstances: 0.5, peakConcurrency: 2, billedDurationMs: 0, billedInitMs: 0, provisionedBilledDurationMs: 0)
    #expect(r.metric("lambda.p99") == 2)
    #expect(r.metric("latencyMs.lambda.p99") == 2)
    #expect(r.metric("lambda.coldStartRatio") == 0.25)
    #expect(r.metric("errors.rate") == 0.25)
    #expect(r.metric("lambda.nothing") == nil)
    #expect(r.metric("cost.monthly.total") == nil)
  }
}

@Suite struct HTMLTests {
  func report() -> RunReport {
    var h = LatencyHistogram()
    for x in stride(from: 1_000 as Int64, through: 900_000, by: 7_000) { h.record(micros: x) }
    var r = RunReport(
      mode: "simulate", scenario: "html <test>", seed: 3, simulatedSeconds: 7_200, warmupSeconds: 60, visits: 129,
      histograms: ["pageLoad": h, "counterApi": h], errors: ErrorStats(byKind: [:], requests: 300))
    r.timeSeries = TimeSeries(
      bucketSeconds: 60, startSeconds: 60,
      series: [
        "visits": Array(repeating: 3, count: 60) + Array(repeating: 300, count: 60),
        "coldStarts": Array(repeating: 0, count: 120),
      ],
      p99Ms: ["counterApi": Array(repeating: 120, count: 120)])
    return r
  }

  @Test func selfContainedWithEveryChart() {
    let html = HTMLReport.render(report())
    #expect(html.hasPrefix("<!DOCTYPE html>"))
    #expect(html.components(separatedBy: "<svg").count - 1 == 5)  // stages, distribution, 3 over time
    // The p99 of buckets with 3 calls is left out as a gap; those with 300 are drawn.
    #expect(html.contains("60 of 120 buckets held fewer than 100 calls and are left out (gaps)"))
    #expect(!html.contains("<script"))
    #expect(
      !html.contains("src=\"http") && !html.contains("href=\"http") && !html.contains("@import")
        && !html.contains("url("))
    #expect(html.contains("html &lt;test&gt;"))  // escaped
    #expect(html.contains("<polyline"))
  }
}

@Suite struct JUnitReportTests {
  @Test func casesFailuresAndEscaping() {
    let xml = JUnitReport.render(
      suite: "s",
      cases: [.init(name: "a<=1&b", failure: nil, value: 1), .init(name: "p99", failure: "measured \"3\"", value: 3)],
      seconds: 2)
    #expect(xml.contains("<testsuites tests=\"2\" failures=\"1\">"))
    #expect(xml.contains("name=\"a&lt;=1&amp;b\"/>"))
    #expect(xml.contains("<failure message=\"measured &quot;3&quot;\">"))
  }
}

/// "Did my checks pass?" A check that judged nothing did not pass: it did not run, and every
/// format says so (issue 24).
@Suite struct ChecksNotRunTests {
  @Test func aCheckThatNeverRanIsReportedAsNotRun() {
    var r = RunReport(
      mode: "live", scenario: "x", seed: 0, simulatedSeconds: 1, warmupSeconds: 0, visits: 0, histograms: [:],
      errors: ErrorStats(byKind: ["connectRefused": 3], requests: 3))
    r.checks = CheckStats([.init(check: "counterApi.status==200", stage: "counterApi")])
    #expect(r.metric("checks.rate") == nil, "no rate without a check made")
    #expect(TextReport.render(r).contains("counterApi.status==200: not run (no counterApi response)"))
    #expect(TextReport.render(r).contains("Checks       none ran"))
    #expect(MarkdownReport.render(r).contains("not run (no counterApi response)"))
    #expect(HTMLReport.render(r).contains("not run (no counterApi response)"))
  }
}
