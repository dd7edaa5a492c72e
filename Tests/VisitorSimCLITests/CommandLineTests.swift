import Foundation
import LoadTest
import Metrics
import Testing

@testable import VisitorSimCLI

/// The command table: parsing rules, help for every command (held to committed snapshots),
/// suggestions and shell completion.
@Suite struct CommandLineTests {
  static let snapshots = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent(
    "Snapshots")

  /// `visitorsim CMD --help` and `visitorsim help CMD` print the same text, which matches the
  /// committed snapshot (VISITORSIM_UPDATE_SNAPSHOTS=1 rewrites the snapshots).
  @Test(arguments: CommandTable.names)
  func helpOfEveryCommandMatchesItsSnapshot(_ name: String) throws {
    // Two-word commands (`scenario from-logs`) are typed as two words.
    let words = name.split(separator: " ").map(String.init)
    let (code, out, err) = runCLI(words + ["--help"])
    #expect(code == 0 && err.isEmpty)
    #expect(runCLI(["help"] + words).out == out)
    #expect(runCLI(words + ["-h"]).out == out)
    #expect(out.hasPrefix("usage: visitorsim \(name)"))
    #expect(out.contains("Example"), "every command has a worked example")
    let file = Self.snapshots.appendingPathComponent("help-\(words.joined(separator: "-")).txt")
    if ProcessInfo.processInfo.environment["VISITORSIM_UPDATE_SNAPSHOTS"] == "1" {
      try out.write(to: file, atomically: true, encoding: .utf8)
    }
    let committed = try String(contentsOf: file, encoding: .utf8)
    #expect(out == committed, "help of \(name) differs from Snapshots/help-\(name).txt")
  }

  @Test func helpListsEveryCommandWithItsSummary() {
    let (code, out, _) = runCLI(["help"])
    #expect(code == 0)
    for c in CommandTable.all { #expect(out.contains("  \(c.name) ") && out.contains(c.summary), "\(c.name)") }
    #expect(out.contains("Exit codes") && out.contains("73   output not writable"))
    #expect(runCLI(["--help"]).out == out)
  }

  @Test func everyOptionIsDeclaredOncePerCommand() {
    for c in CommandTable.all {
      let names = c.options.map(\.name)
      #expect(Set(names).count == names.count, "\(c.name) declares an option twice: \(names)")
      for o in c.options {
        #expect(o.name.hasPrefix("--") && !o.help.isEmpty, "\(c.name) \(o.name)")
      }
    }
  }

  @Test func equalsFormAndSpaceFormAreTheSame() throws {
    let path = try temporaryFile("{}")
    #expect(runCLI(["validate", path, "--set=lambda.memoryMB=512"]).code == 0)
    let (code, _, err) = runCLI(["validate", path, "--set=lambda.memoryMB=64"])
    #expect(code == 65 && err.contains("lambda.memoryMB: 64 is below the minimum 128"))
    #expect(runCLI(["validate", path, "--set", "lambda.memoryMB=64"]).err == err)
  }

  @Test func aValueThatLooksLikeAnOptionIsRefusedUnlessGivenWithEquals() {
    let (code, _, err) = runCLI(["simulate", "--output", "--format", "json"])
    #expect(code == 64)
    #expect(err.contains("--output needs a value (PATH), got the option --format; write --output=--format"))
    #expect(err.contains("(usage: visitorsim simulate [FILE] [options]; see visitorsim simulate --help)"))
    #expect(err.split(separator: "\n").count == 1)
  }

  @Test func doubleDashEndsTheOptions() {
    // After --, "--weird.json" is a file name, not an option.
    let (code, _, err) = runCLI(["validate", "--", "--weird.json"])
    #expect(code == 66, "\(err)")
    #expect(err.contains("--weird.json"))
  }

  @Test func nearMissesAreSuggested() {
    #expect(runCLI(["simulate", "--replicatons", "3"]).err.contains("did you mean --replications?"))
    #expect(runCLI(["sweep", "--vari", "load=1x"]).err.contains("did you mean --vary?"))
    #expect(runCLI(["simlate"]).err.contains("did you mean simulate?"))
    let far = runCLI(["simulate", "--banana"])
    #expect(far.code == 64 && !far.err.contains("did you mean"))
  }

  @Test func flagsTakeNoValueAndSingleOptionsComeOnce() {
    #expect(runCLI(["simulate", "--quiet=yes"]).err.contains("--quiet takes no value"))
    #expect(runCLI(["simulate", "--seed", "1", "--seed", "2"]).err.contains("--seed given more than once"))
    #expect(runCLI(["simulate", "a.json", "b.json"]).err.contains("unexpected argument b.json"))
    #expect(runCLI(["simulate", "--seed"]).err.contains("--seed needs a value (N)"))
  }

  @Test func editDistanceIsLevenshtein() {
    #expect(EditDistance.between("kitten", "sitting") == 3)
    #expect(EditDistance.between("", "abc") == 3)
    #expect(EditDistance.between("--seed", "--seed") == 0)
    #expect(EditDistance.closest(to: "--sed", among: ["--seed", "--set", "--segments"]) != nil)
    #expect(EditDistance.closest(to: "--banana", among: ["--seed", "--set"]) == nil)
  }

  /// The bash script, run by bash: completing a command and a command's options.
  @Test func bashCompletionCompletesCommandsAndOptions() throws {
    let (code, script, _) = runCLI(["completion", "bash"])
    #expect(code == 0)
    let file = try temporaryFile(script, name: "visitorsim.bash")
    func complete(_ words: [String]) throws -> [String] {
      let p = Process()
      p.executableURL = URL(fileURLWithPath: "/bin/bash")
      let quoted = words.map { "'\($0)'" }.joined(separator: " ")
      p.arguments = [
        "-c",
        "source '\(file)'; COMP_WORDS=(\(quoted)); COMP_CWORD=\(words.count - 1); _visitorsim; printf '%s\\n' \"${COMPREPLY[@]}\"",
      ]
      let pipe = Pipe()
      p.standardOutput = pipe
      try p.run()
      let data = pipe.fileHandleForReading.readDataToEndOfFile()
      p.waitUntilExit()
      #expect(p.terminationStatus == 0)
      return String(decoding: data, as: UTF8.self).split(separator: "\n").map(String.init)
    }
    #expect(try complete(["visitorsim", "sw"]) == ["sweep"])
    #expect(try complete(["visitorsim", "sweep", "--v"]) == ["--vary"])
    #expect(Set(try complete(["visitorsim", "simulate", "--re"])) == ["--replications"])
    #expect(try complete(["visitorsim", "completion", ""]).sorted() == ["bash", "zsh"])
    #expect(try complete(["visitorsim", "scen"]) == ["scenario"])
    #expect(try complete(["visitorsim", "scenario", "from-l"]) == ["from-logs"])
    #expect(try complete(["visitorsim", "scenario", "from-logs", "--cloud"]) == ["--cloudfront"])
    // Each two-word command offers its own options, not its sibling's.
    #expect(try complete(["visitorsim", "scenario", "from-logs", "--va"]) == [])
    #expect(try complete(["visitorsim", "scenario", "from-terraform", "--va"]) == ["--var-file", "--var"])
    #expect(try complete(["visitorsim", "scenario", "from-terraform", "--cl"]) == [])
    // Values: formats, field paths, figures, help topics.
    #expect(try complete(["visitorsim", "sweep", "--format", ""]) == ["text", "json", "csv", "html"])
    #expect(try complete(["visitorsim", "plan", "--format", "m"]) == ["markdown"])
    #expect(try complete(["visitorsim", "simulate", "--set", "lambda.memo"]) == ["lambda.memoryMB="])
    #expect(try complete(["visitorsim", "sweep", "--vary", "lo"]) == ["load="])
    #expect(try complete(["visitorsim", "plan", "--slo", "counterApi.p9"]).contains("counterApi.p99"))
    #expect(try complete(["visitorsim", "help", "fig"]) == ["figures"])
    #expect(try complete(["visitorsim", "help", "swe"]) == ["sweep"])
    // A file name with spaces is one word.
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("completion \(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    try Data("{}".utf8).write(to: folder.appendingPathComponent("my scenario.json"))
    #expect(try complete(["visitorsim", "simulate", folder.path + "/my"]) == [folder.path + "/my scenario.json"])
  }

  /// The zsh script, run by zsh where it is installed (Scripts/test installs it): sourced, it
  /// registers itself for visitorsim; its text names every command, option and value list.
  @Test func zshCompletionRegistersWhenSourced() throws {
    let (_, script, _) = runCLI(["completion", "zsh"])
    let file = try temporaryFile(script, name: "visitorsim.zsh")
    guard FileManager.default.isExecutableFile(atPath: "/usr/bin/zsh") else { return }
    let p = Process()
    p.executableURL = URL(fileURLWithPath: "/usr/bin/zsh")
    p.arguments = ["-f", "-c", "autoload -Uz compinit && compinit -u -D; source '\(file)'; print -r -- ${_comps[visitorsim]}"]
    let pipe = Pipe()
    p.standardOutput = pipe
    p.standardError = pipe
    try p.run()
    let said = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    p.waitUntilExit()
    #expect(p.terminationStatus == 0 && said.trimmingCharacters(in: .whitespacesAndNewlines) == "_visitorsim", "\(said)")
  }

  @Test func zshCompletionNamesEveryCommandAndOption() {
    let (code, script, _) = runCLI(["completion", "zsh"])
    #expect(code == 0 && script.hasPrefix("#compdef visitorsim"))
    for c in CommandTable.all {
      // A two-word command is offered by its first word, its second as the first argument.
      let words = c.name.split(separator: " ")
      #expect(script.contains("'\(words[0]):"))
      if words.count == 2 { #expect(script.contains("_values 'subcommand'") && script.contains("\(words[1]))")) }
      for o in c.options { #expect(script.contains("\(o.name)["), "\(c.name) \(o.name)") }
    }
    #expect(script.contains("'--format[report format]:text|json|markdown:(text json markdown)'"))
    #expect(script.contains("lambda.memoryMB="))
    #expect(runCLI(["completion", "fish"]).code == 64)
  }
}

/// Live mode's words before and during a run.
@Suite struct LiveProgressTests {
  func config(site: Bool, api: Bool, shape: LoadShape) throws -> LiveConfig {
    var c = LiveConfig(shape: shape)
    if site { c.site = try Target(parsing: "http://127.0.0.1:8080/") }
    if api { c.api = try Target(parsing: "http://127.0.0.1:8081/count") }
    c.parts = site && api ? .all : (site ? .site : .api)
    return c
  }

  @Test func theProgressLineShowsTheTargetRateAndLagAndOnlyFiguresTheRunHas() throws {
    let snap = LiveRun.Snapshot(
      elapsedSeconds: 10, requests: 500, errors: 2, visits: 100, counterApiP99Ms: 0, generatorLagP99Ms: 0.4)
    let siteOnly = LiveCommand.progressText(
      snap,
      config: try config(site: true, api: false, shape: .open(stages: [.init(seconds: 60, rate: 10)], poisson: false)))
    #expect(siteOnly == "live 10s, 500 requests (50/s), 100 visits (target 10/s), 2 errors, generator lag p99 0.4 ms")
    let closed = LiveCommand.progressText(
      snap, config: try config(site: false, api: true, shape: .closed(users: 5, thinkSeconds: 1, durationSeconds: 60)))
    #expect(closed.contains("counterApi p99 0.0 ms") && !closed.contains("target"))
  }

  @Test func aClosedLoopEstimateIsAnUpperBoundNotAPromise() throws {
    let c = try config(site: false, api: true, shape: .closed(users: 20, thinkSeconds: 1, durationSeconds: 60))
    let text = LiveEstimate.text(c, loopback: true)
    #expect(text.hasPrefix("live: closed model, 20 users for 60 s: at most 1200 visits"))
    let busy = try config(site: false, api: true, shape: .closed(users: 20, thinkSeconds: 0, durationSeconds: 60))
    #expect(LiveEstimate.text(busy, loopback: true).contains("as many visits as the server answers"))
  }
}
