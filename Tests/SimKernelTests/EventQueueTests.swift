import Testing

@testable import SimKernel

@Suite struct EventQueueTests {
  @Test func sameTimeEventsFireInSchedulingOrder() {
    var q = EventQueue<Int>()
    let t = SimTime.milliseconds(5)
    for i in 0..<100 { q.schedule(i, at: t) }
    q.schedule(-1, at: .milliseconds(1))
    #expect(q.popNext()?.payload == -1)
    var fired: [Int] = []
    while let e = q.popNext() { fired.append(e.payload) }
    #expect(fired == Array(0..<100))
  }

  @Test func interleavedSameTimeEventsStayFIFO() {
    // Events scheduled at the same instant while others are being popped keep FIFO order.
    var q = EventQueue<String>()
    q.schedule("a", at: .seconds(1))
    q.schedule("late", at: .seconds(2))
    q.schedule("b", at: .seconds(1))
    #expect(q.popNext()?.payload == "a")
    q.schedule("c", at: .seconds(1))
    #expect(q.popNext()?.payload == "b")
    #expect(q.popNext()?.payload == "c")
    #expect(q.popNext()?.payload == "late")
    #expect(q.popNext() == nil)
  }

  @Test func aFollowUpScheduledAfterAPopTakesItsTurn() {
    // The popped root is replaced by the next scheduled event: it must still wait for earlier
    // ones, and go before later ones.
    var q = EventQueue<String>()
    q.schedule("a", at: .milliseconds(1))
    q.schedule("c", at: .milliseconds(3))
    q.schedule("e", at: .milliseconds(5))
    #expect(q.popNext()?.payload == "a")
    #expect(q.count == 2 && q.peekTime == .milliseconds(3))
    q.schedule("d", at: .milliseconds(4))
    q.schedule("b", at: .milliseconds(2))
    #expect([q.popNext(), q.popNext(), q.popNext(), q.popNext()].map { $0?.payload } == ["b", "c", "d", "e"])
    #expect(q.popNext() == nil && q.isEmpty && q.peekTime == nil)
  }

  @Test(arguments: 0..<20)
  func heapInvariantsHoldUnderRandomOperations(seed: Int) {
    var rng = RandomStream(seed: UInt64(seed), stream: 99)
    var q = EventQueue<UInt64>()
    var reference: [(time: Int64, seq: UInt64)] = []
    var seq: UInt64 = 0
    var lastPopped: (Int64, UInt64) = (.min, 0)
    for _ in 0..<2_000 {
      if rng.chance(0.6) || q.isEmpty {
        // Few distinct times so that ties are common; never before the last popped time.
        let t = max(lastPopped.0, 0) + Int64(rng.index(below: 8))
        q.schedule(seq, at: SimTime(nanoseconds: t))
        reference.append((t, seq))
        seq += 1
      } else {
        let e = q.popNext()!
        let expected = reference.min { ($0.time, $0.seq) < ($1.time, $1.seq) }!
        #expect(e.time.nanoseconds == expected.time && e.payload == expected.seq)
        #expect((e.time.nanoseconds, e.payload) >= lastPopped)
        lastPopped = (e.time.nanoseconds, e.payload)
        reference.removeAll { $0.seq == expected.seq }
      }
      #expect(q.satisfiesHeapInvariant())
      #expect(q.count == reference.count)
      #expect(q.isEmpty == reference.isEmpty)
      #expect(q.peekTime?.nanoseconds == reference.min { ($0.time, $0.seq) < ($1.time, $1.seq) }?.time)
    }
  }
}
