import Foundation
import Metrics
import ScenarioModel

/// Prices the traffic a run measured: every billable dimension of the site, scaled to a month.
///
/// Counts come from the report (so throttles, retries, cold starts and spikes are in the bill);
/// fixed monthly items (hosted zone, storage, provisioned capacity) are counted once. Each line
/// item is rounded to the cent, service totals add their line items, and the total adds the
/// services, so a bill can be checked by hand.
public enum CostModel {
  /// Bytes in a billed GB (AWS bills data transfer and storage in GiB).
  public static let bytesPerGB = 1_073_741_824.0
  /// AWS's month: 730 hours (the AWS Pricing Calculator's). Fixed monthly items and monthly
  /// free allowances are prorated to `pricing.month` against it.
  public static let awsMonthSeconds = 730.0 * 3_600
  /// HTTP API requests are metered in 512 KB increments (aws.amazon.com/api-gateway/pricing).
  public static let httpAPIMeteringBytes = 512 * 1_024

  /// What is billed: a month at the window's traffic, or the window alone.
  struct Period {
    /// Multiplies every measured count.
    var factor: Double
    /// Length of the period, in seconds: fixed items and provisioned capacity run this long.
    var seconds: Double
    /// The share of AWS's 730-hour month of monthly free allowances the period gets.
    var freeShare: Double
    var freeTier: Bool
    var hours: Double { seconds / 3_600 }
    /// Fixed monthly items (hosted zone, storage, certificate) prorated to the period.
    var fixedShare: Double { seconds / CostModel.awsMonthSeconds }
  }

  public static func bill(_ report: RunReport, scenario: Scenario, prices: PriceTable) throws(ScenarioError)
    -> CostReport
  {
    let monthSeconds = scenario.pricing.monthSeconds
    let monthShare = monthSeconds / awsMonthSeconds
    // Measured time from the report: replications merged into one report measured N windows.
    let factor = monthSeconds / report.simulatedSeconds
    let freeTier = scenario.pricing.freeTier
    let month = try charges(
      report, scenario: scenario, prices: prices,
      Period(factor: factor, seconds: monthSeconds, freeShare: monthShare, freeTier: freeTier))
    let monthly = totals(month.items)
    let grand = monthly.total
    let cdnRequests = month.cdnRequests
    let cdnGB = month.cdnGB
    let monthlyVisits = Double(report.visits) * factor
    // Flat-rate plans replace CloudFront, so they are compared only when there is CloudFront traffic.
    let alternatives: [CostAlternative] =
      cdnRequests > 0
      ? prices.plans.map { plan in
        let fits = cdnRequests <= plan.requests && cdnGB <= plan.dataOutGB
        return CostAlternative(
          name: plan.name, replacesService: CostService.cloudfront.rawValue, monthly: plan.usdPerMonth, fits: fits,
          note:
            "\(count(plan.requests)) requests and \(count(plan.dataOutGB)) GB a month; bundles WAF, DDoS protection and Route 53 DNS; no overage charges (AWS may throttle past the allowance)"
        )
      } : []
    var cost = CostReport(
      currency: prices.currency, monthly: monthly,
      perThousandVisits: monthlyVisits > 0 ? monthly.usage / monthlyVisits * 1_000 : 0,
      yearly: cents(grand * 8_760 * 3_600 / monthSeconds),
      lineItems: month.items, scaling: scaling(scenario, measuredSeconds: report.simulatedSeconds, factor: factor),
      freeTier: freeTier,
      pricing: PricingProvenance(region: prices.region, file: prices.file, asOf: prices.asOf),
      alternatives: alternatives)
    cost.lambdaGBSeconds = month.lambdaGBSeconds
    let monthBare =
      freeTier
      ? try charges(
        report, scenario: scenario, prices: prices,
        Period(factor: factor, seconds: monthSeconds, freeShare: monthShare, freeTier: false)).items : month.items
    cost.monthlyWithoutFreeTier = monthBare.reduce(0) { $0 + $1.amount }
    // The window alone: its traffic counted once (a merged report of N replications holds N
    // windows), fixed items prorated to it, the month's free allowances whole (as if the
    // window were the month's only traffic), and the same without any free tier.
    let windowSeconds = scenario.durationSeconds
    let perWindow = report.simulatedSeconds > 0 ? windowSeconds / report.simulatedSeconds : 0
    let window = try charges(
      report, scenario: scenario, prices: prices,
      Period(factor: perWindow, seconds: windowSeconds, freeShare: monthShare, freeTier: freeTier))
    let bare = try charges(
      report, scenario: scenario, prices: prices,
      Period(factor: perWindow, seconds: windowSeconds, freeShare: monthShare, freeTier: false))
    cost.window = WindowCost(
      seconds: windowSeconds, monthFactor: monthSeconds / max(windowSeconds, 1e-9), byService: totals(window.items),
      withoutFreeTier: totals(bare.items).total)
    return cost
  }

  /// Service totals and the grand total of a period's line items.
  static func totals(_ items: [CostLineItem]) -> MonthlyCost {
    func total(_ items: [CostLineItem]) -> Double { cents(items.reduce(0) { $0 + $1.amount }) }
    func total(_ service: CostService) -> Double { total(items.filter { $0.service == service.rawValue }) }
    let grand = cents(CostService.allCases.reduce(0) { $0 + total($1) })
    let fixed = total(items.filter(\.fixed))
    return MonthlyCost(
      route53: total(.route53), cloudfront: total(.cloudfront), s3: total(.s3), apiGateway: total(.apiGateway),
      lambda: total(.lambda), dynamodb: total(.dynamodb), cloudwatch: total(.cloudwatch), total: grand,
      fixed: fixed, usage: cents(grand - fixed))
  }

  /// Every billable dimension of the site over `period`.
  static func charges(_ report: RunReport, scenario: Scenario, prices: PriceTable, _ period: Period)
    throws(ScenarioError) -> (items: [CostLineItem], cdnRequests: Double, cdnGB: Double, lambdaGBSeconds: Double)
  {
    var b = Biller(prices: prices, freeTier: period.freeTier, hours: period.hours, freeShare: period.freeShare)
    let factor = period.factor
    let memoryGB = Double(scenario.lambda.memoryMB) / 1_024
    let arch = scenario.lambda.architecture.rawValue

    // Route 53: one hosted zone; queries that reached it (free for alias records).
    try b.charge("route53.hostedZone", period.fixedShare, fixed: true)
    if let dns = report.dns {
      try b.charge(
        scenario.dns.aliasRecords ? "route53.aliasQueries" : "route53.queries", Double(dns.route53Queries) * factor)
    }
    // CloudFront: bytes to browsers and HTTPS requests.
    var cdnRequests = 0.0
    var cdnGB = 0.0
    if let cdn = report.cdn {
      cdnGB = Double(cdn.bytesOut) * factor / bytesPerGB
      cdnRequests = Double(cdn.requests) * factor
      try b.charge("cloudfront.dataOut", cdnGB)
      try b.charge("cloudfront.httpsRequests", cdnRequests)
      // S3: origin fetches (free transfer to CloudFront) and the site's storage.
      try b.charge("s3.getRequests", Double(cdn.originFetches) * factor)
    }
    let siteBytes = Double(scenario.page.htmlBytes + scenario.page.assets.reduce(0) { $0 + $1.bytes })
    try b.charge("s3.storage", siteBytes / bytesPerGB * period.fixedShare, fixed: true)
    // API Gateway: requests it accepted (throttled 429s are not billed: assumption, see
    // README), an HTTP API's in 512 KB steps of the response; the responses' bytes out.
    var accessLogGB = 0.0
    // A Function URL has no gateway: no request charge, but its responses leave Lambda as
    // data transfer out at EC2 rates (aws.amazon.com/lambda/pricing).
    if let api = report.apiGateway, scenario.apiGateway.type == .functionUrl {
      let answered = Double(api.requests - api.throttled) * factor
      try b.charge("lambda.functionUrlDataOut", answered * Double(scenario.apiGateway.responseBytes) / bytesPerGB)
    }
    if let api = report.apiGateway, scenario.apiGateway.type != .functionUrl {
      let accepted = Double(api.requests - api.throttled) * factor
      let gateway = scenario.apiGateway
      let steps =
        gateway.type == .http
        ? Double(max(1, (gateway.responseBytes + httpAPIMeteringBytes - 1) / httpAPIMeteringBytes)) : 1
      try b.charge("apiGateway.\(gateway.type.rawValue).requests", accepted * steps)
      try b.charge("apiGateway.dataOut", accepted * Double(gateway.responseBytes) / bytesPerGB)
      accessLogGB = Double(api.requests) * factor * Double(gateway.accessLogBytesPerRequest) / bytesPerGB
    }
    // Lambda: requests, billed duration (init included), provisioned concurrency. A function
    // with provisioned concurrency gets no free tier (aws.amazon.com/lambda/pricing).
    var lambdaLogGB = 0.0
    var gbSeconds = 0.0
    if let l = report.lambda {
      let free = scenario.lambda.provisionedConcurrency == 0
      gbSeconds = Double(l.billedDurationMs) / 1_000 * memoryGB * factor
      try b.charge("lambda.requests", Double(l.invocations) * factor, freeTierApplies: free)
      try b.charge("lambda.duration.\(arch)", gbSeconds, freeTierApplies: free)
      if scenario.lambda.provisionedConcurrency > 0 {
        try b.charge(
          "lambda.provisionedConcurrency.\(arch)",
          Double(scenario.lambda.provisionedConcurrency) * memoryGB * period.seconds, fixed: true)
        let provisioned = Double(l.provisionedBilledDurationMs) / 1_000 * memoryGB * factor
        gbSeconds += provisioned
        try b.charge("lambda.provisionedDuration.\(arch)", provisioned)
      }
      lambdaLogGB = Double(l.invocations) * factor * Double(scenario.lambda.logBytesPerInvocation) / bytesPerGB
    }
    // DynamoDB: write units per successful UpdateItem (one per started KB of the item), or
    // provisioned capacity by the hour.
    switch scenario.dynamodb.billingMode {
    case .onDemand:
      try b.charge(
        "dynamodb.onDemand.writes",
        Double(report.dynamodb?.writes ?? 0) * Double(scenario.dynamodb.writeUnitsPerWrite) * factor)
    case .provisioned:
      try b.charge("dynamodb.provisioned.wcuHours", scenario.dynamodb.writeCapacityUnits * period.hours, fixed: true)
      try b.charge("dynamodb.provisioned.rcuHours", scenario.dynamodb.readCapacityUnits * period.hours, fixed: true)
    }
    try b.charge("dynamodb.storage", Double(scenario.dynamodb.storageBytes) / bytesPerGB * period.fixedShare, fixed: true)
    // CloudWatch Logs: what the function (and API access logging, when on) writes, kept a month.
    try b.charge("cloudwatch.lambdaLogs.ingestion", lambdaLogGB)
    try b.charge("cloudwatch.logs.ingestion", accessLogGB)
    try b.charge("cloudwatch.logs.storage", lambdaLogGB + accessLogGB)
    try b.charge("acm.publicCertificate", period.fixedShare, fixed: true)
    return (b.items, cdnRequests, cdnGB, gbSeconds)
  }

  /// How the window became a month, and why that may be wrong.
  static func scaling(_ s: Scenario, measuredSeconds: Double, factor: Double) -> CostScaling {
    let window = measuredSeconds
    let method =
      "counts measured over \(NumberText.grouped(window)) s (after \(NumberText.grouped(s.warmupSeconds)) s of warm-up) multiplied by \(String(format: "%.4f", factor)) to a \(format(s.pricing.monthSeconds / 3_600))-hour month; hosted zone, storage and provisioned capacity counted once a month\(abs(s.pricing.monthSeconds - awsMonthSeconds) > 0.5 ? ", prorated with the free allowances to \(format(s.pricing.monthSeconds / 3_600)) of AWS's 730 hours" : "")"
    var warnings: [String] = []
    let start = s.warmupSeconds
    let end = start + s.durationSeconds
    let spikesInWindow = s.workload.spikes.filter { spike in
      let spikeEnd = spike.startSeconds + spike.rampUpSeconds + spike.holdSeconds + spike.rampDownSeconds
      return (spike.multiplier != 1 || spike.visitsPerSecond != nil) && spike.startSeconds < end && spikeEnd > start
    }
    if !spikesInWindow.isEmpty && abs(factor - 1) > 1e-9 {
      warnings.append(
        "the measured window holds \(spikesInWindow.count) spike(s) and the month is \(String(format: "%.2f", factor)) such windows, so the bill repeats the spike \(String(format: "%.2f", factor)) times; simulate the whole month (duration \"\(format(s.pricing.monthSeconds / 3_600))h\") to bill one spike"
      )
    }
    if s.workload.diurnal != nil && s.durationSeconds.truncatingRemainder(dividingBy: 86_400) != 0 && factor > 1 {
      warnings.append(
        "the measured window (\(format(window)) s) is not a whole number of days, so scaling over- or under-counts part of the daily cycle"
      )
    }
    return CostScaling(
      monthSeconds: s.pricing.monthSeconds, measuredSeconds: window, factor: factor, method: method,
      warning: warnings.isEmpty ? nil : warnings.joined(separator: "; "))
  }

  static func cents(_ x: Double) -> Double { (x * 100).rounded() / 100 }
  static func dollars(_ x: Double) -> String { String(format: "$%.2f", x) }
  static func count(_ x: Double) -> String {
    x >= 1e6 && x.truncatingRemainder(dividingBy: 1e6) == 0 ? "\(format(x / 1e6))M" : NumberText.grouped(x)
  }
}
