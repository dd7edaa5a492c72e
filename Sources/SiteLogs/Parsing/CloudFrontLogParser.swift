/// Reads CloudFront standard access logs: W3C extended format, tab-separated, with `#Version`
/// and `#Fields` header lines. Fields are found by the names the `#Fields` line gives, so a
/// file with its own field order or a subset of fields reads the same; a file without a
/// `#Fields` line is read in the documented order of the standard log (CloudFront developer
/// guide, "Standard log file fields").
public enum CloudFrontLogParser {
  /// The standard log's fields in their documented order.
  public static let standardFields = [
    "date", "time", "x-edge-location", "sc-bytes", "c-ip", "cs-method", "cs(Host)", "cs-uri-stem", "sc-status",
    "cs(Referer)", "cs(User-Agent)", "cs-uri-query", "cs(Cookie)", "x-edge-result-type", "x-edge-request-id",
    "x-host-header", "cs-protocol", "cs-bytes", "time-taken", "x-forwarded-for", "ssl-protocol", "ssl-cipher",
    "x-edge-response-result-type", "cs-protocol-version", "fle-status", "fle-encrypted-fields", "c-port",
    "time-to-first-byte", "x-edge-detailed-result-type", "sc-content-type", "sc-content-len", "sc-range-start",
    "sc-range-end",
  ]

  /// Real-time logs (delivered through Kinesis, no header) with every field selected, in the
  /// order CloudFront writes them (CloudFront developer guide, "Real-time logs", fields).
  public static let realTimeFields = [
    "timestamp", "c-ip", "time-to-first-byte", "sc-status", "sc-bytes", "cs-method", "cs-protocol", "cs-host",
    "cs-uri-stem", "cs-bytes", "x-edge-location", "x-edge-request-id", "x-host-header", "time-taken",
    "cs-protocol-version", "c-ip-version", "cs-user-agent", "cs-referer", "cs-cookie", "cs-uri-query",
    "x-edge-response-result-type", "x-forwarded-for", "ssl-protocol", "ssl-cipher", "x-edge-result-type",
  ]

  struct Columns {
    /// Real-time logs: one field of epoch seconds with milliseconds.
    var epoch: Int?
    var method: Int?
    var date: Int?
    var time: Int?
    var edge: Int?
    var bytes: Int?
    var path: Int?
    var status: Int?
    var result: Int?
    var detailed: Int?
    var timeTaken: Int?

    init(_ names: [String]) {
      func at(_ n: String) -> Int? { names.firstIndex(of: n) }
      epoch = at("timestamp")
      method = at("cs-method")
      date = at("date")
      time = at("time")
      edge = at("x-edge-location")
      bytes = at("sc-bytes")
      path = at("cs-uri-stem")
      status = at("sc-status")
      result = at("x-edge-result-type")
      detailed = at("x-edge-detailed-result-type")
      timeTaken = at("time-taken")
    }
  }

  public static func parse(_ text: String, file: String) -> (records: [EdgeRequest], problems: LogProblems) {
    var problems = LogProblems(file: file)
    var records: [EdgeRequest] = []
    var columns = Columns(standardFields)
    // With a #Fields line, every line must have its count: one tab lost would shift every
    // later column and read a byte count as a status.
    var expected: Int?
    var sawHeader = false
    LogLines.each(text) { number, line in
      if line.isEmpty { return }
      if line.utf8.first == UInt8(ascii: "#") {
        if line.hasPrefix("#Fields:") {
          let names = line.dropFirst(8).utf8.split(whereSeparator: { $0 == 32 || $0 == 9 }).map { String(Substring($0)) }
          columns = Columns(names)
          expected = names.count
          sawHeader = true
        }
        problems.skipped += 1
        return
      }
      let fields = LogLines.fields(line)
      // No header and a first field of epoch seconds (1795168800.450): a real-time log.
      if !sawHeader && columns.epoch == nil, let first = fields.first, first.contains("."), Double(first) != nil {
        columns = Columns(realTimeFields)
      }
      if let expected, fields.count != expected {
        problems.unreadable(
          line: number, line, because: "\(fields.count) tab-separated fields where the #Fields line names \(expected)")
        return
      }
      func field(_ i: Int?) -> Substring? {
        guard let i, i < fields.count, !fields[i].isEmpty, fields[i] != "-" else { return nil }
        return fields[i]
      }
      let epoch = field(columns.epoch).flatMap { Double($0) }
      if epoch != nil && !sawHeader,
        !["GET", "HEAD", "POST", "PUT", "DELETE", "OPTIONS", "PATCH", "CONNECT"].contains(field(columns.method) ?? "")
      {
        problems.unreadable(
          line: number, line,
          because: "a real-time log line whose fields are not all the documented ones in their order (select every field, or add a #Fields line naming them)"
        )
        return
      }
      guard
        let seconds = epoch
          ?? field(columns.date).flatMap({ d in
            field(columns.time).flatMap { LogClock.parseDateAndTime(date: d, time: $0) }
          })
      else {
        problems.unreadable(line: number, line, because: "no date and time fields that read as a time")
        return
      }
      guard let path = field(columns.path) else {
        problems.unreadable(line: number, line, because: "no cs-uri-stem")
        return
      }
      let request = EdgeRequest(
        timeSeconds: seconds, edgeLocation: field(columns.edge).map(String.init), path: String(path),
        bytes: LogRanges.count(field(columns.bytes)), status: LogRanges.count(field(columns.status)),
        result: (field(columns.result) ?? field(columns.detailed)).map { EdgeRequest.Result($0) },
        timeTakenMs: field(columns.timeTaken).flatMap { Double($0) }.map { $0 * 1_000 })
      if let why = request.problem {
        problems.unreadable(line: number, line, because: why)
        return
      }
      records.append(request)
      problems.usable += 1
    }
    return (records, problems)
  }
}
