import Testing

@testable import Metrics

/// Two runs' checks added up (shards merged, or a run's event loops): by text, a check given
/// twice kept as two, a check only one side made kept as it is.
@Suite struct CheckStatsTests {
  @Test func checksAddUpByTextAndOccurrence() throws {
    let a = CheckStats([
      .init(check: "page.status==200", stage: "page", passes: 3, fails: 1, firstFailure: "got 503"),
      .init(check: "counterApi.status==200", stage: "counterApi", passes: 5),
      .init(check: "counterApi.status==200", stage: "counterApi", passes: 7),
    ])
    let b = CheckStats([
      .init(check: "counterApi.status==200", stage: "counterApi", passes: 1, fails: 2, firstFailure: "got 429"),
      .init(check: "counterApi.status==200", stage: "counterApi", passes: 10),
      .init(check: "page.status==200", stage: "page", passes: 2, fails: 1, firstFailure: "got 500"),
      .init(check: "asset.status==200", stage: "asset", passes: 4),
    ])
    let sum = a.adding(b)
    #expect(
      sum.checks.map(\.check) == [
        "page.status==200", "counterApi.status==200", "counterApi.status==200", "asset.status==200",
      ])
    #expect(sum.checks.map(\.passes) == [5, 6, 17, 4] && sum.checks.map(\.fails) == [2, 2, 0, 0])
    #expect(sum.checks[0].firstFailure == "got 503" && sum.checks[1].firstFailure == "got 429")
    #expect(sum.passes == 32 && sum.fails == 4 && abs(sum.rate - 32.0 / 36) < 1e-12)
  }
}
