/// A priority queue of value-type events ordered by (time, sequence number).
///
/// Events live inline in one contiguous array arranged as a binary min-heap: scheduling
/// allocates nothing once the array has grown, and no closure is stored per event. Events
/// scheduled for the same instant fire in the order they were scheduled (FIFO), because each
/// gets the next sequence number and the sequence breaks ties.
///
/// The event `popNext` returns stays in the root until the next call: an event handler usually
/// schedules a follow-up, and the first event scheduled after a pop takes the root's place and
/// sifts down from there (the classic replace-top), saving the sift down of the last leaf that
/// removing the root costs. The order of events is untouched: keys are unique, so which event
/// comes next does not depend on how the heap is laid out.
///
/// - Complexity: `schedule` and `popNext` are O(log n); `peekTime` is O(1).
public struct EventQueue<Payload> {
  /// One scheduled event: its key and its payload, stored together.
  public struct Entry {
    public var time: SimTime
    public var sequence: UInt64
    public var payload: Payload
    @inlinable init(time: SimTime, sequence: UInt64, payload: Payload) {
      self.time = time
      self.sequence = sequence
      self.payload = payload
    }
  }

  @usableFromInline var heap: [Entry] = []
  /// Sequence numbers: events from outside (`scheduleExternal`) count up from 0, the queue's
  /// own from 2^63, so at the same instant every outside event comes first.
  @usableFromInline var nextSequence: UInt64 = 1 << 63
  @usableFromInline var nextExternalSequence: UInt64 = 0
  /// True when `heap[0]` is the event last returned by `popNext`, already gone.
  @usableFromInline var rootTaken = false

  public init(reservingCapacity capacity: Int = 1024) {
    heap.reserveCapacity(capacity)
  }

  /// Number of pending events.
  @inlinable public var count: Int { heap.count - (rootTaken ? 1 : 0) }
  @inlinable public var isEmpty: Bool { count == 0 }
  /// Events the queue can hold without growing: its high-water mark, for memory checks.
  public var capacity: Int { heap.capacity }
  /// The time of the next event, or nil when the queue is empty.
  public var peekTime: SimTime? {
    guard rootTaken else { return heap.first?.time }
    // The next event is one of the taken root's children.
    let children = heap.dropFirst().prefix(2)
    return children.min { Self.before($0, $1) }?.time
  }

  /// (time, sequence) order, computed without branches: which of two children is earlier is
  /// a coin toss the branch predictor loses half the time.
  @inlinable @inline(__always) static func before(_ a: Entry, _ b: Entry) -> Bool {
    let (at, bt) = (a.time.nanoseconds, b.time.nanoseconds)
    let earlier = at < bt ? 1 : 0
    let tieBroken = (at == bt ? 1 : 0) & (a.sequence < b.sequence ? 1 : 0)
    return earlier | tieBroken != 0
  }

  /// Adds an event to fire at `time`.
  @inlinable @inline(__always)
  public mutating func schedule(_ payload: Payload, at time: SimTime) {
    let entry = Entry(time: time, sequence: nextSequence, payload: payload)
    nextSequence &+= 1
    insert(entry)
  }

  /// Adds an event handed over from outside this queue's simulation (another part running
  /// alongside). At the same instant it fires before every event scheduled with `schedule`,
  /// and outside events keep the order they were handed over in: the order of events then
  /// does not depend on when the handing over happened.
  @inlinable
  public mutating func scheduleExternal(_ payload: Payload, at time: SimTime) {
    let entry = Entry(time: time, sequence: nextExternalSequence, payload: payload)
    nextExternalSequence &+= 1
    insert(entry)
  }

  @inlinable @inline(__always)
  mutating func insert(_ entry: Entry) {
    if rootTaken {
      rootTaken = false
      siftDown(entry, from: 0)
    } else {
      heap.append(entry)
      siftUp(entry, from: heap.count - 1)
    }
  }

  /// Removes and returns the earliest event (lowest time, then lowest sequence).
  @inlinable @inline(__always)
  public mutating func popNext() -> Entry? { popNext(before: .max) }

  /// Removes and returns the earliest event if it fires before `limit` nanoseconds.
  @inlinable @inline(__always)
  public mutating func popNext(before limit: Int64) -> Entry? {
    if rootTaken {
      rootTaken = false
      let last = heap.removeLast()
      if !heap.isEmpty { siftDown(last, from: 0) }
    }
    guard let first = heap.first, first.time.nanoseconds < limit else { return nil }
    rootTaken = true
    return first
  }

  // The sifts take the moving entry as a value and write it once, where it ends up: reading
  // back an entry just stored in pieces made every operation wait for those stores to drain
  // (store-forwarding stalls, measured with perf).

  /// Moves `entry`, whose slot is `start`, up to its place.
  @inlinable @inline(__always) mutating func siftUp(_ entry: Entry, from start: Int) {
    heap.withUnsafeMutableBufferPointer { h in
      var child = start
      while child > 0 {
        let parent = (child - 1) >> 1
        guard Self.before(entry, h[parent]) else { break }
        h[child] = h[parent]
        child = parent
      }
      h[child] = entry
    }
  }

  /// Puts `entry` in the hole at `start` and moves it down to its place.
  @inlinable @inline(__always) mutating func siftDown(_ entry: Entry, from start: Int) {
    // One uniqueness check per operation instead of one per element access.
    heap.withUnsafeMutableBufferPointer { h in
      let n = h.count
      var parent = start
      while true {
        let left = 2 * parent + 1
        if left >= n { break }
        let right = left + 1
        var best = left
        if right < n { best &+= Self.before(h[right], h[left]) ? 1 : 0 }
        guard Self.before(h[best], entry) else { break }
        h[parent] = h[best]
        parent = best
      }
      h[parent] = entry
    }
  }
}

extension EventQueue.Entry: Sendable where Payload: Sendable {}
extension EventQueue: Sendable where Payload: Sendable {}

extension EventQueue {
  /// True when every parent precedes its children: the heap invariant, for tests. A taken
  /// root is a hole and constrains nothing.
  public func satisfiesHeapInvariant() -> Bool {
    for i in 1..<max(heap.count, 1) {
      let parent = (i - 1) >> 1
      if rootTaken && parent == 0 { continue }
      if Self.before(heap[i], heap[parent]) { return false }
    }
    return true
  }
}
