import Foundation
import Metrics
import Pricing
import Reporting
import ScenarioModel
import Simulation
import WhatIf

/// Renders a report and sends it to stdout or a file.
enum Output {
  static func emit(_ report: RunReport, format: OutputFormat, to path: String?, console: Console) throws(CLIError) {
    let data: Data
    switch format {
    case .text: data = Data(TextReport.render(report).utf8)
    case .html: data = Data(HTMLReport.render(report).utf8)
    case .markdown: data = Data(MarkdownReport.render(report).utf8)
    case .json, .csv:
      do { data = try JSONReport.render(report) } catch { throw .failure("cannot encode the report: \(error)") }
    }
    // An HTML page goes to a file: Reports/NAME-seedN.html unless --output says otherwise.
    if path == nil && format == .html {
      try send(
        data, to: "Reports/\(Files.safeName(report.scenario))-seed\(report.seed).html", console: console,
        createFolder: true)
    } else {
      try send(data, to: path, console: console)
    }
  }

  /// Writes to `path`, or to stdout when there is none (or it is "-"). `createFolder` only
  /// for a default path the user did not type.
  static func send(_ data: Data, to path: String?, console: Console, createFolder: Bool = false) throws(CLIError) {
    if let path, path != "-" {
      try Files.write(data, to: path, createFolder: createFolder)
      console.err("wrote \(path)")
    } else {
      console.out(data)
    }
  }
}
