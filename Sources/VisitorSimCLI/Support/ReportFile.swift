import Foundation
import Metrics
import Reporting
import ScenarioModel

/// Reads a report from a file as strictly as a scenario: the size bounded, the JSON read by
/// the scenario reader first (duplicate keys and deep nesting refused), then decoded, with
/// every refusal one sentence naming the field (never Swift's debug text), and the live
/// settings' schedule bounded as live bounds its own.
enum ReportFile {
  /// Most stages a live report's settings may hold (live accepts far fewer on its command line).
  static let mostStages = 10_000

  static func read(_ path: String) throws(CLIError) -> RunReport {
    let text = try Files.readText(path, what: "report", limit: Files.reportBytes)
    return try parse(text, file: path)
  }

  static func parse(_ text: String, file: String) throws(CLIError) -> RunReport {
    do { _ = try JSONParser.parse(text) } catch {
      throw .badInput(
        "\(file): not a visitorsim JSON report: line \(error.line), column \(error.column): \(OneLine.clean(error.message))")
    }
    let report: RunReport
    do { report = try JSONReport.parse(Data(text.utf8)) } catch let e as DecodingError {
      throw .badInput("\(file): not a visitorsim JSON report: \(sentence(e))")
    } catch {
      throw .badInput("\(file): not a visitorsim JSON report")
    }
    if let stages = report.liveSettings?.stages, stages.count > mostStages {
      throw .badInput(
        "\(file): liveSettings.stages: \(stages.count) stages, more than the \(mostStages) a live run could have made")
    }
    let numbers = [report.simulatedSeconds, report.warmupSeconds] + (report.measuredSeconds.map { [$0] } ?? [])
    if numbers.contains(where: { !$0.isFinite || $0 < 0 }) {
      throw .badInput("\(file): simulatedSeconds, measuredSeconds and warmupSeconds must be finite and not negative")
    }
    return report
  }

  /// A decoding failure in a person's words: the field's path and what was wrong.
  static func sentence(_ e: DecodingError) -> String {
    func path(_ keys: [any CodingKey]) -> String {
      let p = keys.map { $0.intValue.map { "[\($0)]" } ?? ".\($0.stringValue)" }.joined()
      return p.hasPrefix(".") ? String(p.dropFirst()) : (p.isEmpty ? "the document" : p)
    }
    switch e {
    case .keyNotFound(let key, let c): return "\(path(c.codingPath + [key])): missing"
    case .typeMismatch(let type, let c): return "\(path(c.codingPath)): expected \(words(type))"
    case .valueNotFound(let type, let c): return "\(path(c.codingPath)): expected \(words(type)), got null"
    case .dataCorrupted(let c): return "\(path(c.codingPath)): \(OneLine.clean(c.debugDescription))"
    @unknown default: return "not readable"
    }
  }

  static func words(_ type: Any.Type) -> String {
    switch type {
    case is String.Type: "a string"
    case is Bool.Type: "true or false"
    case is Double.Type, is Float.Type: "a number"
    case is Int.Type, is Int64.Type, is UInt64.Type, is Int32.Type, is UInt32.Type: "a whole number that fits"
    default: "an object or a list"
    }
  }
}
