/// A priority queue of value-type events ordered by (time, sequence number).
///
/// Events live inline in one contiguous array arranged as a binary min-heap: scheduling
/// allocates nothing once the array has grown, and no closure is stored per event. Events
/// scheduled for the same instant fire in the order they were scheduled (FIFO), because each
/// gets the next sequence number and the sequence breaks ties.
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
  @usableFromInline var nextSequence: UInt64 = 0

  public init(reservingCapacity capacity: Int = 1024) {
    heap.reserveCapacity(capacity)
  }

  /// Number of pending events.
  @inlinable public var count: Int { heap.count }
  @inlinable public var isEmpty: Bool { heap.isEmpty }
  /// Events the queue can hold without growing: its high-water mark, for memory checks.
  public var capacity: Int { heap.capacity }
  /// The time of the next event, or nil when the queue is empty.
  @inlinable public var peekTime: SimTime? { heap.first?.time }

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
    heap.append(entry)
    siftUp(entry, from: heap.count - 1)
  }

  /// Removes and returns the earliest event (lowest time, then lowest sequence).
  @inlinable @inline(__always)
  public mutating func popNext() -> Entry? {
    guard let last = heap.popLast() else { return nil }
    guard !heap.isEmpty else { return last }
    let top = heap[0]
    siftDown(last, from: 0)
    return top
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
  /// True when every parent precedes its children: the heap invariant, for tests.
  public func satisfiesHeapInvariant() -> Bool {
    for i in 1..<max(heap.count, 1) where Self.before(heap[i], heap[(i - 1) >> 1]) {
      return false
    }
    return true
  }
}
