import Foundation
import Pricing
import ScenarioModel
import Simulation
import WhatIf

/// A one-line progress display on stderr, redrawn in place: a simulation's time, visits and
/// ETA, or a live run's status.
///
/// Shown only when stderr is a terminal and the run has lasted over a second; redrawn at most
/// five times a second; cleared when the run ends. Silent otherwise, or with `--quiet`.
final class ProgressLine: @unchecked Sendable {
  // @unchecked: `update` may be called from a simulation thread while the command waits; the
  // lock guards the state.
  private let lock = NSLock()
  private let start: UInt64
  private var lastDraw: UInt64 = 0
  private var drawn = false
  private let write: @Sendable (String) -> Void
  private let now: @Sendable () -> UInt64

  /// A progress line for this process, or nil when it must stay silent.
  static func forTerminal(quiet: Bool) -> ProgressLine? {
    guard !quiet, isatty(STDERR_FILENO) == 1 else { return nil }
    return ProgressLine(
      write: { FileHandle.standardError.write(Data($0.utf8)) }, now: { DispatchTime.now().uptimeNanoseconds })
  }

  init(write: @escaping @Sendable (String) -> Void, now: @escaping @Sendable () -> UInt64) {
    self.write = write
    self.now = now
    start = now()
  }

  func update(_ p: SimulationProgress) {
    show { Self.text(p, elapsedSeconds: $0) }
  }

  /// Redraws the line with `text(elapsedSeconds)`, unless it is too soon.
  func show(_ text: (Double) -> String) {
    lock.lock()
    defer { lock.unlock() }
    let t = now()
    let elapsed = Double(t - start) / 1e9
    guard elapsed >= 1, t - lastDraw >= 200_000_000 else { return }
    lastDraw = t
    drawn = true
    write("\r\u{1B}[K" + text(elapsed))
  }

  /// Clears the line.
  func finish() {
    lock.lock()
    defer { lock.unlock() }
    if drawn { write("\r\u{1B}[K") }
  }

  static func text(_ p: SimulationProgress, elapsedSeconds: Double) -> String {
    let eta = p.fraction > 0 ? elapsedSeconds * (1 - p.fraction) / p.fraction : 0
    return String(
      format: "simulated %@ of %@ (%.0f%%), %@ visits, ETA %@", span(p.simulatedSeconds), span(p.endSeconds),
      p.fraction * 100, "\(p.visits)", span(eta))
  }

  /// "sweep: 3 of 12 points done, ETA 20s" (the ETA from the points done so far).
  static func steps(_ what: String, _ done: Int, _ total: Int, elapsedSeconds: Double) -> String {
    let eta = done > 0 ? elapsedSeconds * Double(total - done) / Double(done) : 0
    return "\(what): \(done) of \(total) points done" + (done > 0 ? ", ETA \(span(eta))" : "")
  }

  /// A simulation's progress line with what it is for: "diff: A: simulated 2d of 7d ...".
  func update(_ p: SimulationProgress, prefix: String) {
    show { prefix + Self.text(p, elapsedSeconds: $0) }
  }

  static func span(_ seconds: Double) -> String {
    let s = Int(seconds.rounded())
    if s >= 86_400 { return "\(s / 86_400)d \(s % 86_400 / 3_600)h" }
    if s >= 3_600 { return "\(s / 3_600)h \(s % 3_600 / 60)m" }
    if s >= 60 { return "\(s / 60)m \(s % 60)s" }
    return "\(s)s"
  }
}
