import Foundation
import Metrics
import Pricing
import Reporting
import ScenarioModel
import Simulation
import WhatIf

/// `visitorsim calibrate LIVE.json [SCENARIO]`: fits the scenario's latency distributions to a
/// live run's report and writes the calibrated scenario (`live --calibrate FILE` does the same
/// at the end of a run).
enum CalibrateCommand {
  static let spec = CommandSpec(
    name: "calibrate", arguments: "LIVE.json [SCENARIO]", maxPositionals: 2,
    summary: "the scenario with its handler, cold start, edge and origin latencies fitted to a live run",
    discussion: "The calibrated scenario goes to --output or stdout; what was fitted, and why, goes to stderr.",
    groups: [
      OptionGroup(
        title: "Calibration",
        options: [
          .option(
            "--cold-split", "MS",
            "counter API service time above which a call counts as cold (default: where a two-component\nlognormal mixture of the service times puts a call as likely cold as warm)"
          ),
          .option("--output", "FILE", "write the calibrated scenario to FILE instead of stdout"),
        ])
    ],
    examples: ["visitorsim calibrate live.json Scenarios/baseline.json --output calibrated.json"],
    run: { (args, console) throws(CLIError) in try run(&args, console: console) })

  static func run(_ args: inout Arguments, console: Console) throws(CLIError) {
    let output = try args.value("--output")
    let split = try coldSplit(&args)
    let files = try args.positionals(max: 2)
    guard let livePath = files.first else {
      throw .usage("calibrate needs a live report: calibrate LIVE.json [SCENARIO]")
    }
    let report = try ReportFile.read(livePath)
    try write(report, base: files.count > 1 ? files[1] : nil, coldSplitMs: split, to: output, console: console)
  }

  /// `--cold-split MS`: counter API service time above which a call counts as a cold start.
  static func coldSplit(_ args: inout Arguments) throws(CLIError) -> Double? {
    try args.value("--cold-split").map { (t) throws(CLIError) -> Double in
      guard let v = Double(t.hasSuffix("ms") ? String(t.dropLast(2)) : t), v > 0, v <= 3_600_000 else {
        throw .usage("--cold-split: \"\(t)\" is not a number of milliseconds above 0 and at most 3600000")
      }
      return v
    }
  }

  /// Fits `base` (a scenario file, or the embedded baseline) to `live`, tells what was fitted
  /// on stderr, and writes the calibrated scenario to `path` (stdout when nil).
  /// `extra`: settings found outside the report (the probe's edge-TTL ladder), with notes.
  static func write(
    _ live: RunReport, base: String?, coldSplitMs: Double?, to path: String?, console: Console,
    extra: [Calibration.Setting] = [], extraNotes: [String] = []
  ) throws(CLIError) {
    let baseText = try ScenarioLoading.text(path: base)
    let scenario = try ScenarioLoading.load(text: baseText, path: base, sets: [], seed: nil)
    var calibration = Calibration.fit(live, base: scenario, coldSplitMs: coldSplitMs)
    try refine(&calibration, live: live, baseText: baseText, base: base)
    calibration.settings += extra
    calibration.notes += extraNotes
    let document: String
    do {
      document = try calibration.document(from: baseText, liveName: live.scenario)
    } catch {
      throw .badInput((base.map { "\($0): " } ?? "") + error.description)
    }
    var said = ["calibration of \(base ?? "the baseline scenario") from the live run of \(live.scenario):"]
    for f in calibration.fits {
      said.append(
        String(format: "  %@ = lognormal median %.3g ms, p99 %.3g ms (%@)", f.field, f.medianMs, f.p99Ms, f.basis))
    }
    for s in calibration.settings { said.append("  \(s.field) = \(format(s.value)) (\(s.basis))") }
    said += calibration.notes.map { "  note: " + $0 }
    console.err(said.joined(separator: "\n"))
    if let path {
      try Files.write(Data(document.utf8), to: path)
      console.err("wrote \(path)")
    } else {
      console.out(document)
    }
  }

  /// Refines the latency fits by simulating the live run itself (its own intended starts and
  /// network), when the report says how it was run; otherwise says why not.
  static func refine(_ calibration: inout Calibration, live: RunReport, baseText: String, base: String?)
    throws(CLIError)
  {
    let measured = CalibrationRefinement.judged(in: live)
    guard !measured.isEmpty else { return }
    guard live.liveSettings != nil || live.scenario != "probe" else {
      calibration.notes.append(
        "not refined by simulation: a probe is many short runs with waits between them, not one schedule to replay (the fits are from its calls' service times)"
      )
      return
    }
    let fitted = try ScenarioLoading.load(text: baseText, path: base, sets: calibration.assignments, seed: nil)
    let replay: Scenario
    do { replay = try PredictCommand.scenario(replaying: live, on: fitted) } catch {
      calibration.notes.append("not refined by simulation: \(error.description)")
      return
    }
    let prices = try PriceLoading.load(for: fitted, scenarioPath: base)
    do {
      try CalibrationRefinement.refine(
        &calibration, replay: replay, measured: measured, coldStarts: calibration.coldCalls, prices: prices)
    } catch {
      calibration.notes.append("not refined by simulation: \(error.description)")
    }
  }
}
