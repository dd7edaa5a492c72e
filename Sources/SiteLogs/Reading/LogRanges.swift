/// The ranges a number from a log may take where it enters: a figure outside them (negative,
/// NaN, infinite, 1e300, a timestamp before 1970) makes its line unparsable with the reason,
/// so it never reaches a fit, a scenario or a report.
enum LogRanges {
  /// A duration or latency: at least 0 and under a day, in milliseconds.
  static let longestMs = 86_400_000.0
  /// Timestamps: from 1970 to 2200, in seconds since the epoch.
  static let earliestSeconds = 0.0
  static let latestSeconds = 7_258_118_400.0
  /// Counts and sizes: whole, at least 0, under 10^15.
  static let largestCount = 1e15

  /// Why the duration is out of range, or nil.
  static func duration(_ name: String, _ ms: Double?) -> String? {
    guard let ms else { return nil }
    guard ms.isFinite else { return "\(name) is not a finite number (\(ms))" }
    guard ms >= 0 else { return "\(name) is negative (\(ms) ms)" }
    guard ms < longestMs else { return "\(name) is a day or more (\(ms) ms)" }
    return nil
  }

  static func time(_ name: String, _ seconds: Double?) -> String? {
    guard let seconds else { return nil }
    guard seconds.isFinite, seconds >= earliestSeconds, seconds <= latestSeconds else {
      return "\(name) is not a time between 1970 and 2200 (\(seconds) s since the epoch)"
    }
    return nil
  }

  /// A whole number from a log's number, or nil when it is not one that fits (NaN, 1e300,
  /// negative, fractional): never a trap.
  static func count(_ x: Double?) -> Int? {
    guard let x, x.isFinite, x >= 0, x < largestCount, x == x.rounded() else { return nil }
    return Int(x)
  }

  static func count(_ text: Substring?) -> Int? {
    guard let text, text.count <= 16 else { return nil }
    return Int(text).flatMap { $0 >= 0 ? $0 : nil }
  }
}

extension LambdaInvocation {
  /// Why the record's numbers cannot be a real invocation's, or nil.
  var problem: String? {
    LogRanges.time("the timestamp", endSeconds) ?? LogRanges.duration("Duration", durationMs)
      ?? LogRanges.duration("Billed Duration", billedDurationMs) ?? LogRanges.duration("Init Duration", initDurationMs)
      ?? LogRanges.duration("Restore Duration", restoreDurationMs)
      ?? memorySizeMB.flatMap { $0 < 1 || $0 > 1_048_576 ? "Memory Size \($0) MB is out of range" : nil }
  }
}

extension EdgeRequest {
  var problem: String? {
    LogRanges.time("date and time", timeSeconds) ?? LogRanges.duration("time-taken", timeTakenMs)
  }
}

extension APIAccess {
  var problem: String? {
    LogRanges.time("the request time", timeSeconds) ?? LogRanges.duration("responseLatency", responseLatencyMs)
      ?? LogRanges.duration("integrationLatency", integrationLatencyMs)
      ?? status.flatMap { (100...999).contains($0) ? nil : "status \($0) is not an HTTP status" }
  }
}
