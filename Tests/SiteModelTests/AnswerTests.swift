import Foundation
import Metrics
import Pricing
import ScenarioModel
import Simulation
import Testing
import WhatIf

/// The site owner's questions, asked directly, and what each answer rests on (issue 24).
@Suite struct AnswerTests {
  static let prices = PriceTable.builtin()

  static func baseline() throws -> Scenario {
    try Scenario.load(json: BuiltinScenario.baselineJSON)
  }

  /// "Will my site hold 50 visits/s for an hour, and what will that hour cost?" (10 minutes
  /// here to keep the debug build quick; the arithmetic is the same).
  @Test func willTheSiteHoldFiftyVisitsASecondAndWhatDoesThePeakCost() throws {
    let s = try Self.baseline().withPeak(visitsPerSecond: 50, seconds: 600, atSeconds: nil)
    #expect(s.durationSeconds == 600)
    let r = try SimulationRun.execute(s, prices: Self.prices)
    let w = try #require(r.workload)
    // The peak the model reaches is the one asked for, whatever the daily cycle says.
    #expect(w.peakVisitsPerSecond == 50)
    // Poisson visits: 30,000 expected, sd 173; the busiest of 10 minutes about 3,000 + 2 sd.
    #expect(abs(Double(r.visits) - 30_000) < 4 * 173)
    #expect(w.busiestMinuteVisits > 3_000 && w.busiestMinuteVisits < 3_000 + 5 * 55)
    // Each bucket's p99 says how many calls it rests on: together, every counter call but the
    // few that visits begun just before the window's end made after it (no bucket holds them).
    let calls = try #require(r.timeSeries?.series[CountSeries.counterApiCalls.rawValue]).reduce(0, +)
    let all = try #require(r.latencyMs["counterApi"]?.count)
    #expect(calls <= all && calls + 50 >= all, "\(calls) of \(all)")
    // The window's bill by hand: every CloudFront, Lambda and log line falls under the
    // month's free allowances, so what is paid is the HTTP API's requests ($1.00 per
    // million) and DynamoDB's write units ($0.625 per million), each rounded to the cent.
    let cost = try #require(r.cost)
    let window = try #require(cost.window)
    let api = try #require(r.apiGateway)
    let writes = try #require(r.dynamodb).writes
    let gateway = (Double(api.requests - api.throttled) * 1.00 / 1e6 * 100).rounded() / 100
    let dynamo = (Double(writes) * 0.625 / 1e6 * 100).rounded() / 100
    #expect(window.byService.apiGateway == gateway)
    #expect(window.byService.dynamodb == dynamo)
    #expect(window.byService.cloudfront == 0 && window.byService.lambda == 0)
    #expect(abs(window.total - (gateway + dynamo)) < 0.011, "the hosted zone prorated to 10 minutes is under a cent")
    // The month is 4,380 such windows: the free tier no longer covers it.
    #expect(abs(window.monthFactor - 4_380) < 1e-9)
    #expect(cost.monthly.total > window.total * 1_000)
    #expect(window.withoutFreeTier > window.total)
  }

  /// A spike given as an absolute peak holds that rate exactly on top of a daily cycle, and
  /// ramps from the cycle's rate to it.
  @Test func anAbsoluteSpikeHoldsItsRateWhateverTheDailyCycleSays() throws {
    var w = try Self.baseline().workload
    w.spikes = [
      Scenario.Spike(
        startSeconds: 3_600, rampUpSeconds: 100, holdSeconds: 600, rampDownSeconds: 100, multiplier: 1,
        visitsPerSecond: 40)
    ]
    #expect(w.rate(atSeconds: 3_600 + 100 + 300).perSecond == 40)
    let before = w.rate(atSeconds: 3_599).perSecond
    let midRamp = w.rate(atSeconds: 3_650).perSecond
    #expect(midRamp > before && midRamp < 40)
    let peak = try #require(w.peakRate(from: 0, to: 86_400))
    #expect(peak.perSecond == 40)
    #expect(peak.atSeconds == 3_700)
    // Scaling the load scales the absolute peak with it (a sweep's 2x is twice the traffic).
    w.scaleLoad(by: 2)
    #expect(w.rate(atSeconds: 4_000).perSecond == 80)
  }

  /// "Which part fails?": a throttled API fails most counter calls while the whole-visit
  /// rate, diluted by the static files, looks small.
  @Test func whichPartFailsTheCounterApiNotTheStaticFiles() {
    let s = labScenario { s in
      s.warmupSeconds = 0
      s.durationSeconds = 60
      s.workload.visitsPerSecond = 50
      s.apiGateway.rateLimitPerSecond = 5
      s.apiGateway.burst = 5
    }
    let r = simulate(s)
    let api = try! #require(r.errors.counterApi)
    let site = try! #require(r.errors.site)
    // A token bucket of 5/s against Poisson 50/s passes about 5 a second: 90% refused.
    #expect(abs(api.rate - 0.9) < 0.02, "\(api.rate)")
    #expect(site.total == 0 && site.requests > 0)
    #expect(api.requests + site.requests == r.errors.requests)
    #expect(r.errors.rate < api.rate / 3, "the whole-visit rate divides by every request")
    #expect(r.metric("counterApi.errors.rate") == api.rate)
    #expect(r.metric("site.errors.rate") == 0)
    // Every kind the simulator counts is present, 0 where none happened.
    for kind in ErrorKind.allCases { #expect(r.errors.byKind[kind.name] != nil, "\(kind.name)") }
    #expect(r.metric("errors.byKind.lambdaTimeout") == 0)
  }

  /// Every figure the table says a simulation has is read from a simulated report.
  @Test func everySimulatedFigureIsProducedByASimulation() throws {
    var s = try Self.baseline()
    s.warmupSeconds = 0
    s.durationSeconds = 600
    s.workload.visitsPerSecond = 2
    let r = try SimulationRun.execute(s, prices: Self.prices)
    for f in FigureTable.all where f.runs.includes(.simulate) {
      #expect(f.read(r) != nil, "\(f.name) is declared for simulations but the report lacks it")
    }
    for f in FigureTable.all where !f.runs.includes(.simulate) && !f.name.hasPrefix("errors.byKind.") {
      #expect(f.read(r) == nil, "\(f.name) is declared live-only but a simulation has it")
    }
  }

  /// Objective names are checked against the table, with a suggestion for a near miss.
  @Test func aTypoInAnObjectiveIsCaughtWithASuggestion() {
    #expect(throws: ObjectiveError.self) { try FigureTable.check("counterapi.p99", for: .simulate) }
    do {
      _ = try FigureTable.check("counterapi.p99", for: .simulate)
    } catch {
      #expect(error.description.contains("did you mean counterApi.p99?"))
    }
    do {
      _ = try FigureTable.check("checks.rate", for: .simulate)
      Issue.record("checks.rate is live-only")
    } catch {
      #expect(error.description.contains("live figure"))
    }
    #expect((try? FigureTable.check("latencyMs.counterApi.p99", for: .live))?.name == "counterApi.p99")
  }
}

/// Each library scenario's description quotes rates and figures: they hold in what it
/// simulates (the model's rates, without a run).
@Suite struct ScenarioDescriptionTests {
  static func load(_ name: String) throws -> Scenario {
    let url = ScenarioTests.repoRoot.appendingPathComponent("Scenarios/\(name).json")
    return try Scenario.load(json: String(contentsOf: url, encoding: .utf8))
  }

  /// Mean visits per second over the measured window, by integrating the model's rate.
  static func meanRate(_ s: Scenario) -> Double {
    var t = s.warmupSeconds
    let end = s.warmupSeconds + s.durationSeconds
    var visits = 0.0
    while t < end {
      let (r, until) = s.workload.rate(atSeconds: t)
      let next = min(until, end)
      visits += r * (next - t)
      t = next
    }
    return visits / s.durationSeconds
  }

  static func peak(_ s: Scenario) -> Double {
    s.workload.peakRate(from: s.warmupSeconds, to: s.warmupSeconds + s.durationSeconds)!.perSecond
  }

  static func description(_ s: Scenario) throws -> String {
    let url = ScenarioTests.repoRoot.appendingPathComponent("Scenarios/\(s.name).json")
    let json = try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as! [String: Any]
    return json["description"] as! String
  }

  @Test func hackerNewsPeaksAtTheFiftyVisitsASecondItQuotes() throws {
    let s = try Self.load("hacker-news-spike")
    #expect(try Self.description(s).contains("50 visits/s"))
    #expect(Self.peak(s) == 50)
    #expect(abs(s.workload.visitsPerSecond * 86_400 - 300) < 1e-6, "a normal day of 300 visits")
  }

  @Test func theBaselineHasAFewHundredVisitsADay() throws {
    let s = try Self.load("baseline")
    #expect(try Self.description(s).contains("a few hundred visits a day"))
    let perDay = Self.meanRate(s) * 86_400
    #expect(perDay >= 100 && perDay < 1_000, "\(perDay)")
  }

  @Test func theBotStormSendsTwoThousandRequestsASecondForAnHour() throws {
    let s = try Self.load("bot-storm")
    #expect(try Self.description(s).contains("2,000 requests/s for an hour"))
    #expect(Self.peak(s) == 2_000)
    #expect(s.durationSeconds == 3_600)
    #expect(s.workload.parts == .api)
  }

  @Test(arguments: [("viral-month", 5e6), ("rest-vs-http-api", 1e6), ("arm64-vs-x86", 1e6)])
  func monthlyVisitsAreAsQuoted(name: String, visits: Double) throws {
    let s = try Self.load(name)
    let month = Self.meanRate(s) * s.pricing.monthSeconds
    #expect(abs(month / visits - 1) < 0.02, "\(name): \(month) visits a month")
  }

  @Test func theProvisionedTableSpikeReachesAboutFiftyFiveWritesASecond() throws {
    let s = try Self.load("dynamodb-provisioned")
    #expect(try Self.description(s).contains("about 55 writes/s"))
    #expect(abs(s.workload.visitsPerSecond * 86_400 - 20_000) < 1, "20,000 visits a day")
    // One counter write per visit at the spike's peak.
    let peak = Self.peak(s) * Double(s.page.apiCallsPerView)
    #expect(peak > 45 && peak < 65, "\(peak)")
  }
}

/// "Is a file that sets one field the baseline with that field changed?" It is: the built-in
/// defaults are the baseline's values (daily cycle included).
@Suite struct DefaultsAreTheBaselineTests {
  @Test func aOneFieldFileIsTheBaselineWithThatFieldChanged() throws {
    let one = try Scenario.load(json: #"{"lambda": {"memoryMB": 256}}"#)
    var baseline = try Scenario.load(json: BuiltinScenario.baselineJSON, overrides: ["lambda.memoryMB=256"])
    baseline.description = one.description
    baseline.lambda.measuredAtMemoryMB = one.lambda.measuredAtMemoryMB
    #expect(one == baseline)
    #expect(one.workload.diurnal?.amplitude == 0.6 && one.workload.diurnal?.peakHourUTC == 15)
    // A steady rate is said as such.
    #expect(try Scenario.load(json: #"{"workload": {"diurnal": null}}"#).workload.diurnal == nil)
  }
}

/// "Which memory size, and which API?" The sweep shows the Lambda line memory changes, and the
/// design choices change latency as the sources say (issue 24).
@Suite struct DesignChoiceTests {
  static let json = """
    {"name": "memory", "seed": 5, "duration": "2h", "warmup": "5m",
     "workload": {"arrivals": {"visitsPerSecond": 2}, "diurnal": null}}
    """

  @Test func whichMemorySizeShowsTheLambdaLineMemoryChanges() throws {
    let sweep = try Sweep(varying: ["lambda.memoryMB=128,1024"])
    final class Seen: @unchecked Sendable {
      // @unchecked: `done` is only touched under `lock`.
      let lock = NSLock()
      var done: [Int] = []
    }
    let seen = Seen()
    let r = try sweep.run(
      json: Self.json, overrides: [], prices: .builtin(), replications: 1,
      progress: { n, total in
        seen.lock.lock()
        seen.done.append(n)
        seen.lock.unlock()
        #expect(total == 2)
      })
    let done = seen.done
    let gbs = try #require(r.metrics.firstIndex(of: "cost.lambdaGBSeconds"))
    let lambda = try #require(r.metrics.firstIndex(of: "cost.monthly.lambda"))
    #expect(r.metrics.contains("cost.monthly.route53") && r.metrics.contains("counterApi.errors.rate"))
    let small = try #require(r.points[0].metrics[gbs])
    let large = try #require(r.points[1].metrics[gbs])
    // 8 times the memory for a handler whose CPU-bound share speeds up: more GB-seconds, not 8x.
    #expect(large > small * 2 && large < small * 8, "\(small) -> \(large)")
    #expect(r.points[1].metrics[lambda]! >= r.points[0].metrics[lambda]!)
    // Progress is said as each point finishes.
    #expect(done.count == 2 && done.max() == 2, "\(done)")
  }

  @Test func aRESTAPIAddsLatencyOverAnHTTPAPIAndAFunctionURLPaysForItsBytes() throws {
    func run(_ type: String) throws -> RunReport {
      let s = try Scenario.load(json: Self.json, overrides: ["apiGateway.type=\"\(type)\""])
      return try SimulationRun.execute(s, prices: .builtin())
    }
    let http = try run("http")
    let rest = try run("rest")
    let added = rest.latencyMs["apiGateway"]!.p50 - http.latencyMs["apiGateway"]!.p50
    #expect(abs(added - 6) < 1.5, "REST adds the restAddedMs median (6 ms): \(added)")
    let url = try run("functionUrl")
    let line = url.cost?.lineItems.first { $0.priceId == "lambda.functionUrlDataOut" }
    #expect(line != nil, "a Function URL's responses are data transfer out")
    #expect((line?.quantity ?? 0) > 0)
  }
}
