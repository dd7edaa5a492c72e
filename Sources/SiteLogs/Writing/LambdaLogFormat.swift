/// Writes Lambda invocations as `aws logs tail` prints them: `TIME STREAM MESSAGE`, with the
/// START, END and REPORT lines of Lambda's text log format (Lambda developer guide,
/// "Lambda function logging": REPORT fields are tab-separated).
public enum LambdaLogFormat {
  /// The three lines of one invocation. Its START is logged at its start, END and REPORT at
  /// its end; an invocation without a time is written as the console copies it (the message
  /// alone).
  public static func lines(_ r: LambdaInvocation) -> [String] {
    let stream = r.stream ?? "-"
    let id = r.requestId ?? "-"
    func stamp(_ seconds: Double?) -> String {
      seconds.map { "\(LogClock.tail(milliseconds: Int64(($0 * 1_000).rounded(.down)))) \(stream) " } ?? ""
    }
    var report = "REPORT RequestId: \(id)\tDuration: \(LogNumber.fixed(r.durationMs, digits: 2)) ms"
    report += "\tBilled Duration: \(Int64(r.billedDurationMs)) ms"
    if let m = r.memorySizeMB { report += "\tMemory Size: \(m) MB" }
    if let m = r.maxMemoryUsedMB { report += "\tMax Memory Used: \(m) MB" }
    if let i = r.initDurationMs { report += "\tInit Duration: \(LogNumber.fixed(i, digits: 2)) ms" }
    if let s = r.status { report += "\tStatus: \(s)" }
    return [
      "\(stamp(r.startSeconds))START RequestId: \(id) Version: $LATEST",
      "\(stamp(r.endSeconds))END RequestId: \(id)",
      "\(stamp(r.endSeconds))\(report)",
    ]
  }
}
