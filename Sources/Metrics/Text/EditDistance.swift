/// Levenshtein distance and "did you mean" suggestions for names typed by a user (options,
/// commands, scenario field paths).
public enum EditDistance {
  public static func between(_ a: String, _ b: String) -> Int {
    let a = Array(a)
    let b = Array(b)
    guard !a.isEmpty else { return b.count }
    guard !b.isEmpty else { return a.count }
    var row = Array(0...b.count)
    for i in 1...a.count {
      var diagonal = row[0]
      row[0] = i
      for j in 1...b.count {
        let up = row[j]
        row[j] = min(up + 1, row[j - 1] + 1, diagonal + (a[i - 1] == b[j - 1] ? 0 : 1))
        diagonal = up
      }
    }
    return row[b.count]
  }

  /// The closest of `names` to `name`, when it is within a quarter of its length (at least 2
  /// edits); nil when none is that close.
  public static func closest(to name: String, among names: [String]) -> String? {
    let scored = names.map { ($0, between(name, $0)) }.filter { $0.1 <= max(2, name.count / 4) }
    return scored.min { $0.1 < $1.1 }?.0
  }
}
