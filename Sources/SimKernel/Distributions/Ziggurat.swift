import Foundation

/// Standard normal draws by the ziggurat method (Marsaglia and Tsang, "The Ziggurat Method for
/// Generating Random Variables", J. Stat. Software 5(8), 2000), with 128 layers.
///
/// About 99% of draws cost one 32-bit random number, a table lookup and a multiply; the rest
/// fall back to an exact wedge or tail test. Box-Muller, which needs a logarithm, a square root
/// and a cosine per draw, made sampling the largest cost of a simulation.
public enum Ziggurat {
  /// Layer tables: acceptance thresholds (scaled to 2^31), widths and densities.
  @usableFromInline static let tables = Tables()

  /// Pointers to tables allocated once and never freed (they live as long as the process):
  /// copying arrays here would cost three retains and releases per draw.
  public struct Tables: @unchecked Sendable {
    // @unchecked: the tables are written once in init, before publication, and only read after.
    @usableFromInline let k: UnsafePointer<UInt32>
    @usableFromInline let w: UnsafePointer<Double>
    @usableFromInline let f: UnsafePointer<Double>

    init() {
      let m = 2_147_483_648.0  // 2^31
      var d = 3.442_619_855_899  // start of the tail
      var t = d
      let v = 9.912_563_035_262_17e-3  // area of each layer
      let q = v / exp(-0.5 * d * d)
      var k = [UInt32](repeating: 0, count: 128)
      var w = [Double](repeating: 0, count: 128)
      var f = [Double](repeating: 0, count: 128)
      k[0] = UInt32(d / q * m)
      k[1] = 0
      w[0] = q / m
      w[127] = d / m
      f[0] = 1
      f[127] = exp(-0.5 * d * d)
      for i in stride(from: 126, through: 1, by: -1) {
        d = (-2 * log(v / d + exp(-0.5 * d * d))).squareRoot()
        k[i + 1] = UInt32(d / t * m)
        t = d
        f[i] = exp(-0.5 * d * d)
        w[i] = d / m
      }
      let kp = UnsafeMutablePointer<UInt32>.allocate(capacity: 128)
      let wp = UnsafeMutablePointer<Double>.allocate(capacity: 128)
      let fp = UnsafeMutablePointer<Double>.allocate(capacity: 128)
      kp.initialize(from: k, count: 128)
      wp.initialize(from: w, count: 128)
      fp.initialize(from: f, count: 128)
      self.k = UnsafePointer(kp)
      self.w = UnsafePointer(wp)
      self.f = UnsafePointer(fp)
    }
  }

  /// The start of the tail region.
  @usableFromInline static let tailStart = 3.442_619_855_899
}

extension RandomNumberGenerator {
  /// A standard normal draw (ziggurat).
  @inlinable
  public mutating func standardNormal() -> Double { standardNormal(Ziggurat.tables) }

  /// A standard normal draw with the tables at hand (samplers keep them, saving the static
  /// accessor's check on every draw).
  ///
  /// The fast path (about 99% of draws) is inlined; the wedge and tail tests are not, so the
  /// caller's loop stays small.
  @inlinable @inline(__always)
  public mutating func standardNormal(_ tables: Ziggurat.Tables) -> Double {
    let bits = next()
    let hz = Int32(truncatingIfNeeded: bits >> 32)
    let iz = Int(bits & 127)
    if hz.magnitude < tables.k[iz] { return Double(hz) * tables.w[iz] }
    return standardNormalOutside(hz: hz, iz: iz, tables)
  }

  /// The rest of a draw whose first try fell outside its layer's inner rectangle.
  @inlinable @inline(never)
  mutating func standardNormalOutside(hz: Int32, iz: Int, _ tables: Ziggurat.Tables) -> Double {
    var (hz, iz) = (hz, iz)
    while true {
      let x = Double(hz) * tables.w[iz]
      if hz.magnitude < tables.k[iz] { return x }
      if iz == 0 {
        // Tail beyond r: Marsaglia's exponential method.
        let r = Ziggurat.tailStart
        var a = 0.0
        var b = 0.0
        repeat {
          a = -log(openUnit()) / r
          b = -log(openUnit())
        } while b + b < a * a
        return hz > 0 ? r + a : -r - a
      }
      // Wedge: accept under the density curve.
      if tables.f[iz] + unit() * (tables.f[iz - 1] - tables.f[iz]) < exp(-0.5 * x * x) { return x }
      let bits = next()
      hz = Int32(truncatingIfNeeded: bits >> 32)
      iz = Int(bits & 127)
    }
  }
}
