import Foundation
import Testing

@testable import SiteLogs

/// Sample lines written by hand from the documented formats: Lambda's text log format (START,
/// END, REPORT with tab-separated fields), its JSON log format (`platform.report`), and the
/// AWS CLI's ways of printing them.
@Suite struct LambdaLogParserTests {
  static let stream = "2026/11/20/[$LATEST]5b1c0e9c54ad4ab2b1bd2c4c0f0a7e01"
  static let tail = """
    2026-11-20T10:00:00.100000+00:00 \(stream) INIT_START Runtime Version: python:3.12.v40
    2026-11-20T10:00:00.420000+00:00 \(stream) START RequestId: 6f1a Version: $LATEST
    2026-11-20T10:00:00.450000+00:00 \(stream) END RequestId: 6f1a
    2026-11-20T10:00:00.450000+00:00 \(stream) REPORT RequestId: 6f1a\tDuration: 30.12 ms\tBilled Duration: 351 ms\tMemory Size: 128 MB\tMax Memory Used: 71 MB\tInit Duration: 320.50 ms
    2026-11-20T10:00:05.000000+00:00 \(stream) {"level": "INFO", "message": "count is 42"}
    2026-11-20T10:00:05.012000+00:00 \(stream) REPORT RequestId: 7a2b\tDuration: 11.50 ms\tBilled Duration: 12 ms\tMemory Size: 128 MB\tMax Memory Used: 71 MB\t
    """

  @Test func tailLinesGiveColdAndWarmReports() {
    let (records, problems) = LambdaLogParser.parse(Self.tail, file: "t.log")
    #expect(records.count == 2)
    #expect(problems.usable == 2 && problems.skipped == 4 && problems.unparsable == 0)
    let cold = records[0]
    #expect(cold.stream == Self.stream)
    #expect(cold.durationMs == 30.12 && cold.billedDurationMs == 351 && cold.initDurationMs == 320.5)
    #expect(cold.memorySizeMB == 128 && cold.maxMemoryUsedMB == 71 && cold.requestId == "6f1a")
    #expect(cold.isCold)
    // 2026-11-20T10:00:00.450Z, checked against Foundation's parser.
    let expected = ISO8601DateFormatter().date(from: "2026-11-20T10:00:00Z")!.timeIntervalSince1970 + 0.45
    #expect(abs((cold.endSeconds ?? 0) - expected) < 1e-6)
    #expect(abs((cold.startSeconds ?? 0) - (expected - 0.35062)) < 1e-6)
    #expect(!records[1].isCold && records[1].initDurationMs == nil && records[1].durationMs == 11.5)
  }

  @Test func shortFormatHasNoStream() {
    let text =
      "2026-11-20T10:00:05.012000+00:00 REPORT RequestId: 7a2b\tDuration: 11.50 ms\tBilled Duration: 12 ms\tMemory Size: 256 MB\tMax Memory Used: 71 MB"
    let (records, _) = LambdaLogParser.parse(text, file: "s.log")
    #expect(records.count == 1 && records[0].stream == nil && records[0].memorySizeMB == 256)
  }

  @Test func snapStartRestoreCountsAsCold() {
    let text =
      "2026-11-20T10:00:05.012000+00:00 \(Self.stream) REPORT RequestId: 9c\tDuration: 20.00 ms\tBilled Duration: 121 ms\tMemory Size: 512 MB\tMax Memory Used: 90 MB\tRestore Duration: 250.30 ms\tBilled Restore Duration: 100 ms"
    let (records, _) = LambdaLogParser.parse(text, file: "snap.log")
    #expect(records.count == 1)
    #expect(records[0].restoreDurationMs == 250.3 && records[0].initDurationMs == nil && records[0].isCold)
    #expect(records[0].billedDurationMs == 121)
  }

  @Test func spacesInPlaceOfTabsStillReadByLabel() {
    let text =
      "2026-11-20T10:00:05Z \(Self.stream) REPORT RequestId: 1 Duration: 5.00 ms Billed Duration: 6 ms Memory Size: 128 MB Max Memory Used: 40 MB Init Duration: 100.00 ms"
    let (records, _) = LambdaLogParser.parse(text, file: "x.log")
    #expect(records.count == 1)
    #expect(records[0].durationMs == 5 && records[0].billedDurationMs == 6 && records[0].initDurationMs == 100)
  }

  @Test func filterLogEventsTextOutput() {
    // EVENTS, eventId, ingestionTime, logStreamName, message (its own tabs), timestamp.
    let text =
      "EVENTS\t3739\t1763632805100\t\(Self.stream)\tREPORT RequestId: 7a2b\tDuration: 11.50 ms\tBilled Duration: 12 ms\tMemory Size: 128 MB\tMax Memory Used: 71 MB\t\n\t1763632805012\n"
      + "EVENTS\t3740\t1763632805200\t\(Self.stream)\tEND RequestId: 7a2b\n\t1763632805012\n"
    let (records, problems) = LambdaLogParser.parse(text, file: "e.txt")
    #expect(problems.unparsable == 0)
    #expect(records.count == 1)
    #expect(records[0].stream == Self.stream)
    #expect(records[0].durationMs == 11.5)
  }

  @Test func filterLogEventsJSONWithTextAndJSONMessages() {
    let text = """
      {"events": [
        {"logStreamName": "\(Self.stream)", "timestamp": 1763632800450, "message": "REPORT RequestId: 6f1a\\tDuration: 30.12 ms\\tBilled Duration: 351 ms\\tMemory Size: 128 MB\\tMax Memory Used: 71 MB\\tInit Duration: 320.50 ms\\t\\n", "ingestionTime": 1763632801000, "eventId": "1"},
        {"logStreamName": "\(Self.stream)", "timestamp": 1763632805012, "message": "{\\"time\\":\\"2026-11-20T10:00:05.012Z\\",\\"type\\":\\"platform.report\\",\\"record\\":{\\"requestId\\":\\"7a2b\\",\\"metrics\\":{\\"durationMs\\":11.5,\\"billedDurationMs\\":12,\\"memorySizeMB\\":128,\\"maxMemoryUsedMB\\":71},\\"status\\":\\"success\\"}}", "eventId": "2"},
        {"logStreamName": "\(Self.stream)", "timestamp": 1763632805000, "message": "START RequestId: 7a2b Version: $LATEST\\n", "eventId": "3"}
      ], "searchedLogStreams": []}
      """
    let (records, problems) = LambdaLogParser.parse(text, file: "events.json")
    #expect(records.count == 2 && problems.skipped == 1)
    #expect(records[0].initDurationMs == 320.5 && abs((records[0].endSeconds ?? 0) - 1_763_632_800.45) < 1e-6)
    #expect(records[1].durationMs == 11.5 && records[1].status == nil && records[1].stream == Self.stream)
  }

  @Test func jsonLogFormatRecordsWithAndWithoutPrefix() {
    let record =
      #"{"time":"2026-11-20T10:00:00.450Z","type":"platform.report","record":{"requestId":"6f1a","metrics":{"durationMs":30.12,"billedDurationMs":351,"memorySizeMB":128,"maxMemoryUsedMB":71,"initDurationMs":320.5},"status":"timeout"}}"#
    let text = """
      {"time":"2026-11-20T10:00:00.100Z","type":"platform.initStart","record":{"initializationType":"on-demand"}}
      \(record)
      2026-11-20T10:00:00.450000+00:00 \(Self.stream) \(record)
      """
    let (records, problems) = LambdaLogParser.parse(text, file: "json.log")
    #expect(records.count == 2 && problems.skipped == 1)
    #expect(records[0].stream == nil && records[1].stream == Self.stream)
    #expect(records.allSatisfy { $0.initDurationMs == 320.5 && $0.status == "timeout" && $0.billedDurationMs == 351 })
  }

  @Test func aBrokenReportIsCountedWithItsLineNumber() {
    let text = Self.tail + "\n2026-11-20T10:00:06Z \(Self.stream) REPORT RequestId: 8\tDuration: soon\n"
    let (records, problems) = LambdaLogParser.parse(text, file: "b.log")
    #expect(records.count == 2)
    #expect(problems.unparsable == 1 && problems.firstUnparsableLine == 7)
    #expect(problems.summary?.contains("b.log: 1 unparsable line") == true)
    #expect(problems.summary?.contains("line 7") == true)
  }
}
