import Dispatch
import Foundation
import LoadTest
import Metrics
import Pricing
import Reporting
import ScenarioModel
import Simulation
import WhatIf

/// Sets the stop signal on Ctrl-C (SIGINT) or SIGTERM, so the run ends cleanly and its report
/// is still written.
final class InterruptWatch: @unchecked Sendable {
  // @unchecked: the sources are created and cancelled on the command's thread; their handlers
  // only touch the thread-safe StopSignal.
  private let sources: [any DispatchSourceSignal]

  init(stop: StopSignal) {
    var made: [any DispatchSourceSignal] = []
    for sig in [SIGINT, SIGTERM] {
      signal(sig, SIG_IGN)
      let s = DispatchSource.makeSignalSource(signal: sig, queue: .global())
      s.setEventHandler { stop.stop("interrupted (signal \(sig))") }
      s.resume()
      made.append(s)
    }
    sources = made
  }

  func cancel() {
    for s in sources { s.cancel() }
    signal(SIGINT, SIG_DFL)
    signal(SIGTERM, SIG_DFL)
  }
}
