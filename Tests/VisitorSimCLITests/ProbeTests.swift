import Foundation
import Metrics
import Reporting
import Testing

@testable import VisitorSimCLI

/// `visitorsim probe` against the Lambda-like bench (`lambda_bench.py`): its idle timeout (2 s)
/// is long against the warm calls' spacing, its init only shows in calls after a quiet gap or
/// in bursts, and no cold-start header is read: everything is found from the calls' timing.
@Suite(.serialized) struct ProbeTests {
  @Test func thePlanIsPrintedAndBoundedBeforeAnythingIsSent() {
    let r = runCLI([
      "probe", "--api", "http://127.0.0.1:9/count", "--budget-requests", "500", "--max-duration", "2m", "--dry-run",
    ])
    #expect(r.code == 0, "\(r.err)")
    #expect(r.out.contains("dry run: nothing sent"))
    #expect(r.out.contains("probe plan: at most"))
    for phase in ["warm", "idleLadder", "bursts"] { #expect(r.out.contains(". \(phase):"), "\(phase): \(r.out)") }
    #expect(!r.out.contains("limitRamp"), "the ramp only with --probe-limit")
    #expect(r.out.contains("estimated AWS cost: under $0.01"))
    // The plan's requests fit the budget.
    let head = r.out.split(separator: "\n").first { $0.hasPrefix("probe plan:") } ?? ""
    let words = head.split(separator: " ")
    let n = words.firstIndex(of: "most").map { Int(words[$0 + 1]) ?? .max } ?? .max
    #expect(n <= 500, "\(head)")
  }

  @Test func theLimitRampNeedsYesOffThisMachine() {
    let r = runCLI(["probe", "--api", "http://192.0.2.1/count", "--probe-limit", "--max-duration", "1m"])
    #expect(r.code == 64, "\(r.err)")
  }

  @Test func theIdleTimeoutAndTheInitAreFoundFromOutside() throws {
    let server = try LiveCLITests.Server(
      ["--idle-timeout", "2", "--init-ms", "300", "--handler-ms", "10", "--concurrency", "20"], script: "lambda_bench.py")
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("probe-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: dir) }
    let out = dir.appendingPathComponent("calibrated.json").path
    let report = dir.appendingPathComponent("probe.json").path
    // The site: nginx's cache (TTL 2 s: nginx keeps a copy until the whole second after, so 2
    // to 3 s) in front of an origin, marking hits and misses with X-Cache.
    let origin = try LiveCLITests.Server(["--latency-ms", "5"])
    let originPort = origin.url.split(separator: ":").last!.split(separator: "/").first!
    let edge = try LiveCLITests.Server(["--origin", String(originPort), "--ttl", "2"], script: "edge_cache.py")
    let site = edge.url.replacingOccurrences(of: "/count", with: "/index.html")
    let r = runCLI([
      "probe", "--api", server.url, "--site", site, "--budget-requests", "300", "--max-duration", "90s",
      "--max-concurrency", "5", "--output", out, "--report", report,
    ])
    #expect(r.code == 0, "\(r.err)")
    // The plan comes first, before any measurement is reported.
    let planAt = r.err.range(of: "probe plan:")?.lowerBound
    let firstCall = r.err.range(of: "idle ladder: after")?.lowerBound
    #expect(planAt != nil && firstCall != nil && planAt! < firstCall!, "\(r.err)")
    // Within its budget.
    let measured = try JSONReport.parse(Data(contentsOf: URL(fileURLWithPath: report)))
    #expect(measured.errors.requests + (measured.live?.requestsCutOff ?? 0) <= 300)
    // The idle timeout: bounded both ways around the truth, from calls on both sides.
    let doc = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: out))) as! [String: Any]
    let lambda = try #require(doc["lambda"] as? [String: Any])
    let idle = try #require(lambda["idleTimeoutSeconds"] as? Double, "\(r.err)")
    #expect(idle > 1.5 && idle < 2.8, "idle timeout \(idle); \(r.err)")
    // The init: fitted from the bursts' cold calls (the bench's init is 300 ms plus imports).
    let cold = try #require(lambda["coldStartMs"] as? [String: Any], "\(r.err)")
    let median = try #require(cold["median"] as? Double)
    #expect(median > 200 && median < 600, "cold start median \(median)")
    #expect(r.err.contains("found: idle timeout: warm after"))
    // The edge TTL: hits and misses told by X-Cache, and the bounds hold the truth (2 to 3 s).
    #expect(r.err.contains("edge TTL: hit after") || r.err.contains("edge TTL: miss after"), "\(r.err)")
    let ttlLine = try #require(r.err.split(separator: "\n").first { $0.hasPrefix("probe: found: edge TTL:") })
    #expect(!ttlLine.contains("no X-Cache") && !ttlLine.contains("no miss was seen"), "\(ttlLine)")
    // "between 2.08 s and 2.84 s", or "at most 2.84 s, at least 2.08 s": every bound said
    // must hold the truth (a hit 2 s after a miss is possible, a miss before 2 s is not).
    let bounds = ttlLine.split(separator: " ").compactMap { Double($0) }
    #expect(!bounds.isEmpty && bounds.allSatisfy { $0 > 1.9 && $0 < 3.2 }, "\(ttlLine)")
    if let cdn = doc["cdn"] as? [String: Any], let ttl = cdn["ttlSeconds"] as? Double, ttl != 86_400 {
      #expect(ttl >= 1.9 && ttl <= 3.2, "edge TTL \(ttl); \(ttlLine)")
    }
  }
}
