import Foundation
import ScenarioModel

/// The JSON that `aws logs filter-log-events` and `get-log-events` print: an object with an
/// `events` array (or a bare array of events), each with `message`, and usually
/// `logStreamName` and `timestamp` (milliseconds).
enum CloudWatchEvents {
  struct Event {
    var stream: String?
    var timestampMs: Double?
    var message: String
  }

  /// The events when `text` is such a document, nil when it is something else (lines).
  static func events(in text: String) -> [Event]? {
    guard let first = text.utf8.first(where: { $0 != 32 && $0 != 9 && $0 != 10 && $0 != 13 }),
      first == UInt8(ascii: "{") || first == UInt8(ascii: "[")
    else { return nil }
    guard let document = try? JSONParser.parse(text) else { return nil }
    let items: [JSONValue]
    switch document {
    case .array(let a): items = a
    case .object:
      guard case .array(let a)? = document["events"] else { return nil }
      items = a
    default: return nil
    }
    var events: [Event] = []
    for item in items {
      guard case .string(let message)? = item["message"] else { continue }
      events.append(
        Event(stream: item["logStreamName"]?.text, timestampMs: item["timestamp"]?.number, message: message))
    }
    return events
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
