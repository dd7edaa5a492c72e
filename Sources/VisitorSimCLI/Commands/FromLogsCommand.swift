import Foundation
import Metrics
import Pricing
import ScenarioModel
import SiteLogs
import WhatIf

/// `visitorsim scenario from-logs [--lambda F]... [--cloudfront F]... [--apigateway F]...`: a
/// scenario fitted to the site's own logs, and a replay of the logged visits through it.
enum FromLogsCommand {
  static let spec = CommandSpec(
    name: "scenario from-logs", arguments: "", maxPositionals: 0,
    summary: "a scenario fitted to the site's own logs (Lambda REPORT lines, CloudFront and API Gateway access logs)",
    discussion: """
      Reads the logs (files or directories; .gz read directly), fits the Lambda handler, init,
      memory and idle timeout, the edge and origin times, object sizes, the gateway's overhead
      and the arrivals, and writes the base scenario with those fields replaced and a note on
      each. Then replays the logged visits through the fitted scenario and prints logged
      against simulated. Unparsable lines are counted and shown, never fatal; a file with no
      usable line is an error (exit 65).

      Fetch the logs with the AWS CLI, e.g.
        aws logs tail /aws/lambda/FUNCTION --since 1d > lambda.log
        aws s3 sync s3://LOG-BUCKET/cloudfront/ cf-logs/
        aws logs tail API-ACCESS-LOG-GROUP --since 1d --format short > api.log
      """,
    groups: [
      OptionGroup(
        title: "Logs",
        options: [
          .option(
            "--lambda", "FILE", "the function's CloudWatch Logs (aws logs tail, filter-log-events text or JSON)",
            repeatable: true),
          .option("--cloudfront", "FILE", "CloudFront standard access logs (W3C, #Fields header)", repeatable: true),
          .option("--apigateway", "FILE", "API Gateway JSON access logs", repeatable: true),
        ]),
      OptionGroup(
        title: "Picking",
        options: [
          .option("--function", "NAME", "keep the Lambda records of this function (by log group, where the logs name it)"),
          .option("--since", "TIME", "keep records from TIME on (2026-11-20 or 2026-11-20T10:00:00Z, UTC)"),
          .option("--until", "TIME", "keep records before TIME"),
        ]),
      OptionGroup(
        title: "Output",
        options: [
          .option("--base", "SCENARIO", "the scenario to fit (default: the embedded baseline)"),
          .option("--output", "FILE", "write the fitted scenario to FILE instead of stdout"),
          .option("--trace", "CSV", "write the logged visits' times as a trace (workload.arrivals.traceFile)"),
          .flag("--no-validate", "skip the replay of the logged visits through the fitted scenario"),
        ]),
    ],
    examples: [
      "visitorsim scenario from-logs --lambda lambda.log --cloudfront cf-logs/ --apigateway api.log --output fitted.json",
      "visitorsim scenario from-logs --lambda logs/lambda.log --base Scenarios/baseline.json --trace visits.csv",
    ],
    run: { (args, console) throws(CLIError) in try run(&args, console: console) })

  /// A time given as a date or an ISO 8601 time, UTC unless it says otherwise.
  static func time(_ text: String?, option: String) throws(CLIError) -> Double? {
    guard let text else { return nil }
    let full = text.count == 10 ? text + "T00:00:00Z" : text
    guard let seconds = LogClock.parseISO(full) else {
      throw .usage("\(option) \"\(text)\" is not a date or time such as 2026-11-20 or 2026-11-20T10:00:00Z")
    }
    return seconds
  }

  static func run(_ args: inout Arguments, console: Console) throws(CLIError) {
    let given: [(LogEvidence.Kind, [String])] = [
      (.lambda, try args.values("--lambda")), (.cloudfront, try args.values("--cloudfront")),
      (.apigateway, try args.values("--apigateway")),
    ]
    let base = try args.value("--base")
    let output = try args.value("--output")
    let tracePath = try args.value("--trace")
    try Files.distinct([("--output", output), ("--trace", tracePath)])
    let validate = !args.flag("--no-validate")
    _ = try args.positionals(max: 0)
    guard given.contains(where: { !$0.1.isEmpty }) else {
      throw .usage("give at least one log: --lambda, --cloudfront or --apigateway")
    }
    var evidence = LogEvidence()
    for (kind, paths) in given {
      for path in paths where !FileManager.default.fileExists(atPath: path) {
        throw .noInput("\(path): no such file or directory (--\(kind.rawValue))")
      }
      do { try evidence.read(paths, as: kind) } catch { throw .badInput(error.description) }
    }
    let since = try time(args.value("--since"), option: "--since")
    let until = try time(args.value("--until"), option: "--until")
    if let since, let until, until <= since { throw .usage("--until must be after --since") }
    let function = try args.value("--function")
    var said: [String] = []
    let left = evidence.keep(function: function, since: since, until: until)
    if function != nil || since != nil || until != nil {
      said.append("picked: \(left) records left out by --function/--since/--until")
      guard !evidence.lambda.isEmpty || !evidence.edge.isEmpty || !evidence.api.isEmpty else {
        throw .badInput("no record is left after --function/--since/--until")
      }
    }
    said += evidence.mixing.map { "warning: " + $0 }
    for f in evidence.files {
      said.append(
        "read \(f.file): \(f.usable) records" + (f.skipped > 0 ? ", \(f.skipped) other lines skipped" : ""))
      if let problem = f.summary { said.append("  warning: " + problem) }
      if f.untimed > 0 {
        said.append(
          "  note: \(f.untimed) of its records carry no timestamp (copied without the time column): they tell the handler, init, memory and cold starts, not the idle timeout, the rate or the daily cycle"
        )
      }
    }
    for skipped in evidence.skippedFiles { said.append("skipped \(skipped)") }
    let baseText = try ScenarioLoading.text(path: base)
    let scenario = try ScenarioLoading.load(text: baseText, path: base, sets: [], seed: nil)
    let calibration = LogCalibration.fit(evidence, base: scenario)
    let logNames = evidence.files.map { ($0.file as NSString).lastPathComponent }
    let document: String
    do {
      document = try calibration.document(
        from: baseText, logs: logNames.prefix(5).joined(separator: ", ") + (logNames.count > 5 ? ", ..." : ""))
    } catch {
      throw .badInput((base.map { "\($0): " } ?? "") + error.description)
    }
    said.append("fitted \(base ?? "the baseline scenario") to the logs:")
    said += calibration.settings.map { "  \($0.field) = \(brief($0.json)): \($0.note)" }
    said += calibration.notes.map { "  note: " + $0 }
    if validate {
      let fitted = try ScenarioLoading.load(text: document, path: base, sets: [], seed: nil)
      let prices = try PriceLoading.load(for: fitted, scenarioPath: base)
      do {
        let result = try LogReplay.run(evidence, calibration: calibration, fitted: fitted, prices: prices)
        said.append(contentsOf: table(result))
      } catch {
        said.append("validation skipped: \(error.description)")
      }
    }
    console.err(said.joined(separator: "\n"))
    if let tracePath {
      try Files.write(Data(calibration.traceCSV.utf8), to: tracePath)
      console.err("wrote \(calibration.visits.count) visit times to \(tracePath)")
    }
    if let output {
      try Files.write(Data(document.utf8), to: output)
      console.err("wrote \(output)")
    } else {
      console.out(document)
    }
  }

  /// A JSON value shortened for one line.
  static func brief(_ json: String) -> String { json.count <= 80 ? json : String(json.prefix(77)) + "..." }

  /// Logged against simulated, one row per figure.
  static func table(_ r: LogReplay.Result) -> [String] {
    func ms(_ x: Double?) -> String { x.map { String(format: "%.1f ms", $0) } ?? "-" }
    func count(_ n: Int) -> String { NumberText.grouped(n) }
    func ratio(_ x: Double?) -> String { x.map { String(format: "%.3f", $0) } ?? "-" }
    func usd(_ x: Double) -> String { String(format: "$%.6f", x) }
    func change(_ a: Double?, _ b: Double?) -> String {
      guard let a, let b, a != 0 else { return "" }
      return String(format: "%+.1f%%", (b - a) / a * 100)
    }
    let l = r.logged
    let s = r.simulated
    // A percentile of fewer than 100 logged values is marked with its count.
    var thin = false
    func named(_ name: String, _ sample: SortedSample) -> String {
      guard sample.count < 100 else { return name }
      thin = true
      return "\(name) (of \(sample.count))*"
    }
    var rows: [(String, String, String, String)] = [("visits replayed", count(r.visits), count(r.visits), "")]
    if l.invocations > 0 {
      rows += [
        (
          "invocations", count(l.invocations), count(s.invocations),
          change(Double(l.invocations), Double(s.invocations))
        ),
        ("cold starts", count(l.coldStarts), count(s.coldStarts), change(Double(l.coldStarts), Double(s.coldStarts))),
        ("cold-start ratio", ratio(l.coldStartRatio), ratio(s.coldStartRatio), ""),
        (
          named("init p50", l.initMs), ms(l.initMs.quantile(0.5)), ms(s.initMs.quantile(0.5)),
          change(l.initMs.quantile(0.5), s.initMs.quantile(0.5))
        ),
        (
          named("init p99", l.initMs), ms(l.initMs.quantile(0.99)), ms(s.initMs.quantile(0.99)),
          change(l.initMs.quantile(0.99), s.initMs.quantile(0.99))
        ),
        (
          named("duration p50", l.durationMs), ms(l.durationMs.quantile(0.5)), ms(s.durationMs.quantile(0.5)),
          change(l.durationMs.quantile(0.5), s.durationMs.quantile(0.5))
        ),
        (
          named("duration p99", l.durationMs), ms(l.durationMs.quantile(0.99)), ms(s.durationMs.quantile(0.99)),
          change(l.durationMs.quantile(0.99), s.durationMs.quantile(0.99))
        ),
        ("peak concurrency", count(l.peakConcurrency), count(s.peakConcurrency), ""),
        (
          "Lambda bill (list price, no free tier)", usd(r.loggedLambdaUSD), usd(r.simulatedLambdaUSD),
          change(r.loggedLambdaUSD, r.simulatedLambdaUSD)
        ),
      ]
    }
    if l.apiRequests > 0 {
      rows += [
        (
          "API requests", count(l.apiRequests), count(s.apiRequests),
          change(Double(l.apiRequests), Double(s.apiRequests))
        ),
        ("throttled (429)", count(l.throttled), count(s.throttled), ""),
        ("server errors (5xx)", count(l.serverErrors), count(s.serverErrors), ""),
      ]
    }
    if l.edgeRequests > 0 {
      rows += [
        (
          "edge requests", count(l.edgeRequests), count(s.edgeRequests),
          change(Double(l.edgeRequests), Double(s.edgeRequests))
        ),
        ("edge hit ratio", ratio(l.hitRatio), ratio(s.hitRatio), ""),
      ]
    }
    let w0 = rows.map(\.0.count).max()! + 2
    let w1 = max(10, rows.map(\.1.count).max()! + 2)
    let w2 = max(11, rows.map(\.2.count).max()! + 2)
    func pad(_ s: String, _ w: Int) -> String { s.padding(toLength: w, withPad: " ", startingAt: 0) }
    var out = [
      "validation: the \(r.visits) logged visits replayed through the fitted scenario (no warm environment at the start)",
      "  " + pad("figure", w0) + pad("logged", w1) + pad("simulated", w2) + "change",
    ]
    for row in rows { out.append("  " + pad(row.0, w0) + pad(row.1, w1) + pad(row.2, w2) + row.3) }
    if thin { out.append("  * from fewer than 100 logged values: a rough figure, a p99 most of all") }
    return out
  }
}
