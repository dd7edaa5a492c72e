/// How a live run was made: enough to rebuild its exact schedule of intended visit starts and
/// to simulate the same workload (`visitorsim predict`), and to read the report later.
public struct LiveSettings: Codable, Sendable, Equatable {
  /// One part of an open schedule: ramp to `rate` visits/s over `seconds` (the first stage
  /// starts at its own rate).
  public struct Stage: Codable, Sendable, Equatable {
    public var seconds: Double
    public var rate: Double
    public init(seconds: Double, rate: Double) {
      self.seconds = seconds
      self.rate = rate
    }
  }

  public var version: String
  /// When the run started, ISO 8601 in UTC.
  public var startedAtUTC: String
  /// The command line as typed (after `visitorsim`).
  public var commandLine: [String]
  /// "open" (intended starts from a schedule) or "closed" (users with think time).
  public var model: String
  /// The open model's stages (a scenario's arrivals become stages too), Poisson or evenly
  /// spaced starts and the seed of the Poisson draws.
  public var stages: [Stage]
  public var poisson: Bool
  public var seed: UInt64
  /// The closed model's users and think time.
  public var users: Int?
  public var thinkSeconds: Double?
  public var durationSeconds: Double
  /// This process's share of the schedule: visits whose index is `shardIndex` modulo
  /// `shardCount` (0-based).
  public var shardIndex: Int
  public var shardCount: Int
  /// "all", "site" or "api"; the targets; the API call's method and whether a CORS
  /// preflight preceded it.
  public var parts: String
  public var site: String?
  public var assets: [String]
  public var api: String?
  public var apiMethod: String
  public var corsPreflight: Bool
  /// The response header in which the function marked its cold starts, if one was given.
  public var coldStartHeader: String?
  /// Event loops, keep-alive connections per origin per loop, the request cap (0: none).
  public var loops: Int
  public var connectionsPerOrigin: Int
  public var maxRequests: Int
  public var connectTimeoutMs: Double
  public var tlsTimeoutMs: Double
  public var responseTimeoutMs: Double
  /// The cores the generating machine offered the run (nil in reports of older versions).
  public var cores: Int?

  public init(
    version: String, startedAtUTC: String, commandLine: [String], model: String, stages: [Stage], poisson: Bool,
    seed: UInt64, users: Int?, thinkSeconds: Double?, durationSeconds: Double, shardIndex: Int, shardCount: Int,
    parts: String, site: String?, assets: [String], api: String?, apiMethod: String, corsPreflight: Bool, loops: Int,
    connectionsPerOrigin: Int, maxRequests: Int, connectTimeoutMs: Double, tlsTimeoutMs: Double,
    responseTimeoutMs: Double
  ) {
    self.version = version
    self.startedAtUTC = startedAtUTC
    self.commandLine = commandLine
    self.model = model
    self.stages = stages
    self.poisson = poisson
    self.seed = seed
    self.users = users
    self.thinkSeconds = thinkSeconds
    self.durationSeconds = durationSeconds
    self.shardIndex = shardIndex
    self.shardCount = shardCount
    self.parts = parts
    self.site = site
    self.assets = assets
    self.api = api
    self.apiMethod = apiMethod
    self.corsPreflight = corsPreflight
    self.loops = loops
    self.connectionsPerOrigin = connectionsPerOrigin
    self.maxRequests = maxRequests
    self.connectTimeoutMs = connectTimeoutMs
    self.tlsTimeoutMs = tlsTimeoutMs
    self.responseTimeoutMs = responseTimeoutMs
  }
}
