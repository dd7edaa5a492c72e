/// The default scenario, embedded so that `visitorsim simulate` runs with no file.
///
/// Byte-identical to `Scenarios/baseline.json` (a test checks it): edit both together.
public enum BuiltinScenario {
  public static let baselineJSON = #"""
{
  "name": "baseline",
  "description": "A resume site on a normal week: a few hundred visits a day, CloudFront in front of S3, an HTTP API calling a 128 MB Python Lambda that bumps an on-demand DynamoDB counter. Answers: what do visitors see on an ordinary day, and what does the site cost a month?",
  "seed": 1,
  "duration": "7d",
  "warmup": "1h",
  "workload": {
    "arrivals": { "process": "poisson", "visitsPerDay": 300 },
    "diurnal": { "amplitude": 0.6, "peakHourUTC": 15 },
    "returningVisitorFraction": 0.2
  },
  "network": {
    "rttMs": { "dist": "lognormal", "median": 25, "p99": 120 },
    "bandwidthMbps": 50
  },
  "dns": {
    "ttlSeconds": 60,
    "resolvers": 50,
    "aliasRecords": true
  },
  "page": {
    "htmlBytes": 6000,
    "assets": [
      { "name": "style.css", "bytes": 9000 },
      { "name": "counter.js", "bytes": 2000 },
      { "name": "photo.jpg", "bytes": 85000 },
      { "name": "favicon.ico", "bytes": 4000 }
    ],
    "apiCallsPerView": 1,
    "corsPreflight": false
  },
  "cdn": {
    "ttlSeconds": 86400,
    "edgeLocations": 10
  },
  "apiGateway": {
    "type": "http"
  },
  "lambda": {
    "memoryMB": 128,
    "architecture": "x86_64",
    "runtime": "python3.12",
    "handlerMs": { "dist": "lognormal", "median": 3, "p99": 15 },
    "coldStartMs": { "dist": "lognormal", "median": 350, "p99": 700 },
    "idleTimeoutSeconds": 600,
    "concurrencyLimit": 1000,
    "reservedConcurrency": null,
    "provisionedConcurrency": 0,
    "timeoutSeconds": 3
  },
  "dynamodb": {
    "billingMode": "onDemand",
    "updateItemMs": { "dist": "lognormal", "median": 8, "p99": 25 }
  },
  "pricing": {
    "freeTier": true
  }
}
"""#

  /// The parsed default scenario.
  public static func baseline() throws(ScenarioError) -> Scenario {
    try Scenario.load(json: baselineJSON)
  }
}
