import Foundation
import Metrics
import Reporting
import Testing

/// `live --check` against the counter server on 127.0.0.1: checks pass and fail where the
/// responses say they should, a gzip body is read decompressed, headers reach the server, and
/// a threshold on `checks.rate` judges the run.
@Suite(.serialized) struct CheckCLITests {
  func run(_ server: LiveCLITests.Server, _ extra: [String], url: String? = nil) throws -> (
    code: Int32, err: String, report: RunReport?
  ) {
    let out = FileManager.default.temporaryDirectory.appendingPathComponent("checks-\(UUID().uuidString).json").path
    let r = runCLI(
      [
        "live", "--api", url ?? server.url, "--rate", "20/s", "--duration", "1s", "--quiet", "--format", "json",
        "--output", out,
      ]
        + extra)
    let report = (try? Data(contentsOf: URL(fileURLWithPath: out))).flatMap { try? JSONReport.parse($0) }
    return (r.code, r.err, report)
  }

  /// Every 4th answer is a 503 (its body still JSON with a count), bodies gzip-compressed:
  /// the status check fails exactly those, the body and JSON checks read the decompressed body
  /// and pass every time, and `checks.rate>=0.99` is missed (exit 2).
  @Test func checksCountPassesAndFailsOnGzipBodies() throws {
    let server = try LiveCLITests.Server(["--gzip", "--status-every", "4", "--status", "503"])
    let r = try run(
      server,
      [
        "--check", "counterApi.status==200", "--check", #"counterApi.body contains "count""#,
        "--check", "counterApi.json.count>0", "--check", "counterApi.json.count<0", "--threshold", "checks.rate>=0.99",
      ])
    #expect(r.code == 2, "\(r.err)")
    let checks = try #require(r.report?.checks)
    let n = try #require(r.report?.errors.requests)
    #expect(n == 20)
    // A measurement's words beside the old field.
    #expect(r.report?.measuredSeconds != nil && r.report?.measuredSeconds == r.report?.simulatedSeconds)
    let byText = Dictionary(uniqueKeysWithValues: checks.checks.map { ($0.check, $0) })
    #expect(byText["counterApi.status==200"]?.fails == 5 && byText["counterApi.status==200"]?.passes == 15)
    #expect(byText["counterApi.status==200"]?.firstFailure == "got status 503")
    #expect(byText[#"counterApi.body contains "count""#]?.passes == 20)
    #expect(byText["counterApi.json.count>0"]?.passes == 20)
    #expect(byText["counterApi.json.count<0"]?.fails == 20)
    #expect(byText["counterApi.json.count<0"]?.firstFailure?.hasPrefix("got ") == true)
    #expect(abs(checks.rate - 55.0 / 80) < 1e-9)
    #expect(r.err.contains("threshold checks.rate>=0.99") && r.err.contains("MISSED"))
    #expect(r.report?.thresholds?.first?.met == false)
  }

  /// The server echoes the request's headers: `--header` and the defaults arrive as sent, the
  /// echo read back through a check on its (gzip) JSON body.
  @Test func headersArriveAsChecksSee() throws {
    let server = try LiveCLITests.Server(["--gzip"])
    let echo = server.url.replacingOccurrences(of: "/count", with: "/echo")
    let r = try run(
      server,
      [
        "--header", "X-Test: one", "--api-header", "Authorization: Bearer t", "--check",
        #"counterApi.json.headers.x-test == "one""#, "--check", #"counterApi.json.headers.authorization == "Bearer t""#,
        "--check", #"counterApi.json.headers.accept-encoding == "gzip""#, "--check",
        #"counterApi.json.headers.user-agent contains "visitorsim/""#, "--threshold", "checks.rate>=1",
      ], url: echo)
    #expect(r.code == 0, "\(r.err)")
    let checks = try #require(r.report?.checks)
    #expect(checks.fails == 0 && checks.passes == 80, "\(checks)")
  }

  /// A redirect's hop carries the request as a browser changes it: on the same origin every
  /// header; after a 303 a GET without the body or its Content-Type; on the way to another
  /// origin (a second server, 302 to its echo) the user's headers but not Authorization,
  /// Cookie or Host, and the new origin's own Host.
  @Test func redirectsCarryHeadersAsBrowsersDo() throws {
    let server = try LiveCLITests.Server()
    let base = server.url.replacingOccurrences(of: "/count", with: "")
    let userHeaders = [
      "--header", "X-Test: one", "--api-header", "Authorization: Bearer t", "--header", "Cookie: a=1",
    ]

    let same = try failures(
      run(
        server,
        userHeaders + [
          "--check", #"counterApi.json.headers.authorization == "Bearer t""#, "--check",
          #"counterApi.json.headers.x-test == "one""#, "--check", #"counterApi.json.headers.cookie == "a=1""#,
        ], url: base + "/to-echo"))
    #expect(same.values.allSatisfy { $0.fails == 0 }, "\(same)")

    let seeOther = try failures(
      run(
        server,
        [
          "--method", "POST", "--body", "{\"a\": 1}", "--body-type", "application/x-test", "--check",
          #"counterApi.json.method == "GET""#, "--check", "counterApi.json.bodyBytes==0", "--check",
          #"counterApi.json.headers.content-type == "application/x-test""#,
        ], url: base + "/see-other"))
    #expect(seeOther[#"counterApi.json.method == "GET""#]?.fails == 0)
    #expect(seeOther["counterApi.json.bodyBytes==0"]?.fails == 0)
    #expect(seeOther[#"counterApi.json.headers.content-type == "application/x-test""#]?.fails == 20)

    let away = try LiveCLITests.Server(
      ["--mode", "redirect-away", "--location", base + "/echo"], script: "misbehaving_server.py")
    let host = String(base.dropFirst("http://".count))
    let crossed = try failures(
      run(
        away,
        userHeaders + [
          "--header", "Host: example.test", "--check", #"counterApi.json.headers.x-test == "one""#, "--check",
          #"counterApi.json.headers.host == "\#(host)""#, "--check",
          #"counterApi.json.headers.authorization == "Bearer t""#, "--check",
          #"counterApi.json.headers.cookie == "a=1""#,
        ]))
    #expect(crossed[#"counterApi.json.headers.x-test == "one""#]?.fails == 0)
    #expect(crossed[#"counterApi.json.headers.host == "\#(host)""#]?.fails == 0, "\(crossed)")
    #expect(
      crossed[#"counterApi.json.headers.authorization == "Bearer t""#]?.firstFailure
        == "no authorization in the JSON body")
    #expect(crossed[#"counterApi.json.headers.cookie == "a=1""#]?.firstFailure == "no cookie in the JSON body")
  }

  /// A run's checks by their text; the run had no errors.
  func failures(_ r: (code: Int32, err: String, report: RunReport?)) throws -> [String: CheckStats.Check] {
    let checks = try #require(r.report?.checks, "\(r.err)")
    #expect(r.report?.errors.total == 0, "\(r.report?.live?.errorExamples ?? [:])")
    return Dictionary(uniqueKeysWithValues: checks.checks.map { ($0.check, $0) })
  }

  /// Wrong checks are refused before anything is sent (exit 64), naming the check.
  @Test func badChecksAreRefusedBeforeTheRun() throws {
    let server = try LiveCLITests.Server()
    for (check, said) in [
      ("counterAPI.status==200", "is not a stage"), ("counterApi.header==1", "is not a subject"),
      ("counterApi.status contains 2", "status is a number"), ("counterApi.body>3", "the body is text"),
      ("counterApi.json.count", "no operator"), ("page.status==200", "sends no page request"),
      ("counterApi.json..a==1", "empty key"),
    ] {
      let r = try run(server, ["--check", check])
      #expect(r.code == 64, "\(check): \(r.err)")
      #expect(r.err.contains("--check \"\(check)\"") && r.err.contains(said), "\(check): \(r.err)")
    }
    let noChecks = try run(server, ["--threshold", "checks.rate>=0.99"])
    #expect(noChecks.code == 64 && noChecks.err.contains("checks.rate needs a --check"), "\(noChecks.err)")
  }
}
