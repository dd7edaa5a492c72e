import Foundation
import Metrics
import Pricing
import Reporting
import ScenarioModel
import Simulation
import WhatIf

/// Report formats a command can write.
enum OutputFormat: String, CaseIterable {
  case text, json, csv, html, markdown

  /// Parses `--format`, accepting only the formats the command can write.
  static func parse(_ value: String?, allowed: [OutputFormat] = [.text, .json]) throws(CLIError) -> OutputFormat {
    guard let value else { return .text }
    guard let f = OutputFormat(rawValue: value), allowed.contains(f) else {
      throw .usage("--format: \"\(value)\" is not one of \(allowed.map(\.rawValue).joined(separator: ", "))")
    }
    return f
  }
}
