import Foundation

/// Starts a Python server of this folder (`counter_server.py` unless told) on 127.0.0.1 with
/// the given options; stops it on deinit.
final class TestServer {
  let process = Process()
  let port: Int

  static func script(_ name: String) -> String {
    URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent(name).path
  }

  init(_ options: [String] = [], script: String = "counter_server.py") throws {
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = ["python3", Self.script(script)] + options
    let out = Pipe()
    process.standardOutput = out
    process.standardError = FileHandle.nullDevice
    try process.run()
    // The first line is the port.
    var line = Data()
    let handle = out.fileHandleForReading
    while !line.contains(0x0A) {
      let chunk = handle.availableData
      if chunk.isEmpty { break }
      line.append(chunk)
    }
    guard let p = Int(String(decoding: line, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)) else {
      process.terminate()
      throw NSError(
        domain: "TestServer", code: 1, userInfo: [NSLocalizedDescriptionKey: "the test server did not start"])
    }
    port = p
  }

  deinit {
    // kill and reap directly: Process.waitUntilExit spins a run loop, which can deadlock
    // while the test process is shutting down.
    let pid = process.processIdentifier
    kill(pid, SIGKILL)
    _ = waitpid(pid, nil, 0)
  }

  func url(_ path: String = "/count", secure: Bool = false) -> String {
    "\(secure ? "https" : "http")://127.0.0.1:\(port)\(path)"
  }

  /// Requests the server counted (GET /stats over a plain blocking socket; not itself counted).
  func count() throws -> Int {
    guard let fd = connectToLoopback(port: port) else { return -1 }
    defer { close(fd) }
    let request = Array("GET /stats HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n".utf8)
    _ = request.withUnsafeBytes { send(fd, $0.baseAddress, $0.count, 0) }
    var response = [UInt8]()
    var buffer = [UInt8](repeating: 0, count: 4096)
    while true {
      let n = recv(fd, &buffer, buffer.count, 0)
      if n <= 0 { break }
      response += buffer[0..<n]
      if let text = String(bytes: response, encoding: .utf8),
        let body = text.components(separatedBy: "\r\n\r\n").dropFirst().first,
        let data = body.data(using: .utf8), let json = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
        let count = json["count"] as? Int
      {
        return count
      }
    }
    return -1
  }
}

/// A blocking TCP connection to 127.0.0.1:`port`, or nil when nothing listens there.
func connectToLoopback(port: Int) -> Int32? {
  let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
  var addr = sockaddr_in()
  addr.sin_family = sa_family_t(AF_INET)
  addr.sin_port = UInt16(port).bigEndian
  addr.sin_addr.s_addr = inet_addr("127.0.0.1")
  let ok = withUnsafePointer(to: &addr) {
    $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
  }
  guard ok == 0 else {
    close(fd)
    return nil
  }
  return fd
}

/// A self-signed certificate for 127.0.0.1 (and localhost), made with the openssl tool.
func makeCertificate() throws -> (cert: String, key: String) {
  let dir = FileManager.default.temporaryDirectory.appendingPathComponent("visitorsim-tls-\(UUID().uuidString)")
  try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
  let cert = dir.appendingPathComponent("cert.pem").path
  let key = dir.appendingPathComponent("key.pem").path
  let p = Process()
  p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
  p.arguments = [
    "openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", key, "-out", cert, "-days", "2",
    "-subj", "/CN=localhost", "-addext", "subjectAltName=IP:127.0.0.1,DNS:localhost",
  ]
  p.standardOutput = FileHandle.nullDevice
  p.standardError = FileHandle.nullDevice
  try p.run()
  p.waitUntilExit()
  guard p.terminationStatus == 0 else { throw NSError(domain: "TLS", code: 1) }
  return (cert, key)
}
