import Foundation

/// Arrival times from a CSV of timestamps, for replaying a real access log.
///
/// The first column of each line is a timestamp: seconds (relative, or Unix epoch) or ISO 8601
/// (`2026-11-24T18:00:00Z`, fractional seconds and offsets allowed). A first line that is not a
/// timestamp is a header; blank lines and lines starting with `#` are skipped. Times are
/// sorted and shifted so the first arrival is at 0.
public enum TraceCSV {
  public static func parse(_ text: String, file: String) throws(ScenarioError) -> [Double] {
    let iso = ISO8601DateFormatter()
    let isoFractional = ISO8601DateFormatter()
    isoFractional.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
    var times: [Double] = []
    var lineNumber = 0
    for raw in text.split(separator: "\n", omittingEmptySubsequences: false) {
      lineNumber += 1
      let line = raw.trimmingCharacters(in: .whitespacesAndNewlines)
      if line.isEmpty || line.hasPrefix("#") { continue }
      var field = String(line.split(separator: ",", maxSplits: 1, omittingEmptySubsequences: false)[0])
        .trimmingCharacters(in: .whitespaces)
      if field.hasPrefix("\"") && field.hasSuffix("\"") && field.count >= 2 {
        field = String(field.dropFirst().dropLast())
      }
      if let seconds = Double(field), seconds.isFinite {
        times.append(seconds)
      } else if let date = isoFractional.date(from: field) ?? iso.date(from: field) {
        times.append(date.timeIntervalSince1970)
      } else if times.isEmpty && lineNumber == firstContentLine(text) {
        continue  // a header
      } else {
        throw ScenarioError(file, "line \(lineNumber): \"\(field)\" is not a timestamp (seconds or ISO 8601)")
      }
    }
    guard !times.isEmpty else { throw ScenarioError(file, "no timestamps") }
    times.sort()
    let first = times[0]
    return times.map { $0 - first }
  }

  private static func firstContentLine(_ text: String) -> Int {
    var n = 0
    for raw in text.split(separator: "\n", omittingEmptySubsequences: false) {
      n += 1
      let line = raw.trimmingCharacters(in: .whitespacesAndNewlines)
      if !line.isEmpty && !line.hasPrefix("#") { return n }
    }
    return n
  }
}
