import Decompression
import Foundation
import Testing

@testable import SiteLogs

/// Reading files: gzip through zlib (checked against the system's gzip), directories, and the
/// refusal of a file without one usable line.
@Suite struct LogFileTests {
  func scratch() -> String {
    let dir = NSTemporaryDirectory() + "sitelogs-\(UUID().uuidString)"
    try! FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
    return dir
  }

  func gzip(_ text: String, to path: String) throws {
    let plain = path + ".plain"
    try Data(text.utf8).write(to: URL(fileURLWithPath: plain))
    let p = Process()
    p.executableURL = URL(fileURLWithPath: "/bin/sh")
    p.arguments = ["-c", "gzip -c '\(plain)' > '\(path)' && rm '\(plain)'"]
    try p.run()
    p.waitUntilExit()
    #expect(p.terminationStatus == 0)
  }

  static let line =
    "2026-11-20T10:00:05Z s REPORT RequestId: 1\tDuration: 5.00 ms\tBilled Duration: 6 ms\tMemory Size: 128 MB"

  @Test func gzipFilesAndConcatenatedMembersRead() throws {
    let dir = scratch()
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let big = (0..<5_000).map { _ in Self.line }.joined(separator: "\n")
    try gzip(big, to: dir + "/a.gz")
    #expect(try LogSource.text(of: dir + "/a.gz") == big)
    try gzip("one\n", to: dir + "/m1.gz")
    try gzip("two\n", to: dir + "/m2.gz")
    var both = try Data(contentsOf: URL(fileURLWithPath: dir + "/m1.gz"))
    both.append(try Data(contentsOf: URL(fileURLWithPath: dir + "/m2.gz")))
    try both.write(to: URL(fileURLWithPath: dir + "/both.gz"))
    #expect(try LogSource.text(of: dir + "/both.gz") == "one\ntwo\n")
  }

  @Test func corruptAndTruncatedGzipAreErrors() throws {
    let dir = scratch()
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let text = (0..<2_000).map { "\(Self.line) \($0)" }.joined(separator: "\n")
    try gzip(text, to: dir + "/good.gz")
    let good = try Data(contentsOf: URL(fileURLWithPath: dir + "/good.gz"))
    var corrupt = good
    for i in 20..<60 { corrupt[i] ^= 0x5A }
    try corrupt.write(to: URL(fileURLWithPath: dir + "/corrupt.gz"))
    try good.prefix(good.count / 2).write(to: URL(fileURLWithPath: dir + "/short.gz"))
    #expect(throws: LogSource.Failure.self) { try LogSource.text(of: dir + "/corrupt.gz") }
    do {
      _ = try LogSource.text(of: dir + "/short.gz")
      Issue.record("a truncated gzip file was read")
    } catch {
      #expect(error.description.contains("short.gz"))
      #expect(error.description.contains("truncated"))
    }
  }

  @Test func directoriesAreWalkedAndUselessFilesRefused() throws {
    let dir = scratch()
    defer { try? FileManager.default.removeItem(atPath: dir) }
    try FileManager.default.createDirectory(atPath: dir + "/sub", withIntermediateDirectories: true)
    try Data((Self.line + "\n").utf8).write(to: URL(fileURLWithPath: dir + "/sub/b.log"))
    try gzip(Self.line + "\n", to: dir + "/a.log.gz")
    try Data("hidden".utf8).write(to: URL(fileURLWithPath: dir + "/.DS_Store"))
    var evidence = LogEvidence()
    try evidence.read([dir], as: .lambda)
    #expect(evidence.lambda.count == 2 && evidence.files.count == 2)
    try Data("START RequestId: 1\nnothing else\n".utf8).write(to: URL(fileURLWithPath: dir + "/c.log"))
    do {
      try evidence.read([dir + "/c.log"], as: .lambda)
      Issue.record("a file with no REPORT line was accepted")
    } catch {
      #expect(error.description.contains("c.log: no usable line"))
    }
    #expect(throws: LogSource.Failure.self) { try evidence.read([dir + "/missing"], as: .cloudfront) }
  }

  @Test func aDirectoryWithAnUnreadableFileIsReadWithTheFileNamed() throws {
    let dir = scratch()
    defer { try? FileManager.default.removeItem(atPath: dir) }
    try Data((Self.line + "\n").utf8).write(to: URL(fileURLWithPath: dir + "/a.log"))
    // A truncated gzip member and a file with nothing usable: both skipped, each named.
    try gzip(String(repeating: Self.line + "\n", count: 50), to: dir + "/b.log.gz")
    let whole = try Data(contentsOf: URL(fileURLWithPath: dir + "/b.log.gz"))
    try whole.prefix(whole.count / 2).write(to: URL(fileURLWithPath: dir + "/b.log.gz"))
    try Data("START RequestId: 1\n".utf8).write(to: URL(fileURLWithPath: dir + "/c.log"))
    var evidence = LogEvidence()
    try evidence.read([dir], as: .lambda)
    #expect(evidence.lambda.count == 1 && evidence.files.count == 1)
    #expect(evidence.skippedFiles.count == 2)
    #expect(evidence.skippedFiles[0].hasPrefix(dir + "/b.log.gz: truncated gzip data"), "\(evidence.skippedFiles)")
    #expect(evidence.skippedFiles[1].hasPrefix(dir + "/c.log: no usable line"))
    // A directory where no file is usable is an error naming it.
    try FileManager.default.removeItem(atPath: dir + "/a.log")
    var none = LogEvidence()
    #expect(throws: LogSource.Failure.self) { try none.read([dir], as: .lambda) }
  }

  /// A CloudFront log file's name states its hour (DISTRIBUTION.YYYY-MM-DD-HH.ID.gz).
  @Test func aCloudFrontFileNamesTheHourItCovers() throws {
    // 2019-12-13T21:00:00Z (Python: datetime(2019, 12, 13, 21, tzinfo=utc).timestamp()).
    #expect(LogEvidence.statedHour("logs/EDFDVBD6EXAMPLE.2019-12-13-21.a1b2c3d4.gz") == 1_576_270_800)
    #expect(LogEvidence.statedHour("cloudfront.log") == nil)
    let dir = scratch()
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let line = "2019-12-13\t21:30:00\tIAD\t6000\t192.0.2.1\tGET\th\t/\t200\t-\t-\t-\t-\tHit\tid\th\thttps\t100\t0.002"
    try gzip(line + "\n", to: dir + "/EDFDVBD6EXAMPLE.2019-12-13-21.a1b2c3d4.gz")
    var evidence = LogEvidence()
    try evidence.read([dir], as: .cloudfront)
    #expect(evidence.statedPeriods.count == 1 && evidence.statedPeriods[0].end - evidence.statedPeriods[0].start == 3_600)
  }
}
