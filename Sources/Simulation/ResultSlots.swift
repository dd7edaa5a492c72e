import Foundation

/// Slots that parallel workers fill, one each.
package final class ResultSlots<T>: @unchecked Sendable {
  // @unchecked: every worker writes only its own slot, under the lock; values are read after
  // all workers have finished (concurrentPerform returns only then).
  private let lock = NSLock()
  private var slots: [T?]

  package init(count: Int) { slots = Array(repeating: nil, count: count) }

  package func set(_ i: Int, _ value: T) {
    lock.lock()
    slots[i] = value
    lock.unlock()
  }

  /// How many slots are filled (for progress while workers run).
  package var filled: Int {
    lock.lock()
    defer { lock.unlock() }
    return slots.reduce(0) { $0 + ($1 == nil ? 0 : 1) }
  }

  package var values: [T] {
    lock.lock()
    defer { lock.unlock() }
    return slots.map { $0! }
  }
}
