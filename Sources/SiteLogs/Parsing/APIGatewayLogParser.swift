import ScenarioModel

/// Reads API Gateway access logs written in JSON, one object per line (as the stage's access
/// log format makes them, fetched with `aws logs tail` or `filter-log-events`). The stage
/// chooses the field names; the usual `$context` names and their common spellings are found
/// by name, missing ones are tolerated, quoted numbers and `-` are understood.
public enum APIGatewayLogParser {
  /// CLF, as the API Gateway console's example: `IP CALLER USER [TIME] "METHOD PATH PROTOCOL"
  /// STATUS LENGTH REQUEST-ID ...`.
  static func commonLog(_ line: Substring) -> APIAccess? {
    guard let open = line.firstIndex(of: "["), let close = line[open...].firstIndex(of: "]"),
      let seconds = LogClock.parseCommonLog(line[line.index(after: open)..<close])
    else { return nil }
    let rest = line[line.index(after: close)...]
    guard let q1 = rest.firstIndex(of: "\""), let q2 = rest[rest.index(after: q1)...].firstIndex(of: "\"") else {
      return nil
    }
    let request = rest[rest.index(after: q1)..<q2].split(separator: " ")
    let after = rest[rest.index(after: q2)...].split(separator: " ")
    guard let statusText = after.first, let status = LogRanges.count(statusText) else { return nil }
    return APIAccess(
      timeSeconds: seconds, status: status, responseLatencyMs: nil, integrationLatencyMs: nil,
      route: request.count >= 2 ? "\(request[0]) \(request[1])" : nil)
  }

  /// CSV, as the console's example: `IP,CALLER,USER,TIME,METHOD,PATH,PROTOCOL,STATUS,...`;
  /// the time is the field that reads as one, the status the field after the protocol.
  static func csv(_ line: Substring) -> APIAccess? {
    let fields = line.split(separator: ",", omittingEmptySubsequences: false)
    guard let t = fields.firstIndex(where: { LogClock.parseCommonLog($0) != nil }),
      let seconds = LogClock.parseCommonLog(fields[t]),
      let p = fields[t...].firstIndex(where: { $0.hasPrefix("HTTP/") }), p + 1 < fields.count,
      let status = LogRanges.count(fields[p + 1])
    else { return nil }
    let route = p >= t + 3 ? "\(fields[p - 2]) \(fields[p - 1])" : nil
    return APIAccess(timeSeconds: seconds, status: status, responseLatencyMs: nil, integrationLatencyMs: nil, route: route)
  }

  static let timeEpochKeys = ["requestTimeEpoch", "requestTimeEpochMs", "epoch"]
  static let timeKeys = ["requestTime", "time", "timestamp"]
  static let statusKeys = ["status", "statusCode", "httpStatus"]
  static let responseKeys = ["responseLatency", "latency", "responseLatencyMs"]
  static let integrationKeys = ["integrationLatency", "integration.latency", "integrationLatencyMs"]
  static let routeKeys = ["routeKey", "resourcePath", "path", "route"]

  public static func parse(_ text: String, file: String) -> (records: [APIAccess], problems: LogProblems) {
    var problems = LogProblems(file: file)
    var records: [APIAccess] = []
    if let events = CloudWatchEvents.events(in: text) {
      for (i, e) in events.enumerated() {
        read(e.message[...], line: i + 1, &records, &problems)
      }
      return (records, problems)
    }
    LogLines.each(text) { number, line in
      if LogLines.isBlank(line) { return }
      read(line, line: number, &records, &problems)
    }
    return (records, problems)
  }

  private static func read(
    _ line: Substring, line number: Int, _ records: inout [APIAccess], _ problems: inout LogProblems
  ) {
    guard let open = line.utf8.firstIndex(of: UInt8(ascii: "{")) else {
      // The stage's other documented formats: CLF and CSV (a time and a status, no latency).
      if let access = commonLog(line) ?? csv(line) {
        if let why = access.problem {
          problems.unreadable(line: number, line, because: why)
        } else {
          records.append(access)
          problems.usable += 1
        }
      } else {
        problems.unreadable(line: number, line, because: "neither a JSON object nor a CLF or CSV access log line")
      }
      return
    }
    guard let value = try? JSONParser.parse(String(line[open...])), case .object = value else {
      problems.unreadable(line: number, line, because: "not valid JSON")
      return
    }
    func first(_ keys: [String]) -> JSONValue? {
      for k in keys {
        if let v = value[k], v != .null { return v }
      }
      return nil
    }
    var seconds = first(timeEpochKeys)?.number.map { $0 > 1e11 ? $0 / 1_000 : $0 }
    if seconds == nil, let t = first(timeKeys)?.text {
      seconds = LogClock.parseCommonLog(t) ?? LogClock.parseISO(t)
    }
    let access = APIAccess(
      timeSeconds: seconds, status: LogRanges.count(first(statusKeys)?.number),
      responseLatencyMs: first(responseKeys)?.number, integrationLatencyMs: first(integrationKeys)?.number,
      route: first(routeKeys)?.text)
    // A time alone is not an access: Lambda's JSON records carry one too.
    guard access.status != nil || access.responseLatencyMs != nil || access.integrationLatencyMs != nil else {
      problems.unreadable(line: number, line, because: "none of status, responseLatency or integrationLatency")
      return
    }
    if let why = access.problem {
      problems.unreadable(line: number, line, because: why)
      return
    }
    records.append(access)
    problems.usable += 1
  }
}
