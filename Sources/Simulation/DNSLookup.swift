import Pricing
import ScenarioModel
import SimKernel

/// Visitors looking up one DNS record (the site's or the API's) through their resolvers.
///
/// Each lookup goes through a resolver chosen at random; a fresh cached answer is fast, a miss
/// asks Route 53. The site's and the API's records are separate records with separate caches,
/// so each part of the simulation owns its own `DNSLookup` and its own random streams.
struct DNSLookup {
  private var resolvers: ResolverCache
  private let resolverCount: Int
  private var choice: RandomStream
  private let cached: DurationStream
  private let uncached: DurationStream

  init(_ dns: Scenario.DNS, seed: UInt64, choice: RandomSource, cached: RandomSource, uncached: RandomSource) {
    resolverCount = dns.resolvers
    resolvers = ResolverCache(resolvers: dns.resolvers, ttlNanoseconds: SimTime.seconds(dns.ttlSeconds).nanoseconds)
    self.choice = choice.stream(seed: seed)
    self.cached = cached.durations(dns.cachedMs, seed: seed)
    self.uncached = uncached.durations(dns.lookupMs, seed: seed)
  }

  /// One lookup at `now`; returns its latency and records it when `counted`.
  @inline(__always)
  mutating func lookup(at now: Int64, counted: Bool, recorder: inout SimulationRecorder) -> Int64 {
    let resolver = choice.index(below: resolverCount)
    let hit = resolvers.lookup(resolver: resolver, at: now)
    let latency = hit ? cached.next() : uncached.next()
    if counted {
      recorder.dnsLookups &+= 1
      if hit { recorder.dnsCacheHits &+= 1 }
      recorder.latency(.dns, nanoseconds: latency)
    }
    return latency
  }
}
