import Foundation
import ScenarioModel

/// Log events in the documents CloudWatch Logs hands out, detected by their content:
/// - `aws logs filter-log-events` / `get-log-events` JSON: an object with `events` (or a bare
///   array of events), each with `message`, usually `logStreamName` and `timestamp` (ms);
/// - a subscription filter's payload, as Firehose delivers it to S3 or a Lambda receives it:
///   objects with `logGroup`, `logStream` and `logEvents`, one after another (gzip and base64
///   are undone before);
/// - Logs Insights results: `aws logs get-query-results` (`results`, rows of `field`/`value`
///   pairs) and the console's JSON export (an array of objects with `@timestamp`, `@message`
///   and `@logStream`);
/// - CSV: the console's download of log events or of Insights results, with a header naming a
///   message column (`message`, `@message`) and a time column (`timestamp`, `@timestamp`).
///
/// Pretty-printed or on one line, the same. Anything else is nil: lines, read one by one.
enum CloudWatchEvents {
  struct Event {
    var stream: String?
    var timestampMs: Double?
    var message: String
    /// The log group (`/aws/lambda/NAME`) where the document names it.
    var group: String? = nil
  }

  static func events(in text: String) -> [Event]? {
    guard let first = text.utf8.first(where: { $0 != 32 && $0 != 9 && $0 != 10 && $0 != 13 }) else { return nil }
    if first == UInt8(ascii: "{") || first == UInt8(ascii: "[") {
      if let document = try? JSONParser.parse(text) { return events(document) }
      // Firehose writes subscription payloads one after another, without a separator.
      return concatenated(text)
    }
    return csv(text)
  }

  /// The events of one parsed document, or nil when it holds none of the known shapes.
  static func events(_ document: JSONValue) -> [Event]? {
    switch document {
    case .array(let items):
      // A bare array of events, of Insights rows (objects), or of subscription payloads.
      var out: [Event] = []
      for item in items {
        if item["logEvents"] != nil {
          out += events(item) ?? []
        } else if let e = event(item) {
          out.append(e)
        }
      }
      return out.isEmpty && !items.isEmpty ? nil : out
    case .object:
      if case .array(let a)? = document["events"] { return a.compactMap { event($0) } }
      if case .array(let a)? = document["logEvents"] {
        let stream = document["logStream"]?.text
        let group = document["logGroup"]?.text
        return a.compactMap { item in
          event(item).map { e in
            var e = e
            e.stream = e.stream ?? stream
            e.group = e.group ?? group
            return e
          }
        }
      }
      if case .array(let rows)? = document["results"] {
        // get-query-results: each row a list of {"field": ..., "value": ...}.
        return rows.compactMap { row -> Event? in
          guard case .array(let cells) = row else { return nil }
          var members: [JSONMember] = []
          for cell in cells {
            if let f = cell["field"]?.text, let v = cell["value"] { members.append(JSONMember(key: f, value: v)) }
          }
          return event(.object(members))
        }
      }
      return nil
    default:
      return nil
    }
  }

  /// One event from an object naming its message (`message` or `@message`).
  static func event(_ item: JSONValue) -> Event? {
    guard case .string(let message)? = item["message"] ?? item["@message"] else { return nil }
    let stream = (item["logStreamName"] ?? item["@logStream"] ?? item["logStream"])?.text
    // Insights' @log is ACCOUNT:GROUP.
    let group = (item["logGroupName"] ?? item["logGroup"])?.text
      ?? item["@log"]?.text.map { $0.split(separator: ":", maxSplits: 1).last.map(String.init) ?? $0 }
    return Event(
      stream: stream, timestampMs: time(item["timestamp"] ?? item["@timestamp"]), message: message, group: group)
  }

  /// Milliseconds since the epoch from a number (ms) or a time such as Insights writes
  /// (`2026-11-20 10:00:00.450`, UTC).
  static func time(_ v: JSONValue?) -> Double? {
    switch v {
    case .number(let x, _)?: return x
    case .string(let s)?:
      if let x = Double(s) { return x }
      return LogClock.parseISO(s).map { $0 * 1_000 }
    default: return nil
    }
  }

  /// Objects written one after another (`{...}{...}` or one per line), each parsed alone;
  /// nil as soon as one is not a document of events (access log lines stop at the first).
  static func concatenated(_ text: String) -> [Event]? {
    var out: [Event] = []
    var found = false
    let complete = JSONPieces.each(text) { piece in
      guard let document = try? JSONParser.parse(piece), let events = events(document) else { return false }
      found = true
      out += events
      return true
    }
    return complete && found ? out : nil
  }

  // MARK: CSV

  /// Events from CSV with a header naming a message column; nil when the first line is not
  /// such a header.
  static func csv(_ text: String) -> [Event]? {
    // Most logs are not CSV: look at the first line before reading rows.
    let firstLine = text.utf8.prefix { $0 != 10 }
    guard LogLines.firstIndex(of: "message", in: Substring(firstLine).lowercased()[...]) != nil else { return nil }
    var rows = CSVRows(text)
    guard let header = rows.next()?.map({ $0.trimmingCharacters(in: .whitespaces).lowercased() }),
      let message = header.firstIndex(where: { $0 == "message" || $0 == "@message" })
    else { return nil }
    let time = header.firstIndex { $0 == "timestamp" || $0 == "@timestamp" }
    let stream = header.firstIndex { $0 == "@logstream" || $0 == "logstreamname" || $0 == "logstream" }
    let group = header.firstIndex { $0 == "@log" || $0 == "loggroupname" || $0 == "loggroup" }
    var out: [Event] = []
    while let row = rows.next() {
      guard message < row.count else { continue }
      let t = time.flatMap { $0 < row.count ? CloudWatchEvents.time(.string(row[$0])) : nil }
      let s = stream.flatMap { $0 < row.count && !row[$0].isEmpty ? row[$0] : nil }
      let g = group.flatMap { $0 < row.count && !row[$0].isEmpty ? row[$0] : nil }.map {
        $0.split(separator: ":", maxSplits: 1).last.map(String.init) ?? $0
      }
      out.append(Event(stream: s, timestampMs: t, message: row[message], group: g))
    }
    return out
  }
}

/// The top-level JSON values of a text that holds several one after another.
enum JSONPieces {
  /// Calls `body` with each piece in turn until it returns false; whether every piece was
  /// taken and the text held nothing else unbalanced.
  static func each(_ text: String, _ body: (String) -> Bool) -> Bool {
    let bytes = text.utf8
    var depth = 0
    var start: String.UTF8View.Index?
    var inString = false
    var escaped = false
    for k in bytes.indices {
      let b = bytes[k]
      if inString {
        if escaped { escaped = false } else if b == 92 { escaped = true } else if b == 34 { inString = false }
        continue
      }
      switch b {
      case 34: inString = true
      case 123, 91:
        if depth == 0 { start = k }
        depth += 1
      case 125, 93:
        depth -= 1
        if depth == 0, let s = start {
          if !body(String(Substring(bytes[s...k]))) { return false }
          start = nil
        }
        if depth < 0 { return false }
      default: break
      }
    }
    return depth == 0
  }
}

/// RFC 4180 rows: fields separated by commas, quoted with `"` (a quote doubled inside),
/// quoted fields may hold commas, tabs and newlines.
struct CSVRows: IteratorProtocol {
  let bytes: [UInt8]
  var i = 0

  init(_ text: String) {
    bytes = Array(text.utf8)
  }

  mutating func next() -> [String]? {
    guard i < bytes.count else { return nil }
    var fields: [String] = []
    var field: [UInt8] = []
    var quoted = false
    while i < bytes.count {
      let b = bytes[i]
      i += 1
      if quoted {
        if b == 34 {
          if i < bytes.count && bytes[i] == 34 {
            field.append(34)
            i += 1
          } else {
            quoted = false
          }
        } else {
          field.append(b)
        }
        continue
      }
      switch b {
      case 34 where field.isEmpty: quoted = true
      case 44:
        fields.append(String(decoding: field, as: UTF8.self))
        field.removeAll()
      case 10:
        if field.last == 13 { field.removeLast() }
        fields.append(String(decoding: field, as: UTF8.self))
        return fields
      default: field.append(b)
      }
    }
    if field.last == 13 { field.removeLast() }
    fields.append(String(decoding: field, as: UTF8.self))
    return fields
  }
}

extension JSONValue {
  /// A string's text, or a number's literal.
  var text: String? {
    switch self {
    case .string(let s): s
    case .number(_, let literal): literal
    default: nil
    }
  }

  /// A number, or a string holding one (access logs quote their numbers); nil for "-".
  var number: Double? {
    switch self {
    case .number(let x, _): x
    case .string(let s): Double(s.trimmingCharacters(in: .whitespaces))
    default: nil
    }
  }
}
