import Foundation
import Metrics

/// A report as Markdown, for `$GITHUB_STEP_SUMMARY` and pull-request comments: the headline,
/// latency per stage, Lambda, errors and the bill. Pure: report in, text out.
public enum MarkdownReport {
  public static func render(_ r: RunReport) -> String {
    var out = "### visitorsim \(r.mode): \(r.scenario)\n\n"
    if r.mode == "live" {
      // What ran, when and how; throughput and bytes (the text report's head).
      out += LiveSummary.startedSentence(r) + LiveSummary.measured(r) + "\n\n"
      if let workload = LiveSummary.workload(r) { out += workload + "\n\n" }
    } else {
      let rate = r.simulatedSeconds > 0 ? Double(r.visits) / r.simulatedSeconds : 0
      out +=
        "\(r.visits) visits in \(String(format: "%.0f", r.simulatedSeconds)) s (\(String(format: "%.2f", rate)) visits/s)"
      out += r.mode == "simulate" ? ", seed \(r.seed)\n\n" : "\n\n"
      if let w = TextReport.workloadSentence(r) { out += w + "\n\n" }
    }
    out += "| stage | count | p50 | p90 | p99 | max |\n|---|---:|---:|---:|---:|---:|\n"
    for stage in ReportDiff.stages + r.latencyMs.keys.sorted().filter({ !ReportDiff.stages.contains($0) }) {
      guard let s = r.latencyMs[stage], s.count > 0 else { continue }
      func ms(_ x: Double) -> String { ReportDiff.number(x, "ms") }
      out += "| \(stage) | \(s.count) | \(ms(s.p50)) | \(ms(s.p90)) | \(ms(s.p99)) | \(ms(s.max)) |\n"
    }
    out += "\n"
    if let l = r.lambda {
      out += String(
        format: "**Lambda**: %llu invocations, %llu cold (%.2f%%), %llu throttled, peak concurrency %d\n\n",
        l.invocations, l.coldStarts, l.coldStartRatio * 100, l.throttled, l.peakConcurrency)
    }
    out += String(
      format: "**Errors**: %llu of %llu requests (%.3f%%)", r.errors.total, r.errors.requests, r.errors.rate * 100)
    let kinds = r.errors.byKind.filter { $0.value > 0 }.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }
    out += kinds.isEmpty ? "\n\n" : ": " + kinds.joined(separator: ", ") + "\n\n"
    if let api = r.errors.counterApi, let site = r.errors.site {
      out += String(
        format: "Counter API: %llu of %llu failed (%.3f%%); site: %llu of %llu (%.3f%%)\n\n", api.total, api.requests,
        api.rate * 100, site.total, site.requests, site.rate * 100)
    }
    let stageRows = LiveSummary.stageRows(r)
    if !stageRows.isEmpty {
      out += "| " + LiveSummary.stageHeader.joined(separator: " | ") + " |\n|---|---:|---:|---:|---:|---|\n"
      for row in stageRows { out += "| " + row.joined(separator: " | ") + " |\n" }
      out += "\n"
    }
    if let checks = r.checks {
      out += "| check | passed | failed | first failure |\n|---|---:|---:|---|\n"
      for c in checks.checks {
        let why = (c.firstFailure ?? "").replacingOccurrences(of: "|", with: "\\|")
        out +=
          c.passes + c.fails == 0
          ? "| `\(c.check)` | - | - | not run (no \(c.stage) response) |\n"
          : "| `\(c.check)` | \(c.passes) | \(c.fails) | \(why) |\n"
      }
      out +=
        checks.passes + checks.fails == 0
        ? "\n**Checks**: none ran\n\n" : String(format: "\n**Checks**: %.2f%% passed\n\n", checks.rate * 100)
    }
    if let verdicts = r.thresholds {
      out += "| threshold | value | verdict |\n|---|---:|---|\n"
      for v in verdicts {
        out +=
          "| `\(v.threshold)` | \(v.valueText ?? "-") | \(v.met ? "met" : "**missed**")\(v.reason.map { ": \($0)" } ?? "") |\n"
      }
      out += "\n"
    }
    if let c = r.cost {
      let m = c.monthly
      if let w = CostTable.windowWarning(c) { out += "> **Note**: \(w)\n\n" }
      if let w = CostTable.windowSentence(c) { out += w + "\n\n" }
      out += "| service | monthly |\n|---|---:|\n"
      for (name, usd) in [
        ("Route 53", m.route53), ("CloudFront", m.cloudfront), ("S3", m.s3), ("API Gateway", m.apiGateway),
        ("Lambda", m.lambda), ("DynamoDB", m.dynamodb), ("CloudWatch", m.cloudwatch),
      ] {
        out += "| \(name) | \(ReportDiff.number(usd, "USD")) |\n"
      }
      out += "| **total** | **\(ReportDiff.number(m.total, "USD"))** |\n\n"
      out += String(format: "$%.4f per 1,000 visits\n\n", c.perThousandVisits)
    }
    for note in r.notes { out += "> \(note)\n" }
    return out
  }
}
