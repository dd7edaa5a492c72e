import Metrics

/// Help generated from the command table: `visitorsim help`, `visitorsim CMD --help`.
enum HelpText {
  static let exitCodes = """
    Exit codes
      0    success
      1    run failure
      2    thresholds or objectives missed (the report was written)
      64   usage error, or a live target refused for safety
      65   bad input data (one line naming the JSON path and value)
      66   input file unreadable
      73   output not writable (nothing is said to be written unless it was)
      130  interrupted (the report of what was measured was written)
    """

  /// `visitorsim help`: every command with its summary.
  static var overview: String {
    let width = CommandTable.all.map(\.name.count).max()! + 2
    var out = "visitorsim: what happens to a serverless resume site under this traffic, and what it costs.\n\n"
    out += "usage: visitorsim <command> [options]    (visitorsim <command> --help for one command)\n\n"
    out += "Commands\n"
    for c in CommandTable.all {
      out += "  " + c.name.padding(toLength: width, withPad: " ", startingAt: 0) + c.summary + "\n"
    }
    return out + "\n" + exitCodes + "\n"
  }

  /// `visitorsim help figures`: every figure a report can hold, with its unit, direction and
  /// the runs that have it (latency figures grouped by stage).
  static var figures: String {
    var out = "Figures: what --slo, --threshold and sweeps may name (FIGURE<=LIMIT, e.g. counterApi.p99<=800ms)\n\n"
    out += "Latency, in ms (STAGE.STAT; STAT is one of \(FigureTable.latencyStatistics.joined(separator: ", "))):\n"
    var seen: Set<String> = []
    for f in FigureTable.all where f.unit == .milliseconds || f.name.hasSuffix(".count") {
      let stage = String(f.name.prefix { $0 != "." })
      guard !f.name.contains(".errors."), seen.insert(stage).inserted else { continue }
      out += "  " + stage.padding(toLength: 24, withPad: " ", startingAt: 0) + "(\(f.runs.rawValue))\n"
    }
    out += "\nOther figures:\n"
    for f in FigureTable.all where f.unit != .milliseconds && !f.name.hasSuffix(".count") || f.name.contains(".errors.") {
      let direction = f.lowerIsBetter.map { $0 ? "lower is better" : "higher is better" } ?? ""
      out +=
        "  " + f.name.padding(toLength: 34, withPad: " ", startingAt: 0)
        + "\(f.unit.rawValue); \(f.runs.rawValue)\(direction.isEmpty ? "" : "; " + direction): \(f.help)\n"
    }
    out += "\nA simulate figure cannot be a live --threshold, and the reverse: every command checks before it runs.\n"
    return out
  }

  /// `visitorsim CMD --help`: usage, what it does, its options by group, examples.
  static func command(_ c: CommandSpec) -> String {
    var out = "usage: \(c.usage)\n\n\(c.summary.prefix(1).uppercased() + c.summary.dropFirst()).\n"
    if !c.discussion.isEmpty { out += "\n" + c.discussion + "\n" }
    let width = min(34, (c.options.map { label($0).count }.max() ?? 0) + 2)
    for group in c.groups where !group.options.isEmpty {
      out += "\n\(group.title):\n"
      for o in group.options {
        var lines = o.help.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        var notes: [String] = []
        if o.repeatable { notes.append("repeatable") }
        if let d = o.defaultValue { notes.append("default \(d)") }
        if !notes.isEmpty { lines[lines.count - 1] += " (\(notes.joined(separator: "; ")))" }
        let head = label(o)
        if head.count + 2 > width {
          out += "  \(head)\n"
          out += lines.map { "  " + String(repeating: " ", count: width) + $0 + "\n" }.joined()
        } else {
          out += "  " + head.padding(toLength: width, withPad: " ", startingAt: 0) + lines[0] + "\n"
          out += lines.dropFirst().map { "  " + String(repeating: " ", count: width) + $0 + "\n" }.joined()
        }
      }
    }
    if !c.examples.isEmpty {
      out += "\nExample\(c.examples.count > 1 ? "s" : ""):\n"
      out += c.examples.map { "  \($0)\n" }.joined()
    }
    return out
  }

  static func label(_ o: OptionSpec) -> String { o.value.map { "\(o.name) \($0)" } ?? o.name }
}
