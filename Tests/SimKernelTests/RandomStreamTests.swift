import Testing

@testable import SimKernel

@Suite struct RandomStreamTests {
  @Test func sameSeedAndStreamRepeat() {
    var a = RandomStream(seed: 42, stream: 3)
    var b = RandomStream(seed: 42, stream: 3)
    for _ in 0..<1000 { #expect(a.next() == b.next()) }
  }

  @Test func streamsAndSeedsDiffer() {
    var a = RandomStream(seed: 42, stream: 3)
    var b = RandomStream(seed: 42, stream: 4)
    var c = RandomStream(seed: 43, stream: 3)
    let xa = (0..<8).map { _ in a.next() }
    #expect(xa != (0..<8).map { _ in b.next() })
    #expect(xa != (0..<8).map { _ in c.next() })
  }

  @Test func unitIsUniform() {
    // Mean 1/2 and variance 1/12; 200k draws: standard error of the mean about 0.00065.
    var r = RandomStream(seed: 7, stream: 1)
    let n = 200_000
    var sum = 0.0
    var sumSq = 0.0
    var buckets = [Int](repeating: 0, count: 10)
    for _ in 0..<n {
      let u = r.unit()
      #expect(u >= 0 && u < 1)
      sum += u
      sumSq += u * u
      buckets[Int(u * 10)] += 1
    }
    #expect(abs(sum / Double(n) - 0.5) < 0.004)
    #expect(abs(sumSq / Double(n) - sum * sum / Double(n * n) - 1.0 / 12) < 0.002)
    // Each decile within 5% of its expected 20,000 (about 7 standard deviations).
    for b in buckets { #expect(abs(b - n / 10) < n / 200) }
  }

  @Test func indexStaysInBounds() {
    var r = RandomStream(seed: 1, stream: 1)
    var seen = Set<Int>()
    for _ in 0..<10_000 {
      let i = r.index(below: 7)
      #expect((0..<7).contains(i))
      seen.insert(i)
    }
    #expect(seen.count == 7)
  }
}
