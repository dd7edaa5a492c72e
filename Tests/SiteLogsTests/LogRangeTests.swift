import Foundation
import Testing

@testable import SiteLogs

/// Every number from a log is checked where it enters (issue 30): durations that are
/// infinite, NaN, negative or a day long, timestamps outside 1970-2200 and counts that do not
/// fit make their line unparsable with the reason; the good lines around them are read.
@Suite struct LogRangeTests {
  static let stream = "2026/11/20/[$LATEST]5b1c"

  static func report(_ duration: String, time: String = "2026-11-20T10:00:05.012000+00:00") -> String {
    "\(time) \(stream) REPORT RequestId: r\tDuration: \(duration) ms\tBilled Duration: 12 ms\tMemory Size: 128 MB\tMax Memory Used: 71 MB"
  }

  @Test(arguments: [
    ("1e+300", "Duration is a day or more"),
    ("-1e+300", "Duration is negative"),
    ("nan", "Duration is not a finite number"),
    ("inf", "Duration is not a finite number"),
    ("-3.5", "Duration is negative"),
    ("86400000", "Duration is a day or more"),
  ])
  func aReportLineWithAnImpossibleDurationIsUnparsable(duration: String, reason: String) {
    let text = [Self.report("11.5"), Self.report(duration), Self.report("12.5")].joined(separator: "\n")
    let (records, problems) = LambdaLogParser.parse(text, file: "l.log")
    #expect(records.map(\.durationMs) == [11.5, 12.5])
    #expect(problems.unparsable == 1 && problems.firstUnparsableLine == 2)
    #expect(problems.firstReason?.hasPrefix(reason) == true, "\(problems.firstReason ?? "-")")
  }

  @Test func timestampsOutsideTheEpochsAreUnparsable() {
    let text = [
      "EVENTS\t1\t1\t\(Self.stream)\tREPORT RequestId: a\tDuration: 5 ms\tBilled Duration: 5 ms\t9223372036854775807",
      "EVENTS\t2\t1\t\(Self.stream)\tREPORT RequestId: b\tDuration: 5 ms\tBilled Duration: 5 ms\t-86400000",
      Self.report("7"),
    ].joined(separator: "\n")
    let (records, problems) = LambdaLogParser.parse(text, file: "e.log")
    #expect(records.count == 1 && records[0].durationMs == 7)
    #expect(problems.unparsable == 2)
    #expect(problems.firstReason?.contains("not a time between 1970 and 2200") == true, "\(problems.firstReason ?? "-")")
  }

  @Test func jsonNumbersThatDoNotFitAreNeverATrap() {
    let text = """
      {"time":"2026-11-20T10:00:05.012Z","type":"platform.report","record":{"requestId":"a","metrics":{"durationMs":1e300,"billedDurationMs":12,"memorySizeMB":1e300}}}
      {"time":"2026-11-20T10:00:06.012Z","type":"platform.report","record":{"requestId":"b","metrics":{"durationMs":4.5,"billedDurationMs":5,"memorySizeMB":1e300}}}
      """
    let (records, problems) = LambdaLogParser.parse(text, file: "j.log")
    #expect(records.count == 1 && records[0].durationMs == 4.5 && records[0].memorySizeMB == nil)
    #expect(problems.unparsable == 1)
  }

  @Test func accessLogsCheckTheirNumbersToo() {
    let cf = """
      #Fields: date time cs-uri-stem x-edge-result-type time-taken sc-bytes sc-status
      2026-11-20\t10:00:01\t/\tHit\t0.002\t6001\t200
      2026-11-20\t10:00:02\t/\tHit\t-1\t6001\t200
      2026-11-20\t10:00:03\t/\tHit\tnan\t99999999999999999999\t200
      """
    let (edges, cfProblems) = CloudFrontLogParser.parse(cf, file: "cf.log")
    #expect(edges.count == 1 && cfProblems.unparsable == 2)
    #expect(cfProblems.firstReason == "time-taken is negative (-1000.0 ms)")
    let api = """
      {"requestTimeEpoch":1795168801000,"status":200,"responseLatency":12}
      {"requestTimeEpoch":1795168802000,"status":1e300,"responseLatency":12}
      {"requestTimeEpoch":1795168803000,"status":200,"responseLatency":-5}
      """
    let (accesses, apiProblems) = APIGatewayLogParser.parse(api, file: "api.log")
    #expect(accesses.count == 2, "a status that does not fit is no status, the line still says its latency")
    #expect(accesses[1].status == nil)
    #expect(apiProblems.unparsable == 1 && apiProblems.firstReason == "responseLatency is negative (-5.0 ms)")
  }
}
