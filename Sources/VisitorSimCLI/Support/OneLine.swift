import InputText

/// Makes any message fit on one line of a terminal: control characters are escaped (a newline
/// becomes `\n`), a run of more than `longestWord` characters without a space is cut with an
/// ellipsis (a 50 MB number stays short), and the whole line is cut at `longestLine`.
enum OneLine {
  static let longestWord = 120
  static let longestLine = 2_000

  static func clean(_ text: String) -> String {
    var out = ""
    var word = 0
    var cutWord = false
    for scalar in text.unicodeScalars {
      if out.utf8.count >= longestLine {
        out += "…"
        break
      }
      if scalar == " " {
        word = 0
        cutWord = false
        out.unicodeScalars.append(scalar)
        continue
      }
      word += 1
      if word > longestWord {
        if !cutWord { out += "…" }
        cutWord = true
        continue
      }
      switch scalar {
      case "\n": out += "\\n"
      case "\r": out += "\\r"
      case "\t": out += "\\t"
      default:
        if let escaped = Text.escape(scalar) { out += escaped } else { out.unicodeScalars.append(scalar) }
      }
    }
    return out
  }
}
