import Foundation
import Metrics
import Pricing
import Reporting
import ScenarioModel
import Simulation
import Testing
import WhatIf

@testable import VisitorSimCLI

/// What an adversarial user types: every case ends with a one-line message and a documented
/// exit code, never a trap, a hang or a report that claims to be written and is not.
@Suite struct ReliabilityCLITests {
  @Test func aFullDiskIsAWriteErrorNotASuccess() {
    let (code, _, err) = runCLI(["simulate", "--set", "duration=1h", "--output", "/dev/full"])
    #expect(code == 73, "stderr: \(err)")
    #expect(err.contains("No space left on device"))
    #expect(!err.contains("wrote"))
  }

  @Test func reportsAreWrittenWholeAndNoTemporaryFileIsLeft() throws {
    let path = try temporaryFile("old", name: "report.json")
    let (code, _, err) = runCLI(["simulate", "--set", "duration=1h", "--format", "json", "--output", path])
    #expect(code == 0, "stderr: \(err)")
    let written = try Data(contentsOf: URL(fileURLWithPath: path))
    #expect((try? JSONSerialization.jsonObject(with: written)) != nil)
    let folder = URL(fileURLWithPath: path).deletingLastPathComponent().path
    #expect(try FileManager.default.contentsOfDirectory(atPath: folder) == ["report.json"])
  }

  /// A run killed at any moment (SIGKILL: nothing can clean up) leaves the old report whole
  /// and no temporary file: the new one is written unnamed (O_TMPFILE) and named only once
  /// it is on disk.
  @Test func aRunKilledAnywhereLeavesTheOldReportAndNoTemporaryFile() throws {
    let path = try temporaryFile("old", name: "report.json")
    let folder = URL(fileURLWithPath: path).deletingLastPathComponent().path
    let binary = LiveCLITests.binary
    for k in 0..<8 {
      let p = Process()
      p.executableURL = URL(fileURLWithPath: binary)
      p.arguments = ["simulate", "--set", "duration=3d", "--format", "json", "--output", path, "--quiet"]
      p.standardOutput = FileHandle.nullDevice
      p.standardError = FileHandle.nullDevice
      try p.run()
      usleep(UInt32(40_000 * k))
      kill(p.processIdentifier, SIGKILL)
      p.waitUntilExit()
      let names = try FileManager.default.contentsOfDirectory(atPath: folder)
      #expect(names == ["report.json"], "after \(40 * k) ms: \(names)")
      let text = try String(contentsOfFile: path, encoding: .utf8)
      #expect(text == "old" || (try? JSONSerialization.jsonObject(with: Data(text.utf8))) != nil)
    }
  }

  /// Where no unnamed file can be made or named (no O_TMPFILE, no /proc), the named temporary
  /// file is written, flushed and renamed: the old report stays whole until then.
  @Test func theNamedFallbackWritesWholeAndLeavesNothing() throws {
    let path = try temporaryFile("old", name: "fallback.json")
    let folder = URL(fileURLWithPath: path).deletingLastPathComponent().path
    try Files.writeNamed(Data("new".utf8), to: path, temporary: folder + "/.fallback.json.1.tmp") { what, code in
      .cannotWrite("\(what): \(code)")
    }
    #expect(try String(contentsOfFile: path, encoding: .utf8) == "new")
    #expect(try FileManager.default.contentsOfDirectory(atPath: folder) == ["fallback.json"])
  }

  /// `validate` takes the same path as `simulate`: what one refuses, the other refuses with
  /// the same code, and what one accepts the other runs.
  @Test(arguments: [
    (#"{"pricing": {"file": "no-such-prices.json"}}"#, Int32(66)),
    (#"{"pricing": {"overrides": {"no.such.price": 1}}}"#, 65),
    ("null", 65),
    (#"{"duration": "1h"}"#, 0),
  ])
  func validateAndSimulateAgree(document: String, code: Int32) throws {
    let path = try temporaryFile(document)
    let validated = runCLI(["validate", path])
    let simulated = runCLI(["simulate", path, "--format", "json"])
    #expect(validated.code == code, "validate: \(validated.err)")
    #expect(simulated.code == code, "simulate: \(simulated.err)")
  }

  @Test func errorMessagesAreOneShortLine() throws {
    let path = try temporaryFile(
      #"{"name": "a\nb", "lambda": {"memoryMB": "# + String(repeating: "9", count: 200_000) + "}}")
    let (code, _, err) = runCLI(["validate", path])
    #expect(code == 65)
    #expect(err.split(separator: "\n").count == 1)
    #expect(err.count < 500, "\(err.count) characters")
    #expect(OneLine.clean("a\nb\u{7}c") == #"a\nb\u{7}c"#)
  }

  @Test func documentsAboveTheSizeLimitAreRefusedUnread() throws {
    let path = try temporaryFile("{}")
    let handle = try #require(FileHandle(forWritingAtPath: path))
    try handle.truncate(atOffset: UInt64(ScenarioLimits.documentBytes + 1))
    try handle.close()
    let (code, _, err) = runCLI(["validate", path])
    #expect(code == 65)
    #expect(err.contains("scenario of 10,485,761 bytes is above the limit of 10,485,760 bytes (10 MB)"), "\(err)")
  }

  @Test func sweepsBeyondTheWorkLimitAreRefusedBeforeRunning() {
    // Past what any multiplier could mean: refused as a value.
    let (code, _, err) = runCLI(["sweep", "--vary", "load=1x..1e308x"])
    #expect(code == 65)
    #expect(err.contains("--vary load: \"1e308x\" is not a multiplier from"), "stderr: \(err)")
    // Within the range, but past the simulator's work limits: refused before running.
    let (big, _, bigErr) = runCLI(["sweep", "--vary", "load=1x..1e9x"])
    #expect(big == 65)
    #expect(bigErr.contains("--vary load: at "), "stderr: \(bigErr)")
  }

  @Test func planStopsAtTheWorkLimit() {
    // An objective that always holds: bracketing would double forever without the limit.
    let (code, out, err) = runCLI([
      "plan", "--set", "duration=2s", "--set", "warmup=0", "--replications", "1", "--slo", "errors.rate<=1",
    ])
    #expect(code == 0, "stderr: \(err)")
    #expect(!out.isEmpty)
  }

  /// A threshold on a figure the run cannot have is found before anything is sent (exit 64),
  /// not after the run as a miss (exit 2).
  @Test(arguments: [
    ("conterApi.p99<=1s", "no figure \"conterApi.p99\" (did you mean counterApi.p99?)"),
    ("page.p50<=1s", "a live run of --parts api has no page stage"),
    ("lambda.coldStartRatio<=0.1", "lambda.coldStartRatio is a simulate figure: a live run does not have it"),
    ("site.errors.rate<=0", "a live run of --parts api sends no such requests"),
    ("checks.rate>=0.99", "checks.rate needs a --check to judge"),
  ])
  func thresholdsOnMissingFiguresAreRefusedBeforeTheRun(threshold: String, says: String) {
    let r = runCLI(["live", "--api", "http://127.0.0.1:9/count", "--duration", "1s", "--threshold", threshold])
    #expect(r.code == 64, "\(r.err)")
    #expect(r.err.contains(says), "\(r.err)")
    #expect(!r.err.contains("live: about"), "nothing may be announced or sent")
  }

  /// A certificate path must be a regular file: a FIFO would block the run's start forever.
  @Test func aCACertificateThatIsNotARegularFileIsRefusedBeforeTheRun() throws {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("cacert-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: dir) }
    let fifo = dir.appendingPathComponent("fifo").path
    #expect(mkfifo(fifo, 0o600) == 0)
    for path in [fifo, dir.path] {
      let r = runCLI(["live", "--api", "https://127.0.0.1:9/count", "--duration", "1s", "--cacert", path])
      #expect(r.code == 64, "\(r.err)")
      #expect(r.err.contains("not a regular file"), "\(r.err)")
    }
  }

  /// Two outputs of one run naming the same file are refused before the run (exit 64).
  @Test func twoOutputsNamingOneFileAreRefusedBeforeTheRun() {
    let path = FileManager.default.temporaryDirectory.appendingPathComponent("same-\(UUID().uuidString).txt").path
    let r = runCLI(["plan", "--slo", "errors.rate<=0.5", "--output", path, "--junit", path])
    #expect(r.code == 64, "\(r.err)")
    #expect(r.err.contains("--output and --junit both name"))
    #expect(!FileManager.default.fileExists(atPath: path), "nothing ran, nothing was written")
  }

  /// `--output -` is stdout; a folder that does not exist is an error naming it (exit 73),
  /// not made silently; a full disk is exit 73 with one line.
  @Test func outputsGoWhereTheySayOrFailInOneLine() throws {
    let dash = runCLI(["simulate", "--set", "duration=1h", "--format", "json", "--output", "-"])
    #expect(dash.code == 0 && dash.out.hasPrefix("{"), "\(dash.err)")
    #expect(!dash.err.contains("wrote -"))
    let missing = FileManager.default.temporaryDirectory.appendingPathComponent("no-\(UUID().uuidString)")
    let r = runCLI(["simulate", "--set", "duration=1h", "--output", missing.appendingPathComponent("r.txt").path])
    #expect(r.code == 73, "\(r.err)")
    #expect(r.err.contains("no folder \(missing.path)"), "\(r.err)")
    #expect(!FileManager.default.fileExists(atPath: missing.path))
    for args in [
      ["simulate", "--set", "duration=1h", "--output", "/dev/full"],
      ["plan", "--slo", "errors.rate<=0.5", "--quiet", "--junit", "/dev/full"],
    ] {
      let full = runCLI(args)
      #expect(full.code == 73, "\(args): \(full.err)")
      #expect(full.err.contains("No space left on device"))
      #expect(full.err.split(separator: "\n").count == 1, "one line: \(full.err)")
    }
  }

  @Test func coldSplitOutOfRangeIsAUsageError() {
    #expect(runCLI(["calibrate", "--cold-split", "1e308", "x.json"]).code == 64)
  }

  /// A live run carries an id; merging it with itself is refused instead of doubling counts.
  @Test func mergingOneRunTwiceIsRefused() throws {
    var r = RunReport(
      mode: "live", scenario: "live", seed: 0, simulatedSeconds: 10, warmupSeconds: 0, visits: 3,
      histograms: ["counterApi": LatencyHistogram()], errors: ErrorStats(byKind: [:], requests: 3))
    r.runIds = ["run-a"]
    let a = try temporaryFile(String(decoding: try JSONReport.render(r), as: UTF8.self), name: "a.json")
    r.runIds = ["run-b"]
    let b = try temporaryFile(String(decoding: try JSONReport.render(r), as: UTF8.self), name: "b.json")
    let twice = runCLI(["merge", a, a])
    #expect(twice.code == 65)
    #expect(twice.err.contains("one run counted twice"))
    let merged = runCLI(["merge", a, b, "--format", "json"])
    #expect(merged.code == 0, "stderr: \(merged.err)")
    let report = try JSONReport.parse(Data(merged.out.utf8))
    #expect(report.visits == 6 && report.runIds == ["run-a", "run-b"])
  }

  /// Reports recorded at different histogram precision merge at the coarser one.
  @Test func reportsOfDifferentPrecisionMerge() throws {
    func file(bits: Int, name: String) throws -> String {
      var h = LatencyHistogram(subBucketBits: bits)
      for v in [1_000, 20_000, 300_000] as [Int64] { h.record(micros: v) }
      var r = RunReport(
        mode: "live", scenario: "live", seed: 0, simulatedSeconds: 10, warmupSeconds: 0, visits: 3,
        histograms: ["counterApi": h], errors: ErrorStats(byKind: [:], requests: 3))
      r.runIds = [name]
      return try temporaryFile(String(decoding: try JSONReport.render(r), as: UTF8.self), name: "\(name).json")
    }
    let merged = runCLI([
      "merge", try file(bits: 11, name: "fine"), try file(bits: 5, name: "coarse"), "--format", "json",
    ])
    #expect(merged.code == 0, "stderr: \(merged.err)")
    let report = try JSONReport.parse(Data(merged.out.utf8))
    #expect(report.histograms["counterApi"]?.count == 6)
    #expect(report.histograms["counterApi"]?.subBucketBits == 5)
  }
}
