import Foundation
import Metrics
import Reporting
import Testing

@testable import VisitorSimCLI

/// Reports read by merge, compare, predict, calibrate and diff, as strictly as scenarios (issue
/// 30): duplicate keys, precision this version never writes, counts that wrap and a schedule no
/// live run made are refused in one sentence, never Swift's debug text.
@Suite struct ReportFileTests {
  /// A real report, written by this version, as text.
  static func reportText() throws -> String {
    var h = LatencyHistogram()
    for x in [1_000, 2_000, 3_000] as [Int64] { h.record(micros: x) }
    let r = RunReport(
      mode: "simulate", scenario: "t", seed: 1, simulatedSeconds: 60, warmupSeconds: 0, visits: 3,
      histograms: ["counterApi": h], errors: ErrorStats(byKind: [:], requests: 3))
    return String(decoding: try JSONReport.render(r), as: UTF8.self)
  }

  func refusal(_ text: String) -> String? {
    do {
      _ = try ReportFile.parse(text, file: "r.json")
      return nil
    } catch {
      return error.description
    }
  }

  @Test func aReportThisVersionWroteIsRead() throws {
    #expect(refusal(try Self.reportText()) == nil)
  }

  @Test func duplicateKeysAreRefused() throws {
    let text = try Self.reportText().replacingOccurrences(of: "\"seed\" : 1,", with: "\"seed\" : 1, \"seed\" : 2,")
    let said = refusal(text)
    #expect(said?.contains("duplicate key \"seed\"") == true, "\(said ?? "read")")
  }

  @Test(arguments: [
    ("\"subBucketBits\" : 11", "\"subBucketBits\" : 20", "subBucketBits 20 is outside 2 to 11"),
    ("\"seed\" : 1", "\"seed\" : \"one\"", "seed: expected a whole number that fits"),
    ("\"buckets\" : \"", "\"buckets\" : \"5:18446744073709551615 ", "add up past 2^64"),
  ])
  func badFieldsAreOneSentenceNamingThem(from: String, to: String, says: String) throws {
    let text = try Self.reportText()
    #expect(text.contains(from), "the fixture has \(from)")
    let said = refusal(text.replacingOccurrences(of: from, with: to))
    #expect(said?.contains(says) == true, "\(said ?? "read")")
    #expect(said.map { !$0.contains("DecodingError") && !$0.contains("CodingKeys") } == true, "\(said ?? "")")
  }

  @Test func aLatencyOf5e324GivesNoNaNInAComparison() throws {
    var h = LatencyHistogram()
    h.record(micros: 1)
    var a = RunReport(
      mode: "live", scenario: "a", seed: 1, simulatedSeconds: 1, warmupSeconds: 0, visits: 1,
      histograms: ["counterApi": h], errors: ErrorStats(byKind: [:], requests: 1))
    var b = a
    b.latencyMs["counterApi"]?.p50 = 5e-324
    a.latencyMs["counterApi"]?.p50 = 12
    let rows = ComparisonTable.rows(measured: a, predicted: b)
    #expect(rows.allSatisfy { $0.relativeDifference.map(\.isFinite) ?? true })
  }
}

/// `prices --format json`: the table a bill used, read back by Python's JSON parser.
@Suite struct PricesJSONTests {
  @Test func thePriceTableAsJSON() throws {
    let r = runCLI(["prices", "--format", "json"])
    #expect(r.code == 0, "\(r.err)")
    let doc = try JSONSerialization.jsonObject(with: Data(r.out.utf8)) as! [String: Any]
    #expect(doc["region"] as? String == "us-east-1")
    let prices = try #require(doc["prices"] as? [[String: Any]])
    let lambda = try #require(prices.first { $0["id"] as? String == "lambda.requests" })
    #expect((lambda["tiers"] as? [[String: Any]])?.first?["usd"] as? Double == 0.2)
    #expect(lambda["free"] as? Double == 1_000_000)
  }
}

/// `plan --format markdown`: the answer, the headroom table, the loads collapsed.
@Suite struct PlanMarkdownTests {
  @Test func aPlanForAPullRequestComment() {
    let r = runCLI(["plan", "--slo", "counterApi.p99<=800ms", "--replications", "2", "--quiet", "--format", "markdown"])
    #expect(r.code == 0, "\(r.err)")
    let answer = r.out.range(of: "**Largest passing load:")
    let headroom = r.out.range(of: "| resource | at 1x |")
    let loads = r.out.range(of: "<details><summary>")
    #expect(answer != nil && headroom != nil && loads != nil, "\(r.out)")
    if let answer, let headroom, let loads {
      #expect(answer.lowerBound < headroom.lowerBound && headroom.lowerBound < loads.lowerBound)
    }
    #expect(r.out.contains("DynamoDB item's partition"))
  }
}

/// "Does my live run match the prediction?" Only when they ran the same traffic: compare
/// refuses reports of different workloads unless --force, naming what differs.
@Suite struct CompareWorkloadTests {
  @Test func compareRefusesDifferentWorkloads() throws {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("cmp-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: dir) }
    let a = dir.appendingPathComponent("a.json").path
    let b = dir.appendingPathComponent("b.json").path
    #expect(runCLI(["simulate", "--set", "duration=1h", "--set", "warmup=0", "--format", "json", "--output", a]).code == 0)
    #expect(
      runCLI([
        "simulate", "--set", "duration=1h", "--set", "warmup=0", "--set", "workload.arrivals.visitsPerSecond=5",
        "--format", "json", "--output", b,
      ]).code == 0)
    let refused = runCLI(["compare", a, b])
    #expect(refused.code == 65, "\(refused.err)")
    #expect(refused.err.contains("ran different workloads (visits per second"), "\(refused.err)")
    let forced = runCLI(["compare", a, b, "--force"])
    #expect(forced.code == 0, "\(forced.err)")
    #expect(forced.err.contains("compared anyway"))
    #expect(runCLI(["compare", a, a]).code == 0, "the same workload compares")
  }
}
