import Foundation
import LoadTest

/// Reads live mode's options into a `LiveConfig`.
enum LiveOptions {
  /// `scenarioPath`: `--scenario FILE`, read by the caller (calibration uses it too). Each
  /// option group of `LiveCommand.spec` is read by its own function.
  static func config(_ args: inout Arguments, scenarioPath: String?) throws(CLIError) -> LiveConfig {
    var c = LiveConfig(shape: try shape(args, scenarioPath: scenarioPath))
    try targets(args, into: &c)
    try load(args, into: &c)
    try connections(args, into: &c)
    return c
  }

  static func l<T>(_ body: () throws(LiveError) -> T) throws(CLIError) -> T { try LiveCommand.live(body) }

  /// The schedule: a scenario's arrivals, a closed model, stages or one rate.
  static func shape(_ args: Arguments, scenarioPath: String?) throws(CLIError) -> LoadShape {
    let rate = try args.value("--rate")
    let stages = try args.values("--stage")
    let users = try args.value("--users")
    let think = try args.value("--think")
    let durationText = try args.value("--duration")
    let poisson = args.flag("--poisson")
    let timeScale =
      try args.value("--time-scale").map { (t) throws(CLIError) -> Double in
        guard let k = Double(t), k >= 1, k <= 1e6 else {
          throw .usage("--time-scale: \"\(t)\" is not a number from 1 to 1000000")
        }
        return k
      } ?? 1
    let duration = try durationText.map { (t) throws(CLIError) -> Double in
      guard let d = LoadShape.parseDuration(t), d > 0 else {
        throw .usage("--duration: \"\(t)\" is not a duration such as 30s")
      }
      return d
    }
    let shape: LoadShape
    if let scenarioPath {
      guard users == nil && rate == nil && stages.isEmpty else {
        throw .usage("--scenario gives the schedule: drop --rate, --stage and --users")
      }
      shape = try ScenarioSchedule.shape(path: scenarioPath, timeScale: timeScale, poisson: poisson, duration: duration)
    } else if let users {
      guard rate == nil && stages.isEmpty else {
        throw .usage("--users (closed model) cannot be combined with --rate or --stage")
      }
      guard let n = Int(users), n >= 1, n <= 100_000 else {
        throw .usage("--users: \"\(users)\" is not a whole number from 1 to 100000")
      }
      let thinkSeconds =
        try think.map { (t) throws(CLIError) -> Double in
          guard let d = LoadShape.parseDuration(t), d >= 0 else { throw .usage("--think: \"\(t)\" is not a duration") }
          return d
        } ?? 1
      shape = .closed(users: n, thinkSeconds: thinkSeconds, durationSeconds: duration ?? 30)
    } else if !stages.isEmpty {
      guard rate == nil else { throw .usage("give --rate or --stage, not both") }
      shape = .open(
        stages: try stages.map { (s) throws(CLIError) in try l { () throws(LiveError) in try LoadShape.parseStage(s) }
        }, poisson: poisson)
    } else {
      let r = try l { () throws(LiveError) in try LoadShape.parseRate(rate ?? "10/s", option: "--rate") }
      shape = .open(stages: [.init(seconds: duration ?? 30, rate: r)], poisson: poisson)
    }
    return shape
  }

  /// What each visit requests: the page, its assets, the API call and how it is sent.
  static func targets(_ args: Arguments, into c: inout LiveConfig) throws(CLIError) {
    if let site = try args.value("--site") { c.site = try l { () throws(LiveError) in try Target(parsing: site) } }
    for asset in try args.values("--asset") {
      if asset.contains("://") {
        c.assets.append(try l { () throws(LiveError) in try Target(parsing: asset) })
      } else {
        guard let site = c.site else { throw .usage("--asset \(asset): a relative asset needs --site") }
        c.assets.append(site.with(path: asset))
      }
    }
    if let api = try args.value("--api") { c.api = try l { () throws(LiveError) in try Target(parsing: api) } }
    if let m = try args.value("--method") { c.apiMethod = m.uppercased() }
    c.headers = try headers(args, "--header")
    c.apiHeaders = try headers(args, "--api-header")
    c.userAgent = "visitorsim/\(CLI.version)"
    if let body = try args.value("--body") { c.apiBody = Array(body.utf8) }
    if let type = try args.value("--body-type") {
      guard c.apiBody.count > 0 else { throw .usage("--body-type \(type): there is no --body to label") }
      guard !type.isEmpty, type.allSatisfy({ $0.isASCII && $0 != "\r" && $0 != "\n" }) else {
        throw .usage("--body-type: \"\(type)\" is not a media type")
      }
      // A Content-Type given with --api-header or --header wins, as headers do.
      let given = (c.apiHeaders + c.headers).contains { $0.0.lowercased() == "content-type" }
      if !given { c.apiHeaders.append(("Content-Type", type)) }
    }
    c.coldStartHeader = try args.value("--cold-header")
    c.checks = try args.values("--check").map { (t) throws(CLIError) in
      try LiveCommand.live { () throws(LiveError) in try ResponseCheck(parsing: t) }
    }
    c.corsPreflight = args.flag("--cors-preflight")
    c.followRedirects = !args.flag("--no-follow")
    if let only = try args.value("--only") {
      guard let p = LiveConfig.Parts(rawValue: only), p != .all else {
        throw .usage("--only: \"\(only)\" is not site or api")
      }
      c.parts = p
    }
    switch c.parts {
    case .all: if c.site == nil && c.api == nil { throw .usage("live needs --site and/or --api") }
    case .site: if c.site == nil { throw .usage("--only site needs --site") }
    case .api: if c.api == nil { throw .usage("--only api needs --api") }
    }
    if c.site == nil { c.parts = .api } else if c.api == nil { c.parts = .site }
  }

  /// `NAME: VALUE` pairs of a header option.
  static func headers(_ args: Arguments, _ option: String) throws(CLIError) -> [(String, String)] {
    var out: [(String, String)] = []
    for h in try args.values(option) {
      guard let colon = h.firstIndex(of: ":") else { throw .usage("\(option): \"\(h)\" is not NAME: VALUE") }
      out.append(
        (
          String(h[..<colon]).trimmingCharacters(in: .whitespaces),
          String(h[h.index(after: colon)...]).trimmingCharacters(in: .whitespaces)
        ))
    }
    return out
  }

  /// Limits and the share of the schedule this process runs.
  static func load(_ args: Arguments, into c: inout LiveConfig) throws(CLIError) {
    if let n = try args.value("--max-requests") {
      guard let v = Int(n), v >= 1 else { throw .usage("--max-requests: \"\(n)\" is not a positive whole number") }
      c.maxRequests = v
    }
    if let shard = try args.value("--shard") {
      let parts = shard.split(separator: "/")
      guard parts.count == 2, let i = Int(parts[0]), let n = Int(parts[1]), n >= 1, i >= 1, i <= n else {
        throw .usage("--shard: \"\(shard)\" is not i/N with 1 <= i <= N")
      }
      c.shard = (i - 1, n)
    }
    if let seed = try args.value("--seed") {
      guard let s = UInt64(seed) else { throw .usage("--seed: \"\(seed)\" is not a whole number") }
      c.seed = s
    }
  }

  /// Connections, timeouts, name resolution and TLS.
  static func connections(_ args: Arguments, into c: inout LiveConfig) throws(CLIError) {
    if let n = try args.value("--connections") {
      guard let v = Int(n), v >= 1, v <= 100_000 else {
        throw .usage("--connections: \"\(n)\" is not a whole number from 1 to 100000")
      }
      c.connectionsPerOrigin = v
    }
    c.loops =
      try Int(positive: args.value("--loops"), option: "--loops", max: 256)
      ?? ProcessInfo.processInfo.activeProcessorCount
    c.connectionsPerOrigin = max(1, c.connectionsPerOrigin / c.loops)
    for (option, keyPath) in [
      ("--timeout", \LiveConfig.responseTimeoutMs), ("--connect-timeout", \.connectTimeoutMs),
      ("--tls-timeout", \.tlsTimeoutMs),
    ] {
      if let t = try args.value(option) {
        guard let d = LoadShape.parseDuration(t), d > 0 else {
          throw .usage("\(option): \"\(t)\" is not a duration such as 5s")
        }
        c[keyPath: keyPath] = d * 1_000
      }
    }
    if let t = try args.value("--dns-refresh") {
      guard let d = LoadShape.parseDuration(t), d >= 0 else {
        throw .usage("--dns-refresh: \"\(t)\" is not a duration such as 60s (0 turns it off)")
      }
      c.dnsRefreshSeconds = d
    }
    if let t = try args.value("--transport") {
      guard let transport = LiveConfig.Transport(rawValue: t) else {
        throw .usage("--transport: \"\(t)\" is not native or urlsession")
      }
      c.transport = transport
    }
    c.caFile = try args.value("--cacert")
    c.verifyTLS = !args.flag("--insecure")
  }
}
