import SimKernel

/// Everything a simulation needs to know about the site and its traffic.
///
/// Every property has a default, so a scenario file only states what differs. Defaults that
/// come from measurement cite their source and date; those marked (guess) have none and say
/// so here and in the README. Units live in the names.
public struct Scenario: Sendable, Equatable {
  public var name = "baseline"
  public var description = ""
  /// Where the values came from (calibration and imports write here); not simulated.
  public var notes: [String] = []
  public var seed: UInt64 = 1
  /// Length of the measured window after warm-up.
  public var durationSeconds: Double = 7 * 86_400
  /// Simulated before the measured window; its statistics are discarded.
  public var warmupSeconds: Double = 3_600

  public var workload = Workload()
  public var network = Network()
  public var dns = DNS()
  public var page = Page()
  public var cdn = CDN()
  public var s3 = S3()
  public var apiGateway = APIGateway()
  public var lambda = Lambda()
  public var dynamodb = DynamoDB()
  public var client = Client()
  public var pricing = PricingOptions()
  /// Where this run's time 0 falls on the scenario's clock, in seconds: 0 for a whole run; a
  /// segment of a time-parallel run starts later (spikes, the daily cycle and a trace keep
  /// their absolute times). Not a scenario field.
  public var timeOriginSeconds = 0.0

  public init() {}

  /// Fields of which a document gives at most one; `--set` of one replaces the others.
  public static let alternativeFields: [Set<String>] = [["visitsPerSecond", "visitsPerDay", "visitsPerMonth"]]

  /// How visits arrive and what each one asks for.
  public struct Workload: Sendable, Equatable {
    public enum Process: String, Sendable, CaseIterable { case poisson, constant, trace }
    /// Which parts of a visit are sent: the whole browser path, only the site, or only the API.
    public enum Parts: String, Sendable, CaseIterable { case all, site, api }
    public var process = Process.poisson
    /// Base arrival rate (given as visitsPerSecond, visitsPerDay or visitsPerMonth).
    public var visitsPerSecond: Double = 300.0 / 86_400
    /// The rate as the file gave it when given per month: a month is `pricing.month` long, so
    /// `visitsPerSecond` is this divided by the billed month's seconds.
    public var visitsPerMonth: Double? = nil
    /// The baseline's daily cycle (a file that says nothing of it gets the baseline's, as it
    /// gets every other baseline value); `"diurnal": null` for a steady rate.
    public var diurnal: Diurnal? = Diurnal()
    public var spikes: [Spike] = []
    /// Fraction of visits from a browser whose cache still holds the assets: they fetch the
    /// page document only.
    public var returningVisitorFraction = 0.2
    public var parts = Parts.all
    /// CSV of arrival timestamps for `process: "trace"` (relative to the scenario's folder).
    public var traceFile: String? = nil
    /// The trace's arrival times in seconds from its first (filled by whoever reads the file).
    public var traceSeconds: [Double] = []
  }

  /// A daily cycle: rate × (1 + amplitude × cos(2π (hour − peakHourUTC) / 24)).
  public struct Diurnal: Sendable, Equatable {
    public var amplitude = 0.6
    public var peakHourUTC = 15.0
  }

  /// A flash crowd: the rate ramps linearly to `multiplier` × base (or to `visitsPerSecond`
  /// exactly), holds, and ramps back.
  public struct Spike: Sendable, Equatable {
    public var startSeconds: Double
    public var rampUpSeconds: Double
    public var holdSeconds: Double
    public var rampDownSeconds: Double
    public var multiplier: Double
    /// An absolute peak: during the hold the arrival rate is this many visits per second,
    /// whatever the daily cycle says (the ramps go from the cycle's rate to it); nil when the
    /// spike is a `multiplier`.
    public var visitsPerSecond: Double? = nil

    public init(
      startSeconds: Double, rampUpSeconds: Double, holdSeconds: Double, rampDownSeconds: Double, multiplier: Double,
      visitsPerSecond: Double? = nil
    ) {
      self.startSeconds = startSeconds
      self.rampUpSeconds = rampUpSeconds
      self.holdSeconds = holdSeconds
      self.rampDownSeconds = rampDownSeconds
      self.multiplier = multiplier
      self.visitsPerSecond = visitsPerSecond
    }

    /// The spike's shape at `t` seconds: 0 outside it, 1 during the hold, linear in 1 s steps
    /// along the ramps; and the time until which that value holds.
    public func shape(at t: Double) -> (share: Double, until: Double) {
      let upEnd = startSeconds + rampUpSeconds
      let holdEnd = upEnd + holdSeconds
      let downEnd = holdEnd + rampDownSeconds
      if t < startSeconds { return (0, startSeconds) }
      if t < upEnd {
        let step = Self.wholeSeconds(since: startSeconds, at: t)
        return (min(1, (step + 0.5) / rampUpSeconds), min(upEnd, startSeconds + step + 1))
      }
      if t < holdEnd { return (1, holdEnd) }
      if t < downEnd {
        let step = Self.wholeSeconds(since: holdEnd, at: t)
        return (1 - min(1, (step + 0.5) / rampDownSeconds), min(downEnd, holdEnd + step + 1))
      }
      return (0, .infinity)
    }

    /// Whole seconds from `start` to `t`, such that `start + step + 1 > t` holds in floating
    /// point too (`1.001 - 0.001` is 0.999..., which would otherwise end a 1 s step at `t` itself).
    public static func wholeSeconds(since start: Double, at t: Double) -> Double {
      let step = (t - start).rounded(.down)
      return start + step + 1 <= t ? step + 1 : step
    }

    /// The rate the spike sets at `t` over a base rate `base` (nil outside it).
    public func rate(at t: Double, base: Double) -> (perSecond: Double, until: Double)? {
      let (share, until) = shape(at: t)
      guard share > 0 else { return nil }
      if let peak = visitsPerSecond { return (base + (peak - base) * share, until) }
      return (base * (1 + (multiplier - 1) * share), until)
    }
  }

  public struct Network: Sendable, Equatable {
    /// Browser to edge (and to API Gateway) round trip. (guess: a visitor near an edge)
    public var rttMs = Distribution.lognormal(median: 25, p99: 120)
    /// Round trips to open a connection: TCP + TLS 1.3.
    public var handshakeRoundTrips = 2
    /// Visitor download bandwidth, for transfer time of page and assets. (guess)
    public var bandwidthMbps = 50.0
  }

  public struct DNS: Sendable, Equatable {
    /// TTL of the site's and API's records. Route 53 alias records take the target's TTL;
    /// CloudFront answers carry 60 s (Route 53 developer guide, alias records).
    public var ttlSeconds = 60.0
    /// Distinct caching resolvers the visitors use (ISP and public resolvers). (guess)
    public var resolvers = 50
    /// Answer from the resolver's cache. (guess)
    public var cachedMs = Distribution.lognormal(median: 4, p99: 40)
    /// Resolver asking Route 53 (cache miss). (guess)
    public var lookupMs = Distribution.lognormal(median: 30, p99: 150)
    /// Alias records pointing at AWS resources: their queries are free.
    public var aliasRecords = true
  }

  public struct Asset: Sendable, Equatable {
    public var name: String
    public var bytes: Int
    /// Edge cache TTL for this object; nil uses `cdn.ttlSeconds`.
    public var ttlSeconds: Double?

    public init(name: String, bytes: Int, ttlSeconds: Double? = nil) {
      self.name = name
      self.bytes = bytes
      self.ttlSeconds = ttlSeconds
    }
  }

  /// The page and what its browser fetches. Typical resume sites: 5-20 objects, 10-300 KB in
  /// total (public cloud-resume-challenge repositories).
  public struct Page: Sendable, Equatable {
    public var htmlBytes = 6_000
    /// Edge TTL of the HTML document; nil uses `cdn.ttlSeconds`.
    public var htmlTtlSeconds: Double? = nil
    public var assets: [Asset] = [
      Asset(name: "style.css", bytes: 9_000, ttlSeconds: nil),
      Asset(name: "counter.js", bytes: 2_000, ttlSeconds: nil),
      Asset(name: "photo.jpg", bytes: 85_000, ttlSeconds: nil),
      Asset(name: "favicon.ico", bytes: 4_000, ttlSeconds: nil),
    ]
    /// Calls to the counter API per page view (the classic site makes one).
    public var apiCallsPerView = 1
    /// Whether the browser sends an OPTIONS preflight before each API call (cross-origin
    /// POST with a JSON body does; a simple GET does not).
    public var corsPreflight = false
  }

  public struct CDN: Sendable, Equatable {
    /// Default TTL, 86,400 s (CloudFront CachePolicyConfig docs).
    public var ttlSeconds = 86_400.0
    /// Edge locations the visitors spread over, each with its own cache. (guess)
    public var edgeLocations = 10
    /// Edge processing time to first byte on a hit. (guess)
    public var edgeMs = Distribution.lognormal(median: 3, p99: 15)
    /// Which edge locations serve the distribution (informational: the built-in prices are
    /// North America's and Europe's, the same in every class).
    public var priceClass = PriceClass.all

    public enum PriceClass: String, Sendable, CaseIterable {
      case all = "PriceClass_All"
      case class200 = "PriceClass_200"
      case class100 = "PriceClass_100"
    }
  }

  public struct S3: Sendable, Equatable {
    /// Origin fetch, edge to S3 website endpoint, first byte. (guess; S3 performance guide
    /// quotes 100-200 ms first-byte latency for small objects as an upper range)
    public var originMs = Distribution.lognormal(median: 40, p99: 200)
  }

  public struct APIGateway: Sendable, Equatable {
    /// `functionUrl`: a Lambda Function URL, with no gateway at all (no latency of its own, no
    /// throttle, no charge: Function URLs are free, the function is billed as usual).
    public enum Kind: String, Sendable, CaseIterable { case http, rest, functionUrl }
    public var type = Kind.http
    /// Account throttle, 10,000 rps steady and 5,000 burst per region (API Gateway quotas doc).
    public var rateLimitPerSecond = 10_000.0
    public var burst = 5_000.0
    /// Added latency of the gateway itself; HTTP API p99 under 10 ms (AWS compute blog, HTTP
    /// API GA, 2020).
    public var overheadMs = Distribution.lognormal(median: 4, p99: 9)
    /// What a REST API adds over an HTTP API's `overheadMs`: AWS says HTTP APIs have "up to
    /// 60% lower latency" than REST APIs (AWS compute blog, HTTP APIs GA, March 2020), so a
    /// REST median of about 4 / 0.4 = 10 ms, 6 ms more (a secondary figure: the upper end of
    /// a vendor's claim, not a measurement of ours). Only REST APIs draw it.
    public var restAddedMs = Distribution.lognormal(median: 6, p99: 14)
    /// Bytes of each counter API response (headers and body), billed as data transfer out.
    /// (guess: a small JSON body and a few hundred bytes of headers)
    public var responseBytes = 300
    /// Bytes of access log written to CloudWatch Logs per request; 0: access logging is off
    /// (API Gateway's default).
    public var accessLogBytesPerRequest = 0
    /// Integration timeout: REST 29 s, HTTP API 30 s (API Gateway quotas doc). nil uses these.
    public var integrationTimeoutMs: Double? = nil
    /// A Function URL waits as long as the function may run (its 900 s maximum).
    public var effectiveIntegrationTimeoutMs: Double {
      integrationTimeoutMs ?? (type == .rest ? 29_000 : type == .functionUrl ? 900_000 : 30_000)
    }
  }

  public struct Lambda: Sendable, Equatable {
    public enum Architecture: String, Sendable, CaseIterable {
      // swift-format-ignore: AlwaysUseLowerCamelCase
      // AWS's own spelling, which the scenario file uses.
      case x86_64, arm64
    }
    /// How long an idle environment is kept: fixed, or drawn per idle period.
    public enum IdleTimeout: Sendable, Equatable {
      case fixed(Double)
      case distribution(Distribution)
    }
    public var memoryMB = 128
    public var architecture = Architecture.x86_64
    public var runtime = "python3.12"
    /// Handler time outside the DynamoDB call. (guess: a warm handler doing one UpdateItem
    /// takes 10-30 ms in all at 128 MB, most of it the call)
    public var handlerMs = Distribution.lognormal(median: 3, p99: 15)
    /// Init duration of a cold start. Hello-world python3.12/3.13 at 128 MB: p50 80-86 ms, p99
    /// 110-153 ms (maxday/lambda-perf, Jul-Aug 2026); importing boto3 adds a few hundred ms
    /// (guess; one report: 304 ms).
    public var coldStartMs = Distribution.lognormal(median: 350, p99: 700)
    /// About 10 minutes, measured 2019-2020, not documented by AWS (mikhail.io 2019;
    /// Shahrad et al., ATC 2020).
    public var idleTimeout = IdleTimeout.fixed(600)
    /// Account concurrency, 1,000 per region (Lambda quotas doc).
    public var concurrencyLimit = 1_000
    public var reservedConcurrency: Int? = nil
    public var provisionedConcurrency = 0
    /// Scaling rate: 1,000 new environments per 10 s per function (Lambda scaling doc).
    public var newEnvironmentsPer10Seconds = 1_000.0
    /// Function timeout; Lambda's default is 3 s.
    public var timeoutSeconds = 3.0
    /// DynamoDB UpdateItem calls per invocation (0 for a Lambda-only what-if).
    public var dynamodbCallsPerInvocation = 1
    /// The memory size at which `handlerMs` and `coldStartMs` were measured; nil: `memoryMB`.
    public var measuredAtMemoryMB: Int? = nil
    /// The architecture on which they were measured; nil: `architecture`.
    public var measuredOnArchitecture: Architecture? = nil
    /// Share of `handlerMs` that is CPU work, which scales with the CPU the memory size buys;
    /// the rest (waiting) does not. (guess: outside the DynamoDB call, which is modelled apart,
    /// a counter handler builds, signs and parses one request, which is CPU work)
    public var cpuBoundFraction = 0.8
    /// Share of `coldStartMs` that is CPU work. (guess: a Python init is mostly imports, which
    /// are CPU-bound; but init has been reported to run on two unthrottled vCPUs at any memory
    /// size (bitesizedserverless.com, 2022), which would make the share that scales smaller)
    public var initCpuBoundFraction = 0.5
    /// CPU speed of arm64 relative to x86_64 for this function. (guess: 1, no difference)
    public var arm64SpeedFactor = 1.0
    /// Bytes the function writes to CloudWatch Logs per invocation: Lambda's START, END and
    /// REPORT lines are about 260 bytes (counted from the example in the Lambda developer
    /// guide, "Log and monitor Python Lambda functions"), plus what the handler prints.
    public var logBytesPerInvocation = 260
    /// The concurrency the function may use: reserved if set, else the account's.
    public var effectiveConcurrencyLimit: Int { reservedConcurrency ?? concurrencyLimit }
  }

  public struct DynamoDB: Sendable, Equatable {
    public enum BillingMode: String, Sendable, CaseIterable { case onDemand, provisioned }
    public enum Jitter: String, Sendable, CaseIterable { case none, full, equal }
    public var billingMode = BillingMode.onDemand
    /// Provisioned capacity (ignored on demand); the always-free tier covers 25 WCU + 25 RCU.
    public var writeCapacityUnits = 25.0
    public var readCapacityUnits = 25.0
    /// Unused provisioned capacity kept for bursts: up to 300 s (DynamoDB developer guide).
    public var burstSeconds = 300.0
    /// One partition takes at most 1,000 write units/s (DynamoDB developer guide); the counter
    /// is one item, so this caps the whole table.
    public var partitionWriteUnitsPerSecond = 1_000.0
    /// UpdateItem from Lambda with keep-alive: about 10 ms (theburningmonk.com 2019).
    public var updateItemMs = Distribution.lognormal(median: 8, p99: 25)
    /// Time to receive a ProvisionedThroughputExceededException. (guess)
    public var throttleResponseMs = Distribution.lognormal(median: 5, p99: 15)
    /// botocore's DynamoDB retry policy: 10 attempts, delay 50 ms × 2^(retry−1), no jitter
    /// (botocore data/_retry.json, legacy mode, boto3's default).
    public var maxAttempts = 10
    public var retryBaseMs = 50.0
    public var retryJitter = Jitter.none
    /// Size of the table for storage billing (the one counter item).
    public var storageBytes = 100
    /// Size of the item each UpdateItem writes: a write takes one write unit per started KB
    /// (DynamoDB developer guide, "Read/write capacity mode"). (guess: a counter item is a key
    /// and a number, well under 1 KB)
    public var itemBytes = 100
    /// Write units one UpdateItem takes: one per started KB of the item.
    public var writeUnitsPerWrite: Int { max(1, (itemBytes + 1_023) / 1_024) }
  }

  /// What the browser gives up after.
  public struct Client: Sendable, Equatable {
    /// fetch() has no default timeout; the site's script sets one. (guess)
    public var apiTimeoutMs = 10_000.0
    public var pageTimeoutMs = 30_000.0
  }

  public struct PricingOptions: Sendable, Equatable {
    /// Apply AWS free tiers (Lambda, DynamoDB provisioned 25 WCU/RCU, S3 12-month is not
    /// included) and CloudFront's always-free allowance.
    public var freeTier = true
    /// A pricing file to use instead of the built-in us-east-1 table.
    public var file: String? = nil
    /// Single prices replaced by id, e.g. `{"lambda.requests": 0.25}`.
    public var overrides: [String: Double] = [:]
    /// Length of the billed month: 730 hours, as the AWS Pricing Calculator uses.
    public var monthSeconds = 730.0 * 3_600
  }
}
