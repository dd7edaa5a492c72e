import Metrics

/// Objectives and thresholds as every command reads them: the text parsed, and the figure it
/// names checked against `FigureTable` for the kind of run that will judge it, before
/// anything runs (exit 64 with a suggestion).
enum Objectives {
  static func parse(_ texts: [String], option: String, for mode: RunMode) throws(CLIError) -> [Objective] {
    var out: [Objective] = []
    for text in texts {
      do {
        let o = try Objective(parsing: text)
        _ = try FigureTable.check(o.metric, for: mode)
        out.append(o)
      } catch { throw .usage("\(option) \(OneLine.clean(text)): \(error.description)") }
    }
    return out
  }
}
