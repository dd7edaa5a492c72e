import Testing

@testable import Metrics

@Suite struct LatencySeriesTests {
  /// Recorders keep one slot per series by its ordinal: each ordinal is its place in
  /// `allCases`, so no two series share a slot.
  @Test func ordinalsAreThePlacesInAllCases() {
    for (i, s) in LatencySeries.allCases.enumerated() { #expect(s.ordinal == i, "\(s)") }
  }
}
