import Dispatch
import Foundation
import Metrics
import Pricing
import Reporting
import ScenarioModel
import Simulation
import WhatIf

/// A thread-safe sum, for workers reporting counts.
final class Counter: @unchecked Sendable {
  // @unchecked: all access goes through the lock.
  private let lock = NSLock()
  private var total: UInt64 = 0
  func add(_ n: UInt64) {
    lock.lock()
    total &+= n
    lock.unlock()
  }
  var value: UInt64 {
    lock.lock()
    defer { lock.unlock() }
    return total
  }
}
