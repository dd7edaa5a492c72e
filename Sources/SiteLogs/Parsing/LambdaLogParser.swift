import Foundation
import ScenarioModel

/// Reads a Lambda function's CloudWatch Logs in the forms the AWS CLI prints them:
/// - text lines, as `aws logs tail` prints them (`TIME STREAM MESSAGE`, or `TIME MESSAGE` with
///   `--format short`) or as `aws logs filter-log-events --output text` does (`EVENTS`, event
///   id, ingestion time, stream, message, timestamp, tab-separated);
/// - the JSON of `aws logs filter-log-events` (an `events` array);
/// - where the message is a `REPORT RequestId: ...` line (Lambda's text log format) or a
///   `platform.report` record (Lambda's JSON log format).
///
/// Other lines (START, END, what the handler prints) are skipped, not errors; a line that
/// claims to be a report but cannot be read is counted as unparsable.
public enum LambdaLogParser {
  public static func parse(_ text: String, file: String) -> (records: [LambdaInvocation], problems: LogProblems) {
    var problems = LogProblems(file: file)
    var records: [LambdaInvocation] = []
    if let events = CloudWatchEvents.events(in: text) {
      for (i, e) in events.enumerated() {
        let seconds = e.timestampMs.map { $0 / 1_000 }
        let before = records.count
        read(message: e.message[...], stream: e.stream, seconds: seconds, line: i + 1, &records, &problems)
        if records.count > before { records[records.count - 1].group = e.group }
      }
      return (records, problems)
    }
    LogLines.each(text) { number, line in
      if LogLines.isBlank(line) { return }
      readLine(line, number: number, &records, &problems)
    }
    return (records, problems)
  }

  private static func readLine(
    _ line: Substring, number: Int, _ records: inout [LambdaInvocation], _ problems: inout LogProblems
  ) {
    guard
      let messageStart = LogLines.firstIndex(of: "REPORT RequestId:", in: line)
        ?? line.utf8.firstIndex(of: UInt8(ascii: "{"))
    else {
      problems.skipped += 1
      return
    }
    var stream: String?
    var seconds: Double?
    if line.hasPrefix("EVENTS\t") {
      // EVENTS, eventId, ingestionTime, logStreamName, message (with its own tabs), timestamp.
      let fields = LogLines.fields(line)
      if fields.count >= 5 {
        stream = String(fields[3])
        let last = fields[fields.count - 1].trimmingCharacters(in: .whitespaces)
        seconds = (Double(last) ?? Double(fields[2])).map { $0 / 1_000 }
      }
    } else {
      // `aws logs tail`: TIME STREAM; `sam logs`: STREAM TIME; the console: TIME alone, or
      // nothing. The time is whichever word reads as one; the stream, the other.
      let prefix = line[..<messageStart].utf8.split(whereSeparator: { $0 == 32 || $0 == 9 }).map { Substring($0) }
      for (k, word) in prefix.enumerated() {
        guard let t = LogClock.parseISO(word) else { continue }
        seconds = t
        stream = prefix.indices.first { $0 != k && prefix[$0].utf8.contains(47) }.map { String(prefix[$0]) }
        break
      }
    }
    read(message: line[messageStart...], stream: stream, seconds: seconds, line: number, &records, &problems)
  }

  /// One event's message: a text REPORT line, a JSON record, or something else (skipped).
  private static func read(
    message: Substring, stream: String?, seconds: Double?, line: Int, _ records: inout [LambdaInvocation],
    _ problems: inout LogProblems
  ) {
    let body = Substring(message.utf8.drop { $0 == 32 || $0 == 9 })
    if body.hasPrefix("REPORT RequestId:") {
      // Without a timestamp (copied from the console's message column) a report still tells
      // the handler, init, memory and a cold start; when it happened stays unknown.
      if seconds == nil { problems.untimed += 1 }
      guard let record = textReport(body, stream: stream, seconds: seconds) else {
        problems.unreadable(line: line, message, because: "a REPORT line without Duration and Billed Duration")
        return
      }
      if let why = record.problem {
        problems.unreadable(line: line, message, because: why)
        return
      }
      records.append(record)
      problems.usable += 1
    } else if body.hasPrefix("{") {
      guard let value = try? JSONParser.parse(String(body)) else {
        if body.contains("platform.report") {
          problems.unreadable(line: line, message, because: "a platform.report record that is not valid JSON")
        } else {
          problems.skipped += 1
        }
        return
      }
      guard case .string("platform.report")? = value["type"] else {
        problems.skipped += 1
        return
      }
      let time = value["time"]?.text.flatMap { LogClock.parseISO($0) } ?? seconds
      guard let time, let record = jsonReport(value, stream: stream, seconds: time) else {
        problems.unreadable(line: line, message, because: "a platform.report record without time or durationMs")
        return
      }
      if let why = record.problem {
        problems.unreadable(line: line, message, because: why)
        return
      }
      records.append(record)
      problems.usable += 1
    } else {
      problems.skipped += 1
    }
  }

  static let labels = [
    "Billed Restore Duration", "Restore Duration", "Billed Duration", "Init Duration", "Max Memory Used",
    "Memory Size", "Duration", "RequestId", "Status",
  ]

  /// `REPORT RequestId: id<TAB>Duration: 12.34 ms<TAB>Billed Duration: 13 ms<TAB>...`; read by
  /// label, left to right, so that `Billed Duration` is never taken for `Duration` (works with
  /// spaces in place of tabs too).
  static func textReport(_ line: Substring, stream: String?, seconds: Double?) -> LambdaInvocation? {
    let b = Array(line.utf8)
    let labelBytes = labels.map { Array(($0 + ":").utf8) }
    var values: [String: String] = [:]
    var i = 0
    func isSpace(_ c: UInt8) -> Bool { c == 32 || c == 9 }
    while i < b.count {
      var matched = false
      if i == 0 || isSpace(b[i - 1]) {
        for (k, label) in labelBytes.enumerated()
        where i + label.count <= b.count && b[i..<(i + label.count)].elementsEqual(label) {
          var j = i + label.count
          while j < b.count && isSpace(b[j]) { j += 1 }
          let start = j
          while j < b.count && !isSpace(b[j]) { j += 1 }
          if values[labels[k]] == nil { values[labels[k]] = String(decoding: b[start..<j], as: UTF8.self) }
          i = j
          matched = true
          break
        }
      }
      if !matched { i += 1 }
    }
    guard let duration = values["Duration"].flatMap(Double.init),
      let billed = values["Billed Duration"].flatMap(Double.init)
    else { return nil }
    return LambdaInvocation(
      stream: stream, endSeconds: seconds, durationMs: duration, billedDurationMs: billed,
      memorySizeMB: LogRanges.count(values["Memory Size"].map { Substring($0) }),
      maxMemoryUsedMB: LogRanges.count(values["Max Memory Used"].map { Substring($0) }),
      initDurationMs: values["Init Duration"].flatMap(Double.init),
      restoreDurationMs: values["Restore Duration"].flatMap(Double.init), requestId: values["RequestId"],
      status: values["Status"].map { $0.lowercased() })
  }

  /// `{"time": ..., "type": "platform.report", "record": {"requestId": ..., "metrics": {...}}}`.
  static func jsonReport(_ v: JSONValue, stream: String?, seconds: Double) -> LambdaInvocation? {
    guard let record = v["record"], let metrics = record["metrics"],
      let duration = metrics["durationMs"]?.number
    else { return nil }
    let status = record["status"]?.text.flatMap { $0 == "success" ? nil : $0 }
    return LambdaInvocation(
      stream: stream, endSeconds: seconds, durationMs: duration,
      billedDurationMs: metrics["billedDurationMs"]?.number ?? duration.rounded(.up),
      memorySizeMB: LogRanges.count(metrics["memorySizeMB"]?.number),
      maxMemoryUsedMB: LogRanges.count(metrics["maxMemoryUsedMB"]?.number),
      initDurationMs: metrics["initDurationMs"]?.number, restoreDurationMs: metrics["restoreDurationMs"]?.number,
      requestId: record["requestId"]?.text, status: status)
  }
}
