import Foundation
import Metrics

/// Renders a report as JSON: keys sorted, so equal reports give identical bytes.
public enum JSONReport {
  /// Reads a report written by `render`.
  public static func parse(_ data: Data) throws -> RunReport {
    try JSONDecoder().decode(RunReport.self, from: data)
  }

  /// A run report, or any report-like value (a sweep, a plan, a bench run), as JSON with the
  /// same settings: keys sorted, pretty, unescaped slashes, a final newline.
  public static func render(_ value: some Encodable) throws -> Data {
    var data = try encoder.encode(value)
    data.append(0x0A)
    return data
  }

  /// The one JSON encoder configuration every command writes with.
  public static var encoder: JSONEncoder {
    let e = JSONEncoder()
    e.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
    return e
  }
}
