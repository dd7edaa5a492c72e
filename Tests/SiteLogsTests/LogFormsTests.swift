import Decompression
import Foundation
import Testing

@testable import SiteLogs

/// Every form a site owner has Lambda logs in, detected by content, each written here from the
/// form's documentation with the same two invocations: a cold one (Duration 30.12 ms, Init
/// 320.50 ms, Memory Size 128 MB) at 2026-11-20T10:00:00.450Z and a warm one (11.50 ms) at
/// 10:00:05.000Z, on one environment.
@Suite struct LogFormsTests {
  static let stream = "2026/11/20/[$LATEST]0123456789abcdef"
  static let cold =
    "REPORT RequestId: 6f1a\tDuration: 30.12 ms\tBilled Duration: 31 ms\tMemory Size: 128 MB\tMax Memory Used: 71 MB\tInit Duration: 320.50 ms"
  static let warm = "REPORT RequestId: 7b2c\tDuration: 11.50 ms\tBilled Duration: 12 ms\tMemory Size: 128 MB\tMax Memory Used: 72 MB"
  /// 2026-11-20T10:00:00.450Z and 10:00:05Z in milliseconds since the epoch.
  static let coldMs = 1_795_168_800_450.0
  static let warmMs = 1_795_168_805_000.0

  func read(_ text: String) -> ([LambdaInvocation], LogProblems) { LambdaLogParser.parse(text, file: "x.log") }

  /// The two records as written, with or without their times.
  func checkBoth(_ records: [LambdaInvocation], timed: Bool, stream: Bool = true, _ where_: String) {
    #expect(records.count == 2, "\(where_): \(records.count) records")
    guard records.count == 2 else { return }
    #expect(records[0].isCold && records[0].durationMs == 30.12 && records[0].initDurationMs == 320.5, "\(where_)")
    #expect(!records[1].isCold && records[1].durationMs == 11.5 && records[1].memorySizeMB == 128, "\(where_)")
    if timed {
      #expect(abs((records[0].endSeconds ?? 0) * 1_000 - Self.coldMs) < 0.5, "\(where_): \(records[0].endSeconds ?? -1)")
      #expect(abs((records[1].endSeconds ?? 0) * 1_000 - Self.warmMs) < 0.5, "\(where_)")
    } else {
      #expect(records.allSatisfy { $0.endSeconds == nil }, "\(where_)")
    }
    if stream { #expect(records.allSatisfy { $0.stream == Self.stream }, "\(where_): \(records.map(\.stream))") }
  }

  @Test func samLogsPutsTheStreamBeforeTheTime() {
    // sam logs -n Counter: STREAM TIME MESSAGE, the time without a zone (UTC).
    let text = """
      \(Self.stream) 2026-11-20T10:00:00.100000 START RequestId: 6f1a Version: $LATEST
      \(Self.stream) 2026-11-20T10:00:00.450000 \(Self.cold)
      \(Self.stream) 2026-11-20T10:00:05.000000 \(Self.warm)
      """
    let (records, problems) = read(text)
    checkBoth(records, timed: true, "sam logs")
    #expect(problems.skipped == 1 && problems.untimed == 0)
  }

  @Test func consoleCopiesWithAndWithoutTheTimeColumn() {
    // The console's log event table copied: "Timestamp<TAB>Message", or the message alone.
    let withTime = "2026-11-20T10:00:00.450Z\t\(Self.cold)\n2026-11-20T10:00:05.000Z\t\(Self.warm)\n"
    let (timed, p1) = read(withTime)
    checkBoth(timed, timed: true, stream: false, "console with time")
    #expect(p1.untimed == 0)
    let (untimed, p2) = read("\(Self.cold)\r\n\(Self.warm)\r\n")
    checkBoth(untimed, timed: false, stream: false, "console message only, CRLF")
    #expect(p2.untimed == 2 && p2.unparsable == 0)
  }

  @Test func theConsolesCSVDownloadAndInsightsCSV() {
    // A message holds tabs; CSV quotes it. The console's download: timestamp (ms), message.
    let console = "timestamp,message\n\(Int(Self.coldMs)),\"\(Self.cold)\"\n\(Int(Self.warmMs)),\"\(Self.warm)\"\n"
    checkBoth(read(console).0, timed: true, stream: false, "console CSV")
    // Logs Insights' CSV export: @timestamp as UTC text, @message, @logStream.
    let insights = """
      @timestamp,@message,@logStream
      2026-11-20 10:00:00.450,"\(Self.cold)",\(Self.stream)
      2026-11-20 10:00:05.000,"\(Self.warm)",\(Self.stream)
      """
    checkBoth(read(insights).0, timed: true, "Insights CSV")
  }

  @Test func insightsJSONResultsAndExport() throws {
    // aws logs get-query-results: rows of field/value pairs.
    func row(_ t: String, _ m: String) -> String {
      #"[{"field":"@timestamp","value":"\#(t)"},{"field":"@message","value":"\#(m.replacingOccurrences(of: "\t", with: "\\t"))"},{"field":"@logStream","value":"\#(Self.stream)"},{"field":"@ptr","value":"x"}]"#
    }
    let results = """
      {"results": [\(row("2026-11-20 10:00:00.450", Self.cold)), \(row("2026-11-20 10:00:05.000", Self.warm))],
       "statistics": {"recordsMatched": 2.0}, "status": "Complete"}
      """
    checkBoth(read(results).0, timed: true, "get-query-results")
    // The console's JSON export: objects with @timestamp, @message, @logStream.
    let export = try String(
      data: JSONSerialization.data(
        withJSONObject: [
          ["@timestamp": "2026-11-20 10:00:00.450", "@message": Self.cold, "@logStream": Self.stream],
          ["@timestamp": "2026-11-20 10:00:05.000", "@message": Self.warm, "@logStream": Self.stream],
        ], options: [.prettyPrinted]), encoding: .utf8)!
    checkBoth(read(export).0, timed: true, "Insights export")
  }

  /// A subscription filter's payload (CloudWatch Logs user guide, "Subscription filters"):
  /// gzip'd JSON with logGroup, logStream and logEvents; Firehose writes several back to back.
  func payload(_ events: [(Double, String)]) throws -> String {
    let logEvents = events.enumerated().map { k, e in ["id": "\(k)", "timestamp": e.0, "message": e.1] as [String: Any] }
    let object: [String: Any] = [
      "messageType": "DATA_MESSAGE", "owner": "123456789012", "logGroup": "/aws/lambda/counter",
      "logStream": Self.stream, "subscriptionFilters": ["to-firehose"], "logEvents": logEvents,
    ]
    return try String(data: JSONSerialization.data(withJSONObject: object), encoding: .utf8)!
  }

  @Test func subscriptionAndFirehosePayloadsGzipAndBase64() throws {
    let one = try payload([(Self.coldMs, Self.cold), (Self.warmMs, Self.warm)])
    checkBoth(read(one).0, timed: true, "one payload")
    // Firehose to S3: payloads concatenated without a separator.
    let two = try payload([(Self.coldMs, Self.cold)]) + (try payload([(Self.warmMs, Self.warm)]))
    checkBoth(read(two).0, timed: true, "Firehose concatenation")
    // As a file: gzip'd, and as Kinesis holds a record's data, base64 of the gzip.
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("forms-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    let gz = folder.appendingPathComponent("payload.gz")
    try gzip(Data(two.utf8)).write(to: gz)
    checkBoth(read(try LogSource.text(of: gz.path)).0, timed: true, "gzip'd payloads")
    let b64 = folder.appendingPathComponent("record.b64")
    try Data(gzip(Data(one.utf8)).base64EncodedString().utf8).write(to: b64)
    checkBoth(read(try LogSource.text(of: b64.path)).0, timed: true, "base64 of gzip")
  }

  @Test func prettyPrintedFilterLogEventsInUTF16() throws {
    let events: [[String: Any]] = [
      ["logStreamName": Self.stream, "timestamp": Self.coldMs, "message": Self.cold + "\n"],
      ["logStreamName": Self.stream, "timestamp": Self.warmMs, "message": Self.warm + "\n"],
    ]
    let json = try String(
      data: JSONSerialization.data(withJSONObject: ["events": events, "searchedLogStreams": []], options: .prettyPrinted),
      encoding: .utf8)!
    // What PowerShell 5.1's `>` writes: UTF-16 little-endian with its byte-order mark, CRLF.
    var bytes: [UInt8] = [0xFF, 0xFE]
    for unit in json.replacingOccurrences(of: "\n", with: "\r\n").utf16 {
      bytes += [UInt8(unit & 0xFF), UInt8(unit >> 8)]
    }
    let file = FileManager.default.temporaryDirectory.appendingPathComponent("events-\(UUID().uuidString).json")
    try Data(bytes).write(to: file)
    defer { try? FileManager.default.removeItem(at: file) }
    checkBoth(read(try LogSource.text(of: file.path)).0, timed: true, "pretty JSON in UTF-16")
  }

  /// gzip by the system's `gzip`, an independent writer.
  func gzip(_ data: Data) throws -> Data {
    let p = Process()
    p.executableURL = URL(fileURLWithPath: "/bin/gzip")
    p.arguments = ["-c"]
    let input = Pipe()
    let output = Pipe()
    p.standardInput = input
    p.standardOutput = output
    try p.run()
    input.fileHandleForWriting.write(data)
    try input.fileHandleForWriting.close()
    let out = output.fileHandleForReading.readDataToEndOfFile()
    p.waitUntilExit()
    return out
  }
}
