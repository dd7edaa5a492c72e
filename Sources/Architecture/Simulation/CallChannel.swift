import Foundation

/// Batches of counter API calls handed from the site part's thread to the API part's.
///
/// Bounded: `put` waits while `capacity` batches are waiting, so the site part never runs more
/// than a few batches ahead and memory stays flat. `take` waits for the next batch.
final class CallChannel: @unchecked Sendable {
  // @unchecked: `batches` is read and written only while holding `condition`.
  struct Batch {
    var calls: [ApiCall]
    /// The site part's next event time after this batch (`Int64.max`: it has finished).
    var horizon: Int64
    /// The site part's counted visits and events so far, for progress.
    var visits: UInt64
    var events: UInt64
  }

  private let condition = NSCondition()
  private var batches: [Batch] = []
  private let capacity: Int

  init(capacity: Int) { self.capacity = capacity }

  func put(_ batch: Batch) {
    condition.lock()
    while batches.count >= capacity { condition.wait() }
    batches.append(batch)
    condition.broadcast()
    condition.unlock()
  }

  func take() -> Batch {
    condition.lock()
    while batches.isEmpty { condition.wait() }
    let batch = batches.removeFirst()
    condition.broadcast()
    condition.unlock()
    return batch
  }
}
