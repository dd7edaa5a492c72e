import Testing

@testable import SimKernel

@Suite struct SimTimeTests {
  @Test func conversionsRoundToTheNanosecond() {
    #expect(SimTime.milliseconds(1.5).nanoseconds == 1_500_000)
    #expect(SimTime.seconds(2).nanoseconds == 2_000_000_000)
    #expect(SimTime.seconds(-1).nanoseconds == -1_000_000_000)
    #expect(SimTime.milliseconds(0.0000004).nanoseconds == 0)
  }

  /// A time too large for Int64 nanoseconds means "never" instead of trapping.
  @Test(arguments: [9.3e9, 1e30, Double.greatestFiniteMagnitude, .infinity, .nan])
  func hugeTimesSaturate(seconds: Double) {
    #expect(SimTime.seconds(seconds) == .distantFuture)
    #expect(SimTime.milliseconds(seconds * 1000) == .distantFuture)
    // distantFuture plus a few more of itself still does not wrap.
    #expect((SimTime.distantFuture + .distantFuture + .distantFuture).nanoseconds > 0)
  }

  @Test(arguments: [-9.3e9, -1e30, -Double.infinity])
  func hugeNegativeTimesSaturate(seconds: Double) {
    #expect(SimTime.seconds(seconds).nanoseconds == -SimTime.distantFuture.nanoseconds)
  }
}
