import SimKernel

/// Every source of randomness in a simulation, each with its fixed stream index.
///
/// One stream per source: drawing more of one quantity (a longer cold start, an extra asset)
/// never shifts what another sees, so two what-if runs with the same seed differ only where
/// their scenarios do (common random numbers). Indices are part of the report's identity:
/// changing one changes every report, so new sources take new numbers.
enum RandomSource: UInt64 {
  // Choices.
  case arrivals = 1
  case visitors = 2
  case resolverChoice = 4
  case retryJitter = 8
  // Durations.
  case rtt = 3
  case edge = 5
  case apiOverhead = 6
  case dnsCached = 11
  case dnsLookup = 12
  case origin = 13
  case handler = 14
  case coldStart = 15
  case updateItem = 16
  case throttleResponse = 17
  case idleTimeout = 7

  func stream(seed: UInt64) -> RandomStream { RandomStream(seed: seed, stream: rawValue) }

  /// - Parameter unitNanoseconds: of the distribution's values (milliseconds by default).
  func durations(_ distribution: Distribution, unitNanoseconds: Double = 1e6, seed: UInt64) -> DurationStream {
    DurationStream(distribution, unitNanoseconds: unitNanoseconds, seed: seed, stream: rawValue)
  }
}

/// The durations a visit draws, in nanoseconds, one stream each.
struct VisitDurations {
  let rtt: DurationStream
  let dnsCached: DurationStream
  let dnsLookup: DurationStream
  let edge: DurationStream
  let origin: DurationStream
  let apiOverhead: DurationStream
  let handler: DurationStream
  let coldStart: DurationStream
  let updateItem: DurationStream
  let throttleResponse: DurationStream

  init(_ scenario: Scenario) {
    let seed = scenario.seed
    rtt = RandomSource.rtt.durations(scenario.network.rttMs, seed: seed)
    dnsCached = RandomSource.dnsCached.durations(scenario.dns.cachedMs, seed: seed)
    dnsLookup = RandomSource.dnsLookup.durations(scenario.dns.lookupMs, seed: seed)
    edge = RandomSource.edge.durations(scenario.cdn.edgeMs, seed: seed)
    origin = RandomSource.origin.durations(scenario.s3.originMs, seed: seed)
    apiOverhead = RandomSource.apiOverhead.durations(scenario.apiGateway.overheadMs, seed: seed)
    handler = RandomSource.handler.durations(scenario.lambda.handlerMs, seed: seed)
    coldStart = RandomSource.coldStart.durations(scenario.lambda.coldStartMs, seed: seed)
    updateItem = RandomSource.updateItem.durations(scenario.dynamodb.updateItemMs, seed: seed)
    throttleResponse = RandomSource.throttleResponse.durations(scenario.dynamodb.throttleResponseMs, seed: seed)
  }
}
