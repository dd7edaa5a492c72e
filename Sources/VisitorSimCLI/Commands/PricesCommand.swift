import Foundation
import Pricing
import Reporting
import ScenarioModel
import Simulation
import WhatIf

/// `visitorsim prices [--file PRICING.json] [--set PATH=VALUE]...`: prints the price table in use.
enum PricesCommand {
  static let spec = CommandSpec(
    name: "prices", arguments: "[FILE]", maxPositionals: 1,
    summary: "the price table in use, with sources and dates",
    discussion: """
      Prints the built-in us-east-1 table, or the one a scenario names (pricing.file) with its
      pricing.overrides applied, or a pricing file given with --file.
      """,
    groups: [
      OptionGroup(
        title: "Prices",
        options: [
          .option("--file", "PRICING.json", "a pricing file to print instead"),
          OptionGroup.scenario.options[0],
        ]),
      .output(formats: [.text, .json]),
    ],
    examples: ["visitorsim prices", "visitorsim prices Scenarios/baseline.json"],
    run: { (args, console) throws(CLIError) in try run(&args, console: console) })

  static func run(_ args: inout Arguments, console: Console) throws(CLIError) {
    let file = try args.value("--file")
    let sets = try args.values("--set")
    let scenarioPath = try args.positionals(max: 1).first
    var table: PriceTable
    if let file {
      table = try PriceLoading.load(path: file)
    } else {
      let scenario = try ScenarioLoading.load(path: scenarioPath, sets: sets, seed: nil)
      table = try PriceLoading.load(for: scenario, scenarioPath: scenarioPath)
    }
    let format = try OutputFormat.parse(try args.value("--format"), allowed: [.text, .json])
    let output = try args.value("--output")
    switch format {
    case .json:
      let data: Data
      do { data = try JSONReport.render(PriceDocument(table)) } catch {
        throw .failure("cannot encode the price table")
      }
      try Output.send(data, to: output, console: console)
    default:
      try Output.send(Data(PriceListText.render(table).utf8), to: output, console: console)
    }
  }
}

/// The price table as JSON (`prices --format json`): every price with its tiers, free
/// allowance, source and the date it was read, and the flat-rate plans.
struct PriceDocument: Encodable {
  struct Tier: Encodable {
    var upTo: Double?
    var usd: Double
  }
  struct Price: Encodable {
    var id, service, description, unit: String
    var per: Double
    var tiers: [Tier]
    var free, freePerHour: Double
    var source, read: String
  }
  struct Plan: Encodable {
    var id, name: String
    var usdPerMonth, requests, dataOutGB: Double
    var source, read: String
  }
  var region, currency, asOf, file: String
  var prices: [Price]
  var plans: [Plan]

  init(_ t: PriceTable) {
    region = t.region
    currency = t.currency
    asOf = t.asOf
    file = t.file
    prices = t.prices.map {
      Price(
        id: $0.id, service: $0.service, description: $0.description, unit: $0.unit, per: $0.per,
        tiers: $0.tiers.map { Tier(upTo: $0.upTo, usd: $0.usd) }, free: $0.free, freePerHour: $0.freePerHour,
        source: $0.source, read: $0.read)
    }
    plans = t.plans.map {
      Plan(
        id: $0.id, name: $0.name, usdPerMonth: $0.usdPerMonth, requests: $0.requests, dataOutGB: $0.dataOutGB,
        source: $0.source, read: $0.read)
    }
  }
}
