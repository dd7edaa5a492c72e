import Pricing
import ScenarioModel
import SimKernel

/// Every source of randomness in a simulation, each with its fixed stream index.
///
/// One stream per source: drawing more of one quantity (a longer cold start, an extra asset)
/// never shifts what another sees, so two what-if runs with the same seed differ only where
/// their scenarios do (common random numbers). The site part and the API part of a visit draw
/// from separate streams, so each part's draws do not depend on how the two interleave.
/// Indices are part of a report's identity: changing one changes every report, so new
/// sources take new numbers.
enum RandomSource: UInt64 {
  // The site part: arrivals, the site's DNS record, the CDN and S3.
  case arrivals = 1
  case visitors = 2
  case siteRtt = 3
  case siteResolverChoice = 4
  case edge = 5
  case siteDnsCached = 11
  case siteDnsLookup = 12
  case origin = 13
  // The API part: the API's DNS record, API Gateway, Lambda and DynamoDB.
  case apiOverhead = 6
  case idleTimeout = 7
  case retryJitter = 8
  case handler = 14
  case coldStart = 15
  case updateItem = 16
  case throttleResponse = 17
  case apiResolverChoice = 18
  case apiDnsCached = 19
  case apiDnsLookup = 20
  case apiRtt = 21
  case restAdded = 22

  func stream(seed: UInt64) -> RandomStream { RandomStream(seed: seed, stream: rawValue) }

  /// - Parameter unitNanoseconds: of the distribution's values (milliseconds by default).
  func durations(_ distribution: Distribution, unitNanoseconds: Double = 1e6, seed: UInt64) -> DurationStream {
    DurationStream(distribution, unitNanoseconds: unitNanoseconds, seed: seed, stream: rawValue)
  }
}
