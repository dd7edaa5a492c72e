/// Byte-level helpers for reading logs: lines and fields split on UTF-8 bytes (newline, tab)
/// rather than `Character`s, whose grapheme breaking cost most of the time of a large log.
enum LogLines {
  /// Calls `body` with each line's number (from 1) and text, a trailing `\r` removed.
  static func each(_ text: String, _ body: (Int, Substring) -> Void) {
    var number = 0
    for raw in text.utf8.split(separator: 10, omittingEmptySubsequences: false) {
      number += 1
      var line = Substring(raw)
      if line.utf8.last == 13 { line = Substring(line.utf8.dropLast()) }
      body(number, line)
    }
  }

  /// The tab-separated fields of a line.
  static func fields(_ line: Substring) -> [Substring] {
    line.utf8.split(separator: 9, omittingEmptySubsequences: false).map { Substring($0) }
  }

  /// Whether the line holds only spaces and tabs.
  static func isBlank(_ line: Substring) -> Bool { line.utf8.allSatisfy { $0 == 32 || $0 == 9 } }

  /// Where `needle` first starts in `line`, by bytes.
  static func firstIndex(of needle: String, in line: Substring) -> Substring.Index? {
    let n = Array(needle.utf8)
    let bytes = line.utf8
    guard let first = n.first, bytes.count >= n.count else { return nil }
    var i = bytes.startIndex
    while i != bytes.endIndex {
      if bytes[i] == first {
        var j = i
        var k = 0
        while k < n.count && j != bytes.endIndex && bytes[j] == n[k] {
          j = bytes.index(after: j)
          k += 1
        }
        if k == n.count { return i }
      }
      i = bytes.index(after: i)
    }
    return nil
  }
}
