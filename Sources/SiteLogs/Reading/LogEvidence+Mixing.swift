import Foundation

extension LogEvidence {
  /// Keeps the records of one function (by log group, where the logs name it) and of one
  /// period (records without a time are kept by --since/--until only when nothing says they
  /// fall outside); how many were left out.
  public mutating func keep(function: String?, since: Double?, until: Double?) -> Int {
    let before = lambda.count + edge.count + api.count
    func inPeriod(_ t: Double?) -> Bool {
      guard let t else { return true }
      return t >= (since ?? -.infinity) && t < (until ?? .infinity)
    }
    if let function {
      lambda = lambda.filter { r in
        guard let g = r.group else { return true }
        return g == function || g.hasSuffix("/" + function)
      }
    }
    lambda = lambda.filter { inPeriod($0.endSeconds) }
    edge = edge.filter { inPeriod($0.timeSeconds) }
    api = api.filter { inPeriod($0.timeSeconds) }
    return before - (lambda.count + edge.count + api.count)
  }

  /// One line for each way the logs mix what the fit takes as one site: several functions,
  /// several memory sizes, periods far apart.
  public var mixing: [String] {
    var said: [String] = []
    let groups = Dictionary(grouping: lambda.compactMap(\.group), by: { $0 })
    if groups.count > 1 {
      let list = groups.keys.sorted().map { "\($0) (\(groups[$0]!.count))" }.joined(separator: ", ")
      said.append("the Lambda logs hold \(groups.count) functions: \(list); pick one with --function NAME")
    }
    let memories = Dictionary(grouping: lambda.compactMap(\.memorySizeMB), by: { $0 })
    if memories.count > 1 {
      let list = memories.keys.sorted().map { "\($0) MB (\(memories[$0]!.count))" }.joined(separator: ", ")
      said.append(
        "the REPORT lines hold \(memories.count) memory sizes: \(list); the fit takes the most common, and durations mix them (--since/--until can pick one period)"
      )
    }
    let times = (lambda.compactMap(\.endSeconds) + edge.map(\.timeSeconds) + api.compactMap(\.timeSeconds)).sorted()
    var widest: (from: Double, to: Double)?
    for (a, b) in zip(times, times.dropFirst()) where b - a > (widest.map { $0.to - $0.from } ?? 0) {
      widest = (a, b)
    }
    if let w = widest, w.to - w.from > 30 * 86_400 {
      said.append(
        "the logs have a gap of \(Int((w.to - w.from) / 86_400)) days, from \(Self.day(w.from)) to \(Self.day(w.to)): periods far apart are fitted as one; --since/--until picks one"
      )
    }
    if let first = times.first, let last = times.last, Self.day(first).prefix(4) != Self.day(last).prefix(4),
      last - first > 366 * 86_400
    {
      said.append("the logs span \(Self.day(first)) to \(Self.day(last)), more than a year")
    }
    return said
  }

  static func day(_ seconds: Double) -> String {
    let f = DateFormatter()
    f.locale = Locale(identifier: "en_US_POSIX")
    f.timeZone = TimeZone(identifier: "UTC")
    f.dateFormat = "yyyy-MM-dd"
    return f.string(from: Date(timeIntervalSince1970: seconds))
  }
}
