import Dispatch
import Foundation
import Metrics
import Pricing
import Reporting
import ScenarioModel
import Simulation
import WhatIf

/// `visitorsim bench [--quick] [--format text|json]`: simulator speed and memory.
///
/// Cases: (a) the baseline scenario scaled to 100 million visits in a 730-hour month: one
/// simulation on one thread, the same simulation with its site and API parts on two threads
/// (the same report), the month as consecutive segments on every core, and the same traffic as
/// one replication per core (aggregate throughput); (b) SimFaaS's documented Lambda-only case
/// over 1e6 s. Reports wall time, visits and events per second, and the
/// process's peak resident memory after each case (it must not grow with the visit count).
enum BenchCommand {
  static let spec = CommandSpec(
    name: "bench", arguments: "", maxPositionals: 0,
    summary: "simulator speed and memory (use a release build)",
    discussion: """
      A 100-million-visit month on one core, on two (the site and API parts), as segments and as
      replications, and SimFaaS's Lambda-only case; peak memory after each.
      """,
    groups: [
      OptionGroup(title: "Bench", options: [.flag("--quick", "10 million visits instead of 100 million")]),
      .output(formats: [.text, .json]),
    ],
    examples: ["swift run -c release visitorsim bench --quick"],
    run: { (args, console) throws(CLIError) in try run(&args, console: console) })

  struct Result: Codable {
    var name: String
    var threads: Int
    var visits: UInt64
    var events: UInt64
    var wallSeconds: Double
    var visitsPerSecond: Double
    var eventsPerSecond: Double
    var eventsPerSecondPerCore: Double
    var peakMemoryMB: Double
    var check: String
  }

  static func run(_ args: inout Arguments, console: Console) throws(CLIError) {
    let quick = args.flag("--quick")
    let format = try OutputFormat.parse(try args.value("--format"))
    _ = try args.positionals(max: 0)
    #if DEBUG
      console.err(
        "visitorsim bench: this is a debug build; run `swift run -c release visitorsim bench` for real figures")
    #endif
    let cores = ProcessInfo.processInfo.activeProcessorCount
    let monthVisits = quick ? 10_000_000.0 : 100_000_000.0
    var month = try ScenarioLoading.load(path: nil, sets: [], seed: nil)
    month.workload.visitsPerSecond = monthVisits / month.pricing.monthSeconds
    month.durationSeconds = month.pricing.monthSeconds
    month.warmupSeconds = 3_600
    var simfaas: Scenario
    do { simfaas = try Scenario.load(json: BuiltinScenario.simfaasJSON) } catch {
      throw .failure("embedded SimFaaS case: \(error)")
    }
    if quick { simfaas.durationSeconds = 100_000 }

    var results: [Result] = []
    let label = quick ? "10M" : "100M"
    results.append(measure("baseline, \(label) visits in a 730-hour month, 1 thread", month, replications: 1))
    console.err("bench: \(results.last!.name) done in \(String(format: "%.1f", results.last!.wallSeconds)) s")
    if cores >= 2 {
      results.append(
        measure("baseline, \(label) visits in a 730-hour month, parts on 2 threads", [month], partsInParallel: true))
      results[results.count - 1].check =
        "one simulation, its site and API parts on two threads: the same report as on one"
      console.err("bench: \(results.last!.name) done in \(String(format: "%.1f", results.last!.wallSeconds)) s")
    }
    results.append(
      measure(
        "baseline, \(label) visits in a 730-hour month, \(cores) segments",
        SimulationRun.segmentScenarios(month, segments: cores)))
    results[results.count - 1].check =
      "one month simulated as \(cores) consecutive parts in parallel (simulate --segments)"
    console.err("bench: \(results.last!.name) done in \(String(format: "%.1f", results.last!.wallSeconds)) s")
    var perCore = month
    perCore.workload.visitsPerSecond /= Double(cores)
    results.append(measure("baseline, \(label) visits split over \(cores) replications", perCore, replications: cores))
    console.err("bench: \(results.last!.name) done in \(String(format: "%.1f", results.last!.wallSeconds)) s")
    var sim = measure("SimFaaS case, \(format0(simfaas.durationSeconds)) s", simfaas, replications: 1)
    let report = { () -> RunReport in
      var v = VisitorSimulation(simfaas)
      return v.run()
    }()
    if let l = report.lambda {
      sim.check = String(
        format:
          "cold-start probability %.5f (SimFaaS README: 0.0014), mean instances %.3f (7.6612), busy %.3f (1.7879)",
        l.coldStartRatio, l.meanInstances, l.meanBusyInstances)
    }
    results.append(sim)

    switch format {
    case .json, .csv, .html, .markdown:
      do { console.out(try JSONReport.render(results)) } catch { throw .failure("cannot encode the results: \(error)") }
    case .text:
      console.out(render(results, cores: cores))
    }
  }

  /// Runs `replications` copies of `scenario` (seeds seed, seed+1, ...) on as many cores.
  static func measure(_ name: String, _ scenario: Scenario, replications: Int) -> Result {
    measure(
      name,
      (0..<replications).map { i in
        var s = scenario
        s.seed &+= UInt64(i)
        return s
      })
  }

  /// Runs the scenarios in parallel, one per core (two with `partsInParallel`), and times them
  /// together.
  static func measure(_ name: String, _ scenarios: [Scenario], partsInParallel: Bool = false) -> Result {
    let replications = scenarios.count
    let threads = partsInParallel ? 2 * replications : replications
    let start = DispatchTime.now().uptimeNanoseconds
    let visits = Counter()
    let events = Counter()
    DispatchQueue.concurrentPerform(iterations: replications) { i in
      var sim = VisitorSimulation(scenarios[i])
      let r = sim.run(parallel: partsInParallel)
      visits.add(r.visits)
      events.add(sim.eventsProcessed)
    }
    let wall = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
    return Result(
      name: name, threads: threads, visits: visits.value, events: events.value, wallSeconds: wall,
      visitsPerSecond: Double(visits.value) / wall, eventsPerSecond: Double(events.value) / wall,
      eventsPerSecondPerCore: Double(events.value) / wall / Double(threads), peakMemoryMB: peakMemoryMB(), check: "")
  }

  static func peakMemoryMB() -> Double {
    var usage = rusage()
    getrusage(RUSAGE_SELF.rawValue, &usage)
    return Double(usage.ru_maxrss) / 1024  // Linux reports kilobytes
  }

  static func render(_ results: [Result], cores: Int) -> String {
    var out = "visitorsim bench (\(cores) cores)\n"
    out +=
      "case                                                 threads        visits        events   wall s     visits/s   events/s/core  peak MB\n"
    for r in results {
      out += r.name.padding(toLength: 54, withPad: " ", startingAt: 0)
      // Counts with separators, as everywhere a person reads them.
      func col(_ x: Double, _ width: Int) -> String {
        let t = NumberText.grouped(x.rounded(), decimals: 0)
        return String(repeating: " ", count: max(1, width - t.count)) + t
      }
      out += String(format: " %5d", r.threads) + col(Double(r.visits), 14) + col(Double(r.events), 14)
      out += String(format: " %8.2f", r.wallSeconds) + col(r.visitsPerSecond, 13) + col(r.eventsPerSecondPerCore, 16)
      out += String(format: " %8.1f\n", r.peakMemoryMB)
      if !r.check.isEmpty { out += "    \(r.check)\n" }
    }
    return out
  }

  static func format0(_ x: Double) -> String { String(format: "%.0f", x) }
}
