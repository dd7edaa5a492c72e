import Foundation
import Pricing
import ScenarioModel

/// Batches of counter API calls handed from the site part's thread to the API part's.
///
/// Bounded: `put` waits while `capacity` batches are waiting, so the site part never runs more
/// than a few batches ahead and memory stays flat. `take` waits for the next batch.
final class CallChannel: @unchecked Sendable {
  // @unchecked: `batches` is read and written only while holding `condition`.
  private let condition = NSCondition()
  private var batches: [CallBatch] = []
  private let capacity: Int

  init(capacity: Int) { self.capacity = capacity }

  func put(_ batch: CallBatch) {
    condition.lock()
    while batches.count >= capacity { condition.wait() }
    batches.append(batch)
    condition.broadcast()
    condition.unlock()
  }

  func take() -> CallBatch {
    condition.lock()
    while batches.isEmpty { condition.wait() }
    let batch = batches.removeFirst()
    condition.broadcast()
    condition.unlock()
    return batch
  }
}
