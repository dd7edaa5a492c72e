import Foundation
import Testing

@testable import LoadTest

/// Static files from a real nginx (Debian's, installed by Scripts/test) on 127.0.0.1, over
/// http and https with a certificate the test generates.
@Suite(.serialized) struct NginxTests {
  final class Nginx {
    let process = Process()
    let httpPort: Int
    let httpsPort: Int
    let cert: String

    init() throws {
      let dir = FileManager.default.temporaryDirectory.appendingPathComponent("visitorsim-nginx-\(UUID().uuidString)")
      let www = dir.appendingPathComponent("www")
      try FileManager.default.createDirectory(at: www, withIntermediateDirectories: true)
      try String(repeating: "<p>resume</p>\n", count: 400).write(
        to: www.appendingPathComponent("index.html"), atomically: true, encoding: .utf8)
      try String(repeating: "body{}\n", count: 1_000).write(
        to: www.appendingPathComponent("style.css"), atomically: true, encoding: .utf8)
      try Data(repeating: 7, count: 85_000).write(to: www.appendingPathComponent("photo.jpg"))
      let (c, k) = try makeCertificate()
      cert = c
      httpPort = Self.freePort()
      httpsPort = Self.freePort()
      let conf = """
        worker_processes 1;
        daemon off;
        pid \(dir.path)/nginx.pid;
        error_log \(dir.path)/error.log;
        events { worker_connections 1024; }
        http {
          access_log off;
          client_body_temp_path \(dir.path)/tmp;
          proxy_temp_path \(dir.path)/tmp;
          fastcgi_temp_path \(dir.path)/tmp;
          uwsgi_temp_path \(dir.path)/tmp;
          scgi_temp_path \(dir.path)/tmp;
          server { listen 127.0.0.1:\(httpPort); root \(www.path); }
          server { listen 127.0.0.1:\(httpsPort) ssl; root \(www.path); ssl_certificate \(c); ssl_certificate_key \(k); }
        }
        """
      let confPath = dir.appendingPathComponent("nginx.conf").path
      try conf.write(toFile: confPath, atomically: true, encoding: .utf8)
      process.executableURL = URL(fileURLWithPath: "/usr/sbin/nginx")
      process.arguments = ["-c", confPath, "-e", "\(dir.path)/error.log"]
      process.standardOutput = FileHandle.nullDevice
      process.standardError = FileHandle.nullDevice
      try process.run()
      // Wait until it listens.
      for _ in 0..<100 where !Self.listening(httpPort) { usleep(20_000) }
    }

    deinit {
      kill(process.processIdentifier, SIGKILL)
      _ = waitpid(process.processIdentifier, nil, 0)
    }

    static func freePort() -> Int {
      let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
      defer { close(fd) }
      var addr = sockaddr_in()
      addr.sin_family = sa_family_t(AF_INET)
      addr.sin_addr.s_addr = inet_addr("127.0.0.1")
      var len = socklen_t(MemoryLayout<sockaddr_in>.size)
      _ = withUnsafeMutablePointer(to: &addr) {
        $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, len) }
      }
      _ = withUnsafeMutablePointer(to: &addr) {
        $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &len) }
      }
      return Int(UInt16(bigEndian: addr.sin_port))
    }

    static func listening(_ port: Int) -> Bool {
      guard let fd = connectToLoopback(port: port) else { return false }
      close(fd)
      return true
    }
  }

  static var installed: Bool { FileManager.default.isExecutableFile(atPath: "/usr/sbin/nginx") }

  @Test(arguments: [false, true])
  func siteVisitsOverHTTPAndHTTPS(secure: Bool) throws {
    guard Self.installed else {
      Issue.record("nginx is not installed: run Scripts/test, which installs it (apt-get install nginx)")
      return
    }
    let nginx = try Nginx()
    var c = LiveConfig(shape: .open(stages: [.init(seconds: 1, rate: 30)], poisson: false))
    let base = secure ? "https://127.0.0.1:\(nginx.httpsPort)/" : "http://127.0.0.1:\(nginx.httpPort)/"
    c.site = try Target(parsing: base)
    c.assets = [c.site!.with(path: "/style.css"), c.site!.with(path: "/photo.jpg")]
    c.parts = .site
    c.caFile = nginx.cert
    c.loops = 2
    let (_, origins) = try LiveRun.preflight(c, yes: false)
    let r = try LiveRun.execute(c, origins: origins, name: "nginx", stop: StopSignal())
    #expect(r.visits == 30)
    #expect(r.statusCounts == ["200": 90])
    #expect(r.errors.total == 0)
    #expect(r.latencyMs["pageLoad"]?.count == 30)
    #expect(r.latencyMs["asset"]?.count == 60)
    // The timing breakdown: one look-up per origin, a TLS handshake per connection over https
    // (none over http), and each response's first byte and the rest, which add up to its
    // service time (medians of sums are not sums of medians: compared as means).
    #expect(r.latencyMs["dns"]?.count == 1)
    let connections = try #require(r.latencyMs["connect"]?.count)
    #expect(r.latencyMs["tlsHandshake"]?.count == (secure ? connections : nil))
    let service = try #require(r.histograms["siteService"])
    let firstByte = try #require(r.histograms["siteFirstByte"])
    let receive = try #require(r.histograms["siteReceive"])
    #expect(firstByte.count == 90 && receive.count == 90)
    #expect(abs(firstByte.meanMicros + receive.meanMicros - service.meanMicros) <= 0.01 * service.meanMicros + 20)
    // Origins of both schemes in one run (the page over http, an asset over https, or the
    // other way round): each connection speaks its own origin's protocol.
    var mixed = c
    let other = secure ? "http://127.0.0.1:\(nginx.httpPort)" : "https://127.0.0.1:\(nginx.httpsPort)"
    mixed.assets = [try Target(parsing: other + "/style.css")]
    let (_, mixedOrigins) = try LiveRun.preflight(mixed, yes: false)
    let m = try LiveRun.execute(mixed, origins: mixedOrigins, name: "nginx", stop: StopSignal())
    #expect(m.statusCounts == ["200": 60], "\(m.errors.byKind) \(m.live?.errorExamples ?? [:])")
    // A missing asset is a 404, counted by status and as an error.
    c.assets = [c.site!.with(path: "/missing.png")]
    let missing = try LiveRun.execute(c, origins: origins, name: "nginx", stop: StopSignal())
    #expect(missing.statusCounts?["404"] == 30)
    #expect(missing.errors.byKind["http4xx"] == 30)
  }
}
