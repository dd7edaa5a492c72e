/// Durations in whole nanoseconds drawn from one distribution (in milliseconds unless told
/// otherwise), with a random stream of its own, computed a block at a time.
///
/// Drawing ahead in blocks turns each draw in the simulation's hot path into a load from a
/// buffer: the block loop computes many independent draws together, so the lognormal's
/// normal variate and exponential overlap instead of each visit waiting on one draw's latency.
/// Because the stream belongs to this one distribution, what it yields does not depend on when
/// or how often other quantities are drawn (common random numbers across what-if runs), and
/// drawing ahead changes nothing: the n-th duration is the same as drawing one at a time.
///
/// A reference type on purpose: it is owned by one simulation (one thread) and never shared.
///
/// - Complexity: `next` is O(1), and every `blockSize`-th call computes a block; memory is two
///   blocks, whatever the number of draws.
public final class DurationStream {
  /// Durations computed per refill.
  public static let blockSize = 256

  public let sampler: Sampler
  /// Nanoseconds per unit of the distribution's values.
  let unitNanoseconds: Double
  @usableFromInline let block: UnsafeMutablePointer<Int64>
  /// The block's normal variates, for lognormal distributions.
  let normals: UnsafeMutablePointer<Double>
  // Unchecked exclusivity: one owner, one thread (as `LatencyRecorder`).
  @exclusivity(unchecked) @usableFromInline var position: Int
  @exclusivity(unchecked) @usableFromInline var rng: RandomStream

  /// - Parameters:
  ///   - distribution: in milliseconds, or in units of `unitNanoseconds` nanoseconds.
  ///   - seed, stream: the random stream's identity (see `RandomStream`).
  public init(_ distribution: Distribution, unitNanoseconds: Double = 1_000_000, seed: UInt64, stream: UInt64) {
    sampler = distribution.sampler()
    self.unitNanoseconds = unitNanoseconds
    rng = RandomStream(seed: seed, stream: stream)
    block = .allocate(capacity: Self.blockSize)
    block.initialize(repeating: 0, count: Self.blockSize)
    normals = .allocate(capacity: Self.blockSize)
    normals.initialize(repeating: 0, count: Self.blockSize)
    position = Self.blockSize
  }

  deinit {
    block.deallocate()
    normals.deallocate()
  }

  /// The next duration, in nanoseconds.
  @inlinable @inline(__always)
  public func next() -> Int64 {
    if position == Self.blockSize { refill() }
    let d = block[position]
    position &+= 1
    return d
  }

  /// Longest duration yielded (about 115 days); a longer draw is cut to it rather than
  /// overflowing when added to a time.
  public static let longest: Int64 = 1 << 53

  /// One draw as whole nanoseconds (truncated; cut to 0...`longest`, NaN to `longest`).
  @inline(__always)
  func nanoseconds(_ value: Double) -> Int64 {
    let x = value * unitNanoseconds
    guard x < Double(Self.longest) else { return Self.longest }
    return x > 0 ? Int64(x) : 0
  }

  @usableFromInline @inline(never)
  func refill() {
    position = 0
    let n = Self.blockSize
    // The generator's state lives in registers for the block, not in this object.
    var rng = self.rng
    defer { self.rng = rng }
    if case .lognormal = sampler.kind {
      // Two passes: the normals (branchy, rarely leaving the ziggurat's fast path), then the
      // exponentials, which are independent of one another and pipeline.
      let z = normals
      let tables = sampler.zig
      for i in 0..<n { z[i] = rng.standardNormal(tables) }
      let (mu, sigma, exps) = (sampler.a, sampler.b, PortableMath.table)
      for i in stride(from: 0, to: n, by: 2) {
        let ms = PortableMath.exp(mu + sigma * SIMD2(z[i], z[i + 1]), table: exps)
        block[i] = nanoseconds(ms[0])
        block[i + 1] = nanoseconds(ms[1])
      }
    } else {
      for i in 0..<n { block[i] = nanoseconds(sampler.sample(using: &rng)) }
    }
  }
}
