// swift-tools-version:6.0
import PackageDescription

// One settings array for every target: Swift 6 language mode, strict concurrency.
let swiftSettings: [SwiftSetting] = [
  .enableUpcomingFeature("ExistentialAny")
]
// The live client's hot loop runs on one thread per event loop, touching only its own state:
// release builds skip the runtime's exclusivity checks there (debug builds, which the tests
// run, keep them), a few percent of a closed loop's CPU in perf.
let hotLoopSettings = swiftSettings + [.unsafeFlags(["-enforce-exclusivity=unchecked"], .when(configuration: .release))]

let package = Package(
  name: "visitorsim",
  products: [
    .executable(name: "visitorsim", targets: ["visitorsim"]),
    .library(name: "SimKernel", targets: ["SimKernel"]),
    .library(name: "Metrics", targets: ["Metrics"]),
    .library(name: "ScenarioModel", targets: ["ScenarioModel"]),
    .library(name: "Pricing", targets: ["Pricing"]),
    .library(name: "SiteLogs", targets: ["SiteLogs"]),
    .library(name: "Terraform", targets: ["Terraform"]),
    .library(name: "Simulation", targets: ["Simulation"]),
    .library(name: "WhatIf", targets: ["WhatIf"]),
  ],
  targets: [
    // MARK: Libraries (dependencies point one way: kernel and metrics know nothing of each other;
    // the scenario, its prices, the simulation and the what-if tools form a chain)
    .target(name: "SimKernel", swiftSettings: swiftSettings),
    .target(name: "Metrics", swiftSettings: swiftSettings),
    .target(name: "ScenarioModel", dependencies: ["SimKernel", "Metrics", "InputText"], swiftSettings: swiftSettings),
    .target(name: "Pricing", dependencies: ["ScenarioModel", "Metrics"], swiftSettings: swiftSettings),
    // gzip decompression through the system's zlib: for log files and for response bodies
    // that live mode's checks read.
    .systemLibrary(name: "CZlib", providers: [.apt(["zlib1g-dev"])]),
    .target(name: "Decompression", dependencies: ["CZlib"], swiftSettings: swiftSettings),
    // Every file a user names, read as text within limits (size, line length, gzip inflation)
    // and decoded (UTF-8 with or without a byte-order mark, UTF-16); messages' escaping.
    .target(name: "InputText", dependencies: ["Decompression", "Metrics"], swiftSettings: swiftSettings),
    // The site's own logs (Lambda REPORT lines, CloudFront and API Gateway access logs): read,
    // and written by the simulation.
    .target(name: "SiteLogs", dependencies: ["ScenarioModel", "InputText"], swiftSettings: swiftSettings),
    // The site owner's Terraform: HCL's native syntax and `terraform show -json`, read into
    // scenario fields with where each came from.
    .target(name: "Terraform", dependencies: ["ScenarioModel", "InputText"], swiftSettings: swiftSettings),
    .target(
      name: "Simulation", dependencies: ["ScenarioModel", "Pricing", "SiteLogs", "SimKernel", "Metrics"],
      swiftSettings: swiftSettings),
    .target(
      name: "WhatIf", dependencies: ["Simulation", "SiteLogs", "Pricing", "ScenarioModel", "SimKernel", "Metrics"],
      swiftSettings: swiftSettings),
    .target(name: "Reporting", dependencies: ["Metrics"], swiftSettings: swiftSettings),
    // Live mode: its own HTTP/1.1 client on epoll, TLS from the system's libssl.
    .systemLibrary(name: "COpenSSL", providers: [.apt(["libssl-dev"])]),
    .systemLibrary(name: "CEpoll"),
    // The HTTP client: non-blocking streams over epoll with typed I/O results, TLS, the
    // response parser. Knows nothing of visits or reports.
    .target(name: "HTTPClient", dependencies: ["COpenSSL", "CEpoll"], swiftSettings: hotLoopSettings),
    .target(
      name: "LoadTest", dependencies: ["Metrics", "HTTPClient", "CEpoll", "Decompression"],
      swiftSettings: hotLoopSettings),
    .target(
      name: "VisitorSimCLI",
      dependencies: [
        "Metrics", "ScenarioModel", "Pricing", "SiteLogs", "Terraform", "Simulation", "WhatIf", "Reporting",
        "LoadTest", "InputText",
      ],
      swiftSettings: swiftSettings),

    // MARK: Executable (a few lines that call the CLI)
    .executableTarget(name: "visitorsim", dependencies: ["VisitorSimCLI"], swiftSettings: swiftSettings),

    // MARK: Tests (one target per module)
    .testTarget(name: "SimKernelTests", dependencies: ["SimKernel"], swiftSettings: swiftSettings),
    .testTarget(name: "MetricsTests", dependencies: ["Metrics"], swiftSettings: swiftSettings),
    .testTarget(name: "InputTextTests", dependencies: ["InputText", "Decompression", "Metrics"], swiftSettings: swiftSettings),
    .testTarget(
      name: "SiteModelTests",
      dependencies: ["ScenarioModel", "Pricing", "SiteLogs", "Simulation", "WhatIf", "SimKernel", "Metrics"],
      swiftSettings: swiftSettings),
    .testTarget(
      name: "SiteLogsTests", dependencies: ["SiteLogs", "Decompression"],
      swiftSettings: swiftSettings),
    .testTarget(
      name: "TerraformTests", dependencies: ["Terraform", "ScenarioModel"], exclude: ["Fixtures", "Support"],
      swiftSettings: swiftSettings),
    .testTarget(name: "ReportingTests", dependencies: ["Reporting", "Metrics"], swiftSettings: swiftSettings),
    .testTarget(
      name: "LoadTestTests", dependencies: ["LoadTest", "HTTPClient", "Metrics"],
      exclude: [
        "Support/counter_server.py", "Support/misbehaving_server.py", "Support/lambda_bench.py",
        "Support/edge_cache.py",
      ],
      swiftSettings: swiftSettings),
    .testTarget(
      name: "VisitorSimCLITests",
      dependencies: [
        "VisitorSimCLI", "ScenarioModel", "Pricing", "Simulation", "WhatIf", "SimKernel", "Metrics",
        "Reporting",
        "LoadTest",
      ],
      exclude: ["Snapshots"], swiftSettings: swiftSettings),
  ]
)
