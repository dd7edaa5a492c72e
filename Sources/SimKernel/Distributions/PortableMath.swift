import Foundation

/// e^x inlined into the lognormal sampler's block loop, one value or two lanes at a time.
///
/// libm's `exp` is a call through a version wrapper (about a fifth of a simulation's time when
/// it sat in every draw); this one inlines into `DurationStream`'s block loop, two lanes at a
/// time, so a block of independent draws pipelines. Within 2 ulp of libm (tested), far below
/// any latency's precision. One value at a time it is no faster than libm's: the gain is the
/// block and the lanes.
///
/// Method (Tang's table method): x = (64m + j)·ln2/64 + r with |r| ≤ ln2/128; e^x is
/// 2^m · 2^(j/64) · e^r, with 2^(j/64) from a 64-entry table, e^r from its Taylor series to
/// r^5 (remainder below 2^-54 relative), and 2^m added straight into the exponent bits.
public enum PortableMath {
  /// Arguments are clamped to this range, where e^x is a normal finite double.
  public static let lowest = -708.0
  public static let highest = 709.0

  /// 2^(j/64) for j in 0..<64, as bit patterns.
  // nonisolated(unsafe): written once by the lazy initializer, read-only after.
  @usableFromInline nonisolated(unsafe) static let table: UnsafePointer<UInt64> = {
    let t = UnsafeMutablePointer<UInt64>.allocate(capacity: 64)
    for j in 0..<64 { t[j] = Foundation.exp2(Double(j) / 64).bitPattern }
    return UnsafePointer(t)
  }()

  // ln2/64 split so that k·ln2Hi is exact for |k| < 2^20 (fdlibm's ln2 split, over 64).
  @usableFromInline static let ln2Over64Hi = 6.931_471_803_691_238_164_90e-01 / 64
  @usableFromInline static let ln2Over64Lo = 1.908_214_929_270_587_700_02e-10 / 64
  @usableFromInline static let sixtyFourOverLn2 = 64 * 1.442_695_040_888_963_387_00
  /// 1.5·2^52: adding it rounds to an integer held in the low bits of the significand.
  @usableFromInline static let shifter = 6_755_399_441_055_744.0

  /// e^x, with x clamped to [lowest, highest].
  @inlinable @inline(__always)
  public static func exp(_ x: Double) -> Double { exp(x, table: table) }

  /// e^x with the table at hand (a block loop loads it once, not once per value).
  @inlinable @inline(__always)
  public static func exp(_ x: Double, table: UnsafePointer<UInt64>) -> Double {
    let x = Swift.min(Swift.max(x, lowest), highest)
    let shifted = x * sixtyFourOverLn2 + shifter
    let k = shifted - shifter
    let r = (x - k * ln2Over64Hi) - k * ln2Over64Lo
    let r2 = r * r
    let p = (1 + r) + r2 * ((0.5 + r * (1.0 / 6)) + r2 * ((1.0 / 24) + r * (1.0 / 120)))
    // The low bits of `shifted` hold k = 64m + j in two's complement.
    let kBits = shifted.bitPattern &- shifter.bitPattern
    let m = Int64(bitPattern: kBits) &>> 6
    let scaled = table[Int(kBits & 63)] &+ (UInt64(bitPattern: m) &<< 52)
    return p * Double(bitPattern: scaled)
  }
}

extension PortableMath {
  /// e^x for two values at once (SSE2 lanes on any x86-64), as `exp(_:table:)` lane by lane.
  @inlinable @inline(__always)
  public static func exp(_ x: SIMD2<Double>, table: UnsafePointer<UInt64>) -> SIMD2<Double> {
    let x = x.clamped(lowerBound: SIMD2(repeating: lowest), upperBound: SIMD2(repeating: highest))
    let shifted = x * sixtyFourOverLn2 + shifter
    let k = shifted - shifter
    let r = (x - k * ln2Over64Hi) - k * ln2Over64Lo
    let r2 = r * r
    let c5: SIMD2<Double> = (1.0 / 24) + r * (1.0 / 120)
    let c3: SIMD2<Double> = (0.5 + r * (1.0 / 6)) + r2 * c5
    let p: SIMD2<Double> = (1 + r) + r2 * c3
    let kBits = unsafeBitCast(shifted, to: SIMD2<UInt64>.self) &- shifter.bitPattern
    let m = unsafeBitCast(kBits, to: SIMD2<Int64>.self) &>> 6
    let j = kBits & 63
    let t = SIMD2(table[Int(j[0])], table[Int(j[1])])
    let scaled = t &+ (unsafeBitCast(m, to: SIMD2<UInt64>.self) &<< 52)
    return p * unsafeBitCast(scaled, to: SIMD2<Double>.self)
  }
}
