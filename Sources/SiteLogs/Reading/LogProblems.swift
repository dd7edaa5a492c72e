/// What a log file held besides usable records: lines that could not be read (counted, the
/// first kept with its number as a sample) and lines recognised but not needed (START, END).
public struct LogProblems: Sendable, Equatable {
  public var file: String
  public var usable = 0
  public var skipped = 0
  public var unparsable = 0
  /// Usable records without a time (REPORT lines copied without their timestamp).
  public var untimed = 0
  public var firstUnparsableLine: Int?
  public var sample: String?
  public var firstReason: String?

  public init(file: String) { self.file = file }

  mutating func unreadable(line: Int, _ text: some StringProtocol, because reason: String) {
    unparsable += 1
    if firstUnparsableLine == nil {
      firstUnparsableLine = line
      sample = String(text.prefix(120))
      firstReason = reason
    }
  }

  /// `cloudfront.log: 2 unparsable lines (first: line 7, no date field: "garbage")`.
  public var summary: String? {
    guard unparsable > 0, let line = firstUnparsableLine else { return nil }
    let s = unparsable == 1 ? "" : "s"
    return
      "\(file): \(unparsable) unparsable line\(s) of \(usable + skipped + unparsable) (first: line \(line), \(firstReason ?? "not understood"): \"\(sample ?? "")\")"
  }
}
