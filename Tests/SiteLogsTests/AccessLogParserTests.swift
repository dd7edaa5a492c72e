import Foundation
import Testing

@testable import SiteLogs

/// CloudFront standard logs and API Gateway JSON access logs, from their documented fields.
@Suite struct AccessLogParserTests {
  @Test func cloudFrontFieldsAreFoundByNameInAnyOrder() {
    let text = """
      #Version: 1.0
      #Fields: time date cs-uri-stem x-edge-result-type time-taken sc-bytes x-edge-location sc-status
      10:00:01\t2026-11-20\t/\tMiss\t0.120\t6001\tIAD89-C1\t200
      10:00:01\t2026-11-20\t/style.css\tRefreshHit\t0.003\t9000\tIAD89-C1\t200
      10:00:02\t2026-11-20\t/photo.jpg\tError\t-\t-\tFRA56-P5\t503
      garbage line without tabs
      """
    let (records, problems) = CloudFrontLogParser.parse(text, file: "cf.log")
    #expect(records.count == 3)
    #expect(problems.unparsable == 1 && problems.firstUnparsableLine == 6 && problems.skipped == 2)
    #expect(records[0].path == "/" && records[0].result == .miss && records[0].bytes == 6001)
    #expect(abs(records[0].timeTakenMs! - 120) < 1e-9 && records[0].edgeLocation == "IAD89-C1")
    let expected = ISO8601DateFormatter().date(from: "2026-11-20T10:00:01Z")!.timeIntervalSince1970
    #expect(records[0].timeSeconds == expected)
    // RefreshHit: expired in the cache, so CloudFront asked the origin.
    #expect(records[1].result == .refreshHit && records[1].result?.contactsOrigin == true)
    #expect(records[2].result == .other("Error") && records[2].bytes == nil && records[2].timeTakenMs == nil)
    #expect(records[2].status == 503)
  }

  @Test func aLineMissingATabIsUnparsableNotShifted() {
    // One tab lost after the status: the result type would be read as the time-taken.
    let text = """
      #Version: 1.0
      #Fields: date time cs-uri-stem sc-status x-edge-result-type time-taken
      2026-11-20\t10:00:01\t/\t200\tHit\t0.001
      2026-11-20\t10:00:02\t/\t200Hit\t0.000
      2026-11-20\t10:00:03\t/\t200\tHit\t0.000
      """
    let (records, problems) = CloudFrontLogParser.parse(text, file: "cf.log")
    #expect(records.count == 2 && problems.unparsable == 1 && problems.firstUnparsableLine == 4)
    #expect(problems.firstReason == "5 tab-separated fields where the #Fields line names 6")
    // A hit of 0.000 s (under the log's millisecond) is a record, kept.
    #expect(records[1].timeTakenMs == 0 && records[1].result == .hit)
  }

  /// A real-time log line (Kinesis, no header, every field selected): epoch seconds first.
  @Test func cloudFrontRealTimeLogsReadInTheirOrder() {
    var fields = [String](repeating: "-", count: CloudFrontLogParser.realTimeFields.count)
    fields[0] = "1795168800.450"  // 2026-11-20T10:00:00.450Z
    fields[3] = "200"
    fields[4] = "6001"
    fields[5] = "GET"
    fields[8] = "/index.html"
    fields[10] = "IAD89-C1"
    fields[13] = "0.002"
    fields[24] = "RefreshHit"
    var shifted = fields
    shifted.remove(at: 1)  // a subset of fields: misaligned
    let (records, problems) = CloudFrontLogParser.parse(
      fields.joined(separator: "\t") + "\n" + shifted.joined(separator: "\t"), file: "rt.log")
    #expect(records.count == 1 && problems.unparsable == 1)
    #expect(records.first?.timeSeconds == 1_795_168_800.45 && records.first?.path == "/index.html")
    #expect(records.first?.result == .refreshHit && records.first?.bytes == 6001 && records.first?.status == 200)
    #expect(records.first?.timeTakenMs == 2 && records.first?.edgeLocation == "IAD89-C1")
  }

  @Test func cloudFrontWithoutHeaderReadsTheStandardOrder() {
    var fields = [String](repeating: "-", count: CloudFrontLogParser.standardFields.count)
    fields[0] = "2026-11-20"
    fields[1] = "23:59:59"
    fields[2] = "NRT57-P3"
    fields[3] = "1234"
    fields[7] = "/index.html"
    fields[8] = "200"
    fields[13] = "Hit"
    fields[18] = "0.002"
    let (records, _) = CloudFrontLogParser.parse(fields.joined(separator: "\t"), file: "x")
    #expect(records.count == 1)
    #expect(records[0].path == "/index.html" && records[0].bytes == 1234 && records[0].result == .hit)
    #expect(abs(records[0].timeTakenMs! - 2) < 1e-9)
  }

  /// The stage's CLF and CSV formats, as the API Gateway console's examples write them: a
  /// time, a route and a status (no latency).
  @Test func apiGatewayCommonLogAndCSVFormats() {
    let text = """
      192.0.2.1 - - [20/Nov/2026:10:00:00 +0000] "POST /count HTTP/1.1" 200 12 req-1 ext-1
      192.0.2.1 - - [20/Nov/2026:10:00:01 +0000] "POST /count HTTP/1.1" 429 30 req-2 ext-2
      192.0.2.1,-,-,20/Nov/2026:10:00:02 +0000,POST,/count,HTTP/1.1,502,40,req-3,ext-3
      not an access log line
      """
    let (records, problems) = APIGatewayLogParser.parse(text, file: "api.log")
    #expect(records.map(\.status) == [200, 429, 502])
    #expect(records.allSatisfy { $0.route == "POST /count" && $0.responseLatencyMs == nil })
    // 2026-11-20T10:00:00Z (Python: datetime(2026, 11, 20, 10, tzinfo=utc).timestamp()).
    #expect(records.map(\.timeSeconds) == [1_795_168_800, 1_795_168_801, 1_795_168_802])
    #expect(problems.unparsable == 1 && problems.firstUnparsableLine == 4)
  }

  @Test func apiGatewayLinesWithMissingFieldsAndQuotedNumbers() {
    let text = """
      {"requestId":"a","requestTime":"20/Nov/2026:10:00:01 +0000","status":"200","responseLatency":"15","integrationLatency":"11","routeKey":"POST /count"}
      {"requestId":"b","requestTimeEpoch":1795168802000,"status":429,"responseLatency":3,"integrationLatency":"-"}
      {"requestId":"c","status":"502"}
      2026-11-20T10:00:04.000000+00:00 stream {"requestTime":"20/Nov/2026:11:00:04 +0100","status":"200","latency":"20","integration.latency":"12"}
      not json at all
      {"requestId":"d"}
      """
    let (records, problems) = APIGatewayLogParser.parse(text, file: "api.log")
    #expect(records.count == 4)
    #expect(problems.unparsable == 2 && problems.firstUnparsableLine == 5)
    let t = ISO8601DateFormatter().date(from: "2026-11-20T10:00:01Z")!.timeIntervalSince1970
    #expect(records[0].timeSeconds == t && records[0].status == 200 && records[0].overheadMs == 4)
    #expect(records[0].route == "POST /count")
    #expect(records[1].timeSeconds == t + 1 && records[1].status == 429 && records[1].integrationLatencyMs == nil)
    #expect(records[1].overheadMs == nil)
    #expect(records[2].status == 502 && records[2].timeSeconds == nil && records[2].responseLatencyMs == nil)
    // +0100: 11:00:04 local is 10:00:04 UTC.
    #expect(records[3].timeSeconds == t + 3 && records[3].overheadMs == 8)
  }
}
