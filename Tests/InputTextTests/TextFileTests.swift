import Decompression
import Foundation
import Metrics
import Testing

@testable import InputText

/// What `TextFile` reads and what it refuses, each with a file written here.
@Suite struct TextFileTests {
  let folder: URL = {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("textfile-\(UUID().uuidString)")
    try? FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
  }()

  func file(_ name: String, _ bytes: Data) throws -> String {
    let url = folder.appendingPathComponent(name)
    try bytes.write(to: url)
    return url.path
  }

  static let plain = TextFile.Limits(bytes: 1 << 20)

  @Test func utf8WithAndWithoutAByteOrderMarkReadsTheSame() throws {
    let text = "REPORT Duration: 8.27 ms\nété\n"
    let bare = try file("bare.txt", Data(text.utf8))
    let marked = try file("bom.txt", Data([0xEF, 0xBB, 0xBF] + Array(text.utf8)))
    #expect(try TextFile.read(bare, what: "log", limits: Self.plain) == text)
    #expect(try TextFile.read(marked, what: "log", limits: Self.plain) == text)
  }

  @Test func utf16WithItsByteOrderMarkIsDecoded() throws {
    // What Windows PowerShell 5.1 writes with `>`: UTF-16 little-endian with FF FE.
    let text = "2026-01-01T00:00:00Z REPORT Duration: 1 ms\r\n☃\r\n"
    var little: [UInt8] = [0xFF, 0xFE]
    var big: [UInt8] = [0xFE, 0xFF]
    for unit in text.utf16 {
      little += [UInt8(unit & 0xFF), UInt8(unit >> 8)]
      big += [UInt8(unit >> 8), UInt8(unit & 0xFF)]
    }
    #expect(try TextFile.read(try file("le.txt", Data(little)), what: "log", limits: Self.plain) == text)
    #expect(try TextFile.read(try file("be.txt", Data(big)), what: "log", limits: Self.plain) == text)
  }

  @Test func bytesThatAreNotUTF8AreRefusedInADocumentAndReplacedInALog() throws {
    let path = try file("latin1.txt", Data(Array("line one\n".utf8) + [0x64, 0xE9, 0x6A, 0x0A]))
    let error = #expect(throws: TextFile.Failure.self) { try TextFile.read(path, what: "scenario", limits: Self.plain) }
    #expect(error?.description.hasSuffix("latin1.txt:2: not UTF-8 text (save the file as UTF-8)") == true)
    let lossy = try TextFile.read(path, what: "log", limits: .init(bytes: 1 << 20, lossy: true))
    #expect(lossy == "line one\nd\u{FFFD}j\n")
  }

  @Test func aFileAboveTheLimitIsRefusedBeforeItIsRead() throws {
    let path = try file("big.txt", Data(repeating: 65, count: 5000))
    let error = #expect(throws: TextFile.Failure.self) {
      try TextFile.read(path, what: "log", limits: .init(bytes: 4096))
    }
    #expect(error?.description.hasSuffix("big.txt: log of 5,000 bytes is above the limit of 4,096 bytes (4 KB)") == true)
    #expect(error?.missing == false)
  }

  @Test func aDeviceIsReadOnlyUpToTheLimit() throws {
    // /dev/zero never ends: read as far as the limit, then refused, not hung.
    let error = #expect(throws: TextFile.Failure.self) {
      try TextFile.read("/dev/zero", what: "Terraform file", limits: .init(bytes: 1 << 16))
    }
    #expect(error?.description == "/dev/zero: Terraform file is above the limit of 65,536 bytes (64 KB)")
  }

  @Test func aLineAboveTheLineLimitIsNamedByItsNumber() throws {
    let path = try file("long.txt", Data(("short\n" + String(repeating: "x", count: 2000) + "\n").utf8))
    let error = #expect(throws: TextFile.Failure.self) {
      try TextFile.read(path, what: "log", limits: .init(bytes: 1 << 20, lineBytes: 1024))
    }
    #expect(error?.description.hasSuffix("long.txt:2: a line longer than the limit of 1 KB") == true)
  }

  @Test func aMissingFileOrAFolderIsMissingNotRefused() throws {
    let missing = #expect(throws: TextFile.Failure.self) {
      try TextFile.read(folder.appendingPathComponent("nope").path, what: "log", limits: Self.plain)
    }
    #expect(missing?.missing == true)
    #expect(missing?.description.hasSuffix("nope: no such file") == true)
    let dir = #expect(throws: TextFile.Failure.self) { try TextFile.read(folder.path, what: "log", limits: Self.plain) }
    #expect(dir?.description.hasSuffix(": a folder, not a file") == true)
  }

  @Test func gzipIsReadAndABombIsRefusedByItsRatio() throws {
    let text = String(repeating: "2026-01-01\t00:00:01\tIAD\t6000\tHit\n", count: 1000)
    let gz = try file("log.gz", gzip(Data(text.utf8)))
    #expect(try TextFile.read(gz, what: "log", limits: .init(bytes: 1 << 30, gzip: true, lossy: true)) == text)
    // 64 MB of zeros compress about 1,000 times: past the 16 MB floor, a bomb.
    let bomb = try file("bomb.gz", gzip(Data(repeating: 0, count: 64 << 20)))
    let error = #expect(throws: TextFile.Failure.self) {
      try TextFile.read(bomb, what: "log", limits: .init(bytes: 1 << 30, gzip: true, lossy: true))
    }
    #expect(error?.description.contains("refused as a gzip bomb") == true)
    // Without gzip, the same bytes are text (a scenario is never gunzipped).
    #expect(throws: TextFile.Failure.self) { try TextFile.read(gz, what: "scenario", limits: Self.plain) }
  }

  @Test func controlsAreEscapedAndLongValuesCut() {
    #expect(Text.escaped("a\u{1B}[2Jb\r\n\u{0}") == "a\\u{1b}[2Jb\\u{d}\\u{a}\\u{0}")
    #expect(Text.escaped(String(repeating: "x", count: 300), limit: 10) == "xxxxxxxxxx…")
    #expect(Text.printable("two\nlines\tand \u{1B}[31mred") == "two\nlines\tand \\u{1b}[31mred")
    #expect(Text.firstControl("plain\ttext\n") == nil)
    #expect(Text.bytes(512) == "512 bytes")
    #expect(Text.bytes(3965) == "3.9 KB")
    #expect(Text.bytes(16 << 20) == "16 MB")
    #expect(NumberText.grouped(10_485_761) == "10,485,761" && NumberText.grouped(999) == "999")
    #expect(NumberText.grouped(-1000) == "-1,000" && NumberText.grouped(UInt64.max) == "18,446,744,073,709,551,615")
  }

  /// gzip by the system's `gzip` (an independent writer).
  func gzip(_ data: Data) throws -> Data {
    let input = try file("in-\(UUID().uuidString)", data)
    let p = Process()
    p.executableURL = URL(fileURLWithPath: "/bin/gzip")
    p.arguments = ["-9", "-c", input]
    let out = Pipe()
    p.standardOutput = out
    try p.run()
    let bytes = out.fileHandleForReading.readDataToEndOfFile()
    p.waitUntilExit()
    return bytes
  }
}
