import SimKernel

extension ScenarioField {
  /// Every scenario field, in the order the decoder reads them (and errors are found).
  public static let all: [ScenarioField] =
    top + workload + network + dns + page + cdn + s3 + apiGateway + lambda
    + dynamodb + client + pricing

  typealias L = ScenarioLimits

  static let top: [ScenarioField] = [
    .field(
      "$schema", .custom(CustomFields.schemaReference), "the JSON Schema this file follows (ignored when read)",
      default: "none"),
    .field("name", .string(\.name), "what the scenario is", default: "\"baseline\""),
    .field("description", .string(\.description), "which question it answers", default: "\"\""),
    .field(
      "notes", .custom(CustomFields.notes),
      "where the values came from: lines written by calibration and the imports (from-logs), kept, not simulated",
      default: "[]"),
    .field("seed", .custom(CustomFields.seed), "random seed (0 to 2^64-1)", default: "1"),
    .field(
      "duration", .duration(\.durationSeconds, Bounds(min: 0.001, max: 400 * 86_400)), unit: "s",
      "measured window (a number of seconds or \"7d\", \"90m\", ...)", default: "\"7d\""),
    .field(
      "warmup", .duration(\.warmupSeconds, Bounds(min: 0, max: 400 * 86_400)), unit: "s",
      "simulated first and discarded", default: "\"1h\""),
  ]

  static let workload: [ScenarioField] = [
    .choice(
      "workload.arrivals.process", \.workload.process,
      "\"poisson\", \"constant\" (evenly spaced, first at t = 0) or \"trace\"", default: "\"poisson\""),
    .field(
      "workload.arrivals.visitsPerSecond", .custom(CustomFields.rate), unit: "visits",
      "base rate: one of visitsPerSecond, visitsPerDay, visitsPerMonth (a month is pricing.month)",
      default: "300 a day"),
    .field(
      "workload.arrivals.traceFile", .custom(CustomFields.traceFile),
      "for \"trace\": a CSV whose first column is a timestamp per visit (seconds or ISO 8601), relative to the scenario's folder",
      default: "none"),
    .field(
      "workload.diurnal", .custom(CustomFields.diurnal),
      "daily cycle: rate x (1 + amplitude cos(2 pi (hour - peak) / 24)); null for a steady rate (a trace has none)",
      default: "{\"amplitude\": 0.6, \"peakHourUTC\": 15} (the baseline's)"),
    .field(
      "workload.spikes", .custom(CustomFields.spikes),
      "flash crowds [{\"start\": \"2d\", \"rampUp\": \"10m\", \"hold\": \"3h\", \"rampDown\": \"1h\", \"multiplier\": 100}]; \"visitsPerSecond\": 50 instead of a multiplier holds that rate exactly; overlapping spikes take the highest rate",
      default: "[]"),
    .field(
      "workload.returningVisitorFraction", .number(\.workload.returningVisitorFraction, Bounds(min: 0, max: 1)),
      "visits whose browser cache still holds the assets (they fetch the HTML only)", source: "guess",
      default: "0.2"),
    .choice(
      "workload.parts", \.workload.parts, "\"all\", \"site\" (page and assets only) or \"api\" (API calls only)",
      default: "\"all\""),
  ]

  static let network: [ScenarioField] = [
    .field(
      "network.rttMs", .distribution(\.network.rttMs), unit: "ms",
      "browser to edge and to API Gateway round trip", source: "guess", default: "lognormal 25 / p99 120"),
    .field(
      "network.handshakeRoundTrips", .integer(\.network.handshakeRoundTrips, Bounds(min: 0, max: 10)),
      "round trips to open a connection (TCP + TLS 1.3)", default: "2"),
    .field(
      "network.bandwidthMbps",
      .number(\.network.bandwidthMbps, Bounds(min: L.bandwidthMbps.lowerBound, max: L.bandwidthMbps.upperBound)),
      unit: "Mbps", "visitor download bandwidth", source: "guess", default: "50"),
  ]

  static let dns: [ScenarioField] = [
    .field(
      "dns.ttlSeconds", .number(\.dns.ttlSeconds, Bounds(min: 0, max: L.longestTtlSeconds)), unit: "s",
      "record TTL", source: "Route 53 developer guide: alias records to CloudFront answer with 60 s", default: "60"),
    .field(
      "dns.resolvers", .integer(\.dns.resolvers, Bounds(min: 1, max: 1_000_000)),
      "caching resolvers the visitors spread over", source: "guess", default: "50"),
    .field(
      "dns.cachedMs", .distribution(\.dns.cachedMs), unit: "ms", "answer from a resolver's cache",
      source: "guess", default: "lognormal 4 / p99 40"),
    .field(
      "dns.lookupMs", .distribution(\.dns.lookupMs), unit: "ms", "a resolver asking Route 53 (cache miss)",
      source: "guess", default: "lognormal 30 / p99 150"),
    .field("dns.aliasRecords", .bool(\.dns.aliasRecords), "alias records: Route 53 queries are free", default: "true"),
  ]

  static let page: [ScenarioField] = [
    .field(
      "page.htmlBytes", .integer(\.page.htmlBytes, Bounds(min: 0, max: Double(1 << 34))), unit: "bytes",
      "the HTML document", default: "6000"),
    .field(
      "page.htmlTtlSeconds", .optionalNumber(\.page.htmlTtlSeconds, Bounds(min: 0, max: L.longestTtlSeconds)),
      unit: "s", "the HTML's edge TTL (null: cdn.ttlSeconds)", default: "null"),
    .field(
      "page.assets", .custom(CustomFields.assets),
      "[{\"name\": \"style.css\", \"bytes\": 9000, \"ttlSeconds\": 3600}], fetched in parallel after the HTML",
      source: "public cloud-resume-challenge repositories: 5-20 objects, 10-300 KB", default: "4 assets, 100 KB"),
    .field(
      "page.apiCallsPerView", .integer(\.page.apiCallsPerView, Bounds(min: 0, max: 100)),
      "counter API calls per page view", default: "1"),
    .field(
      "page.corsPreflight", .bool(\.page.corsPreflight), "an OPTIONS preflight before each API call",
      default: "false"),
  ]

  static let cdn: [ScenarioField] = [
    .field(
      "cdn.ttlSeconds", .number(\.cdn.ttlSeconds, Bounds(min: 0, max: L.longestTtlSeconds)), unit: "s",
      "default edge TTL", source: "CloudFront CachePolicyConfig docs", default: "86400"),
    .field(
      "cdn.edgeLocations", .integer(\.cdn.edgeLocations, Bounds(min: 1, max: 10_000)),
      "edges the visitors spread over, each with its own cache", source: "guess", default: "10"),
    .field(
      "cdn.edgeMs", .distribution(\.cdn.edgeMs), unit: "ms", "edge time to first byte on a hit", source: "guess",
      default: "lognormal 3 / p99 15"),
    .choice(
      "cdn.priceClass", \.cdn.priceClass,
      "which edges serve the site (informational: the built-in prices are the same in every class)",
      default: "\"PriceClass_All\""),
  ]

  static let s3: [ScenarioField] = [
    .field(
      "s3.originMs", .distribution(\.s3.originMs), unit: "ms", "origin fetch from the S3 website endpoint",
      source: "guess (S3 performance guide: 100-200 ms first byte as an upper range)",
      default: "lognormal 40 / p99 200")
  ]

  static let apiGateway: [ScenarioField] = [
    .choice(
      "apiGateway.type", \.apiGateway.type, aliases: ["HTTP": .http, "REST": .rest, "function_url": .functionUrl],
      "\"http\", \"rest\" or \"functionUrl\" (a Lambda Function URL: no gateway latency, throttle or charge)",
      default: "\"http\""),
    .field(
      "apiGateway.rateLimitPerSecond",
      .number(\.apiGateway.rateLimitPerSecond, Bounds(min: 0, max: 1e9, exclusiveMin: true)), unit: "requests/s",
      "the account's steady throttle", source: "API Gateway quotas doc", default: "10000"),
    .field(
      "apiGateway.burst", .number(\.apiGateway.burst, Bounds(min: 1, max: 1e9)), unit: "requests",
      "the account's burst", source: "API Gateway quotas doc", default: "5000"),
    .field(
      "apiGateway.overheadMs", .distribution(\.apiGateway.overheadMs), unit: "ms", "the gateway's added latency",
      source: "AWS compute blog, HTTP API GA 2020: p99 under 10 ms", default: "lognormal 4 / p99 9"),
    .field(
      "apiGateway.restAddedMs", .distribution(\.apiGateway.restAddedMs), unit: "ms",
      "what a REST API adds over overheadMs (only type rest draws it)",
      source: "AWS compute blog, HTTP API GA 2020: HTTP APIs up to 60% lower latency (secondary: a vendor's upper end)",
      default: "lognormal 6 / p99 14"),
    .field(
      "apiGateway.integrationTimeoutMs",
      .optionalNumber(\.apiGateway.integrationTimeoutMs, Bounds(min: 50, max: 30_000)), unit: "ms",
      "integration timeout (null: 30 s for HTTP, 29 s for REST)", source: "API Gateway quotas doc", default: "null"),
    .field(
      "apiGateway.responseBytes", .integer(\.apiGateway.responseBytes, Bounds(min: 0, max: Double(10 << 20))),
      unit: "bytes",
      "each counter response (headers and body): billed as data transfer out; an HTTP API counts one request per started 512 KB",
      source: "guess", default: "300"),
    .field(
      "apiGateway.accessLogBytesPerRequest",
      .integer(\.apiGateway.accessLogBytesPerRequest, Bounds(min: 0, max: Double(1 << 20))), unit: "bytes",
      "access log written to CloudWatch Logs per request; 0: access logging off (API Gateway's default)",
      default: "0"),
  ]

  static let lambda: [ScenarioField] = [
    .field(
      "lambda.memoryMB", .integer(\.lambda.memoryMB, Bounds(min: 128, max: 10_240)), unit: "MB",
      "memory size; CPU is proportional to it (one vCPU at 1,769 MB)", source: "Lambda's default", default: "128"),
    .choice(
      "lambda.architecture", \.lambda.architecture, aliases: Scenario.Lambda.architectureAliases,
      "\"x86_64\" or \"arm64\" (prices differ)", source: "Lambda's default", default: "\"x86_64\""),
    .field("lambda.runtime", .string(\.lambda.runtime), "informational", default: "\"python3.12\""),
    .field(
      "lambda.handlerMs", .distribution(\.lambda.handlerMs), unit: "ms",
      "handler time outside the DynamoDB call, as measured at measuredAtMemoryMB", source: "guess",
      default: "lognormal 3 / p99 15"),
    .field(
      "lambda.coldStartMs", .distribution(\.lambda.coldStartMs), unit: "ms",
      "init duration of a cold start, as measured at measuredAtMemoryMB",
      source: "maxday/lambda-perf 2026: hello-world Python p50 80-86 ms; boto3 import adds a few hundred (guess)",
      default: "lognormal 350 / p99 700"),
    .field(
      "lambda.idleTimeoutSeconds", .custom(CustomFields.idleTimeout), unit: "s",
      "idle environment reclaimed after this; a number or a distribution",
      source: "mikhail.io 2019; Shahrad et al., ATC 2020 (not documented by AWS)", default: "600"),
    .field(
      "lambda.concurrencyLimit", .integer(\.lambda.concurrencyLimit, Bounds(min: 1, max: 10_000_000)),
      "account concurrency", source: "Lambda quotas doc", default: "1000"),
    .field(
      "lambda.reservedConcurrency", .optionalInteger(\.lambda.reservedConcurrency, Bounds(min: 0, max: 10_000_000)),
      "the function's own limit (null: none)", default: "null"),
    .field(
      "lambda.provisionedConcurrency", .integer(\.lambda.provisionedConcurrency, Bounds(min: 0, max: 10_000_000)),
      "environments kept initialised", default: "0"),
    .field(
      "lambda.newEnvironmentsPer10Seconds",
      .number(\.lambda.newEnvironmentsPer10Seconds, Bounds(min: 0, max: 1e9, exclusiveMin: true)),
      "scaling rate", source: "Lambda scaling doc", default: "1000"),
    .field(
      "lambda.timeoutSeconds", .number(\.lambda.timeoutSeconds, Bounds(min: 0.001, max: 900)), unit: "s",
      "function timeout", source: "Lambda's default", default: "3"),
    .field(
      "lambda.dynamodbCallsPerInvocation", .integer(\.lambda.dynamodbCallsPerInvocation, Bounds(min: 0, max: 100)),
      "UpdateItem calls per invocation (0 for a Lambda-only what-if)", default: "1"),
    .field(
      "lambda.measuredAtMemoryMB", .optionalInteger(\.lambda.measuredAtMemoryMB, Bounds(min: 128, max: 10_240)),
      unit: "MB",
      "where handlerMs and coldStartMs were measured (null: the file's own memoryMB, so --set and --vary of it scale the times)",
      default: "null"),
    .field(
      "lambda.measuredOnArchitecture", .custom(CustomFields.measuredOnArchitecture),
      "the architecture they were measured on (null: the file's own architecture)", default: "null"),
    .field(
      "lambda.cpuBoundFraction", .number(\.lambda.cpuBoundFraction, Bounds(min: 0, max: 1)),
      "share of handlerMs that is CPU work and scales with memory",
      source: "guess: building, signing and parsing one request",
      default: "0.8"),
    .field(
      "lambda.initCpuBoundFraction", .number(\.lambda.initCpuBoundFraction, Bounds(min: 0, max: 1)),
      "share of coldStartMs that scales with memory",
      source:
        "guess: imports are CPU work, but init has been reported to get two unthrottled vCPUs (bitesizedserverless.com)",
      default: "0.5"),
    .field(
      "lambda.arm64SpeedFactor", .number(\.lambda.arm64SpeedFactor, Bounds(min: 0.1, max: 10)),
      "CPU speed of arm64 relative to x86_64", source: "guess: no difference", default: "1"),
    .field(
      "lambda.logBytesPerInvocation", .integer(\.lambda.logBytesPerInvocation, Bounds(min: 0, max: Double(1 << 30))),
      unit: "bytes",
      "written to CloudWatch Logs per invocation: START, END and REPORT lines plus what the handler prints",
      source: "counted from the Lambda developer guide's example", default: "260"),
  ]

  static let dynamodb: [ScenarioField] = [
    .choice(
      "dynamodb.billingMode", \.dynamodb.billingMode,
      aliases: ["PAY_PER_REQUEST": .onDemand, "on-demand": .onDemand, "PROVISIONED": .provisioned],
      "\"onDemand\" or \"provisioned\" (also PAY_PER_REQUEST, PROVISIONED)", default: "\"onDemand\""),
    .field(
      "dynamodb.writeCapacityUnits", .number(\.dynamodb.writeCapacityUnits, Bounds(min: 1, max: 40_000)),
      unit: "WCU", "provisioned write capacity", default: "25"),
    .field(
      "dynamodb.readCapacityUnits", .number(\.dynamodb.readCapacityUnits, Bounds(min: 1, max: 40_000)),
      unit: "RCU", "provisioned read capacity", default: "25"),
    .field(
      "dynamodb.burstSeconds", .number(\.dynamodb.burstSeconds, Bounds(min: 0, max: 300)), unit: "s",
      "unused provisioned capacity kept for bursts", source: "DynamoDB developer guide", default: "300"),
    .field(
      "dynamodb.partitionWriteUnitsPerSecond",
      .number(\.dynamodb.partitionWriteUnitsPerSecond, Bounds(min: 0, max: 1e9, exclusiveMin: true)),
      unit: "WCU/s", "the hot counter item's partition limit", source: "DynamoDB developer guide", default: "1000"),
    .field(
      "dynamodb.updateItemMs", .distribution(\.dynamodb.updateItemMs), unit: "ms", "one UpdateItem from Lambda",
      source: "theburningmonk.com 2019: about 10 ms", default: "lognormal 8 / p99 25"),
    .field(
      "dynamodb.throttleResponseMs", .distribution(\.dynamodb.throttleResponseMs), unit: "ms",
      "time to receive a throttling error", source: "guess", default: "lognormal 5 / p99 15"),
    .field(
      "dynamodb.maxAttempts", .integer(\.dynamodb.maxAttempts, Bounds(min: 1, max: 100)), "SDK attempts per call",
      source: "botocore data/_retry.json, legacy mode", default: "10"),
    .field(
      "dynamodb.retryBaseMs", .number(\.dynamodb.retryBaseMs, Bounds(min: 0, max: L.largestLatencyMs)), unit: "ms",
      "retry delay base: base x 2^(retry-1)", source: "botocore data/_retry.json", default: "50"),
    .choice(
      "dynamodb.retryJitter", \.dynamodb.retryJitter, "\"none\", \"full\" or \"equal\"",
      source: "botocore: no jitter", default: "\"none\""),
    .field(
      "dynamodb.storageBytes", .integer(\.dynamodb.storageBytes, Bounds(min: 0, max: Double(1 << 50))),
      unit: "bytes", "table size, for storage billing", default: "100"),
    .field(
      "dynamodb.itemBytes", .integer(\.dynamodb.itemBytes, Bounds(min: 1, max: 400 * 1_024)), unit: "bytes",
      "the item each UpdateItem writes: one write unit per started KB, billed and counted against capacity",
      source: "guess", default: "100"),
  ]

  static let client: [ScenarioField] = [
    .field(
      "client.apiTimeoutMs",
      .number(\.client.apiTimeoutMs, Bounds(min: 0, max: L.largestLatencyMs, exclusiveMin: true)), unit: "ms",
      "when the page's script gives up on the API", source: "guess", default: "10000"),
    .field(
      "client.pageTimeoutMs",
      .number(\.client.pageTimeoutMs, Bounds(min: 0, max: L.largestLatencyMs, exclusiveMin: true)), unit: "ms",
      "when the browser gives up on the page", source: "guess", default: "30000"),
  ]

  static let pricing: [ScenarioField] = [
    .field(
      "pricing.freeTier", .bool(\.pricing.freeTier), "apply always-free allowances and the Lambda free tier",
      default: "true"),
    .field(
      "pricing.file", .custom(CustomFields.pricingFile),
      "another pricing file (relative to the scenario's folder)", default: "null"),
    .field(
      "pricing.overrides", .custom(CustomFields.priceOverrides),
      "single prices by id: {\"lambda.requests\": 0.25} (see visitorsim prices)", default: "{}"),
    .field(
      "pricing.month", .duration(\.pricing.monthSeconds, Bounds(min: 1, max: L.longestMonthSeconds)), unit: "s",
      "length of the billed month; visitsPerMonth is per it; fixed items and free allowances are prorated to it against 730 hours",
      source: "AWS Pricing Calculator: 730 hours", default: "\"730h\""),
  ]
}
