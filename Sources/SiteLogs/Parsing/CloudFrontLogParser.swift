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

  struct Columns {
    var date: Int?
    var time: Int?
    var edge: Int?
    var bytes: Int?
    var path: Int?
    var status: Int?
    var result: Int?
    var timeTaken: Int?

    init(_ names: [String]) {
      func at(_ n: String) -> Int? { names.firstIndex(of: n) }
      date = at("date")
      time = at("time")
      edge = at("x-edge-location")
      bytes = at("sc-bytes")
      path = at("cs-uri-stem")
      status = at("sc-status")
      result = at("x-edge-result-type")
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
    LogLines.each(text) { number, line in
      if line.isEmpty { return }
      if line.utf8.first == UInt8(ascii: "#") {
        if line.hasPrefix("#Fields:") {
          let names = line.dropFirst(8).utf8.split(whereSeparator: { $0 == 32 || $0 == 9 }).map { String(Substring($0)) }
          columns = Columns(names)
          expected = names.count
        }
        problems.skipped += 1
        return
      }
      let fields = LogLines.fields(line)
      if let expected, fields.count != expected {
        problems.unreadable(
          line: number, line, because: "\(fields.count) tab-separated fields where the #Fields line names \(expected)")
        return
      }
      func field(_ i: Int?) -> Substring? {
        guard let i, i < fields.count, !fields[i].isEmpty, fields[i] != "-" else { return nil }
        return fields[i]
      }
      guard let date = field(columns.date), let time = field(columns.time),
        let seconds = LogClock.parseDateAndTime(date: date, time: time)
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
        result: field(columns.result).map { EdgeRequest.Result($0) },
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
