import Foundation
import Testing

/// Opens generated HTML reports in a real browser (headless Chromium, which Scripts/test and
/// .ci/run install) and fails if the page is blank or a chart is missing.
@Suite struct BrowserTests {
  static var chromium: String? {
    ["/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome"].first {
      FileManager.default.isExecutableFile(atPath: $0)
    }
  }

  /// Runs the browser; returns stdout.
  func browser(_ args: [String]) throws -> String {
    let p = Process()
    p.executableURL = URL(fileURLWithPath: Self.chromium!)
    p.arguments = ["--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars", "--no-first-run"] + args
    let out = Pipe()
    p.standardOutput = out
    p.standardError = FileHandle.nullDevice
    try p.run()
    let data = out.fileHandleForReading.readDataToEndOfFile()
    p.waitUntilExit()
    return String(decoding: data, as: UTF8.self)
  }

  func pageChecks(_ html: String, charts: Int) throws {
    guard Self.chromium != nil else {
      Issue.record("chromium is not installed: run Scripts/test, which installs it (apt-get install chromium)")
      return
    }
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("visitorsim-browser-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    let page = dir.appendingPathComponent("report.html")
    let blank = dir.appendingPathComponent("blank.html")
    try html.write(to: page, atomically: true, encoding: .utf8)
    try "<!DOCTYPE html><html><body></body></html>".write(to: blank, atomically: true, encoding: .utf8)

    // The browser's own DOM: every chart parsed as SVG with drawn content.
    let dom = try browser(["--dump-dom", page.absoluteString])
    let svgs = dom.components(separatedBy: "<svg").dropFirst()
    #expect(svgs.count == charts, "the browser sees \(svgs.count) charts, expected \(charts)")
    for svg in svgs {
      let body = svg.components(separatedBy: "</svg>")[0]
      #expect(body.contains("<polyline") || body.contains("class=\"bar\""), "an empty chart: \(body.prefix(120))")
    }
    // A screenshot against a blank control page of the same size: a rendered report holds far
    // more detail, so its PNG is much larger.
    let shot = dir.appendingPathComponent("report.png")
    let control = dir.appendingPathComponent("blank.png")
    _ = try browser(["--window-size=960,2400", "--screenshot=\(shot.path)", page.absoluteString])
    _ = try browser(["--window-size=960,2400", "--screenshot=\(control.path)", blank.absoluteString])
    let shotSize = (try FileManager.default.attributesOfItem(atPath: shot.path)[.size] as? Int) ?? 0
    let controlSize = (try FileManager.default.attributesOfItem(atPath: control.path)[.size] as? Int) ?? 0
    #expect(controlSize > 0 && shotSize > 5 * controlSize, "screenshot \(shotSize) bytes vs blank \(controlSize)")
  }

  @Test func simulationReportRendersAllItsCharts() throws {
    let path = FileManager.default.temporaryDirectory.appendingPathComponent("visitorsim-\(UUID().uuidString).html")
      .path
    let (code, _, err) = runCLI(["simulate", "--set", "duration=2d", "--format", "html", "--output", path])
    #expect(code == 0, "\(err)")
    // Latency per stage, distribution, visits, events, the bill; the p99 over time is not drawn
    // when no two-minute bucket of the baseline holds the 100 calls a p99 needs.
    let page = try String(contentsOfFile: path, encoding: .utf8)
    try pageChecks(page, charts: 5)
    #expect(page.contains("not drawn, no bucket held 100 calls"))
    // A spike's buckets do hold them: drawn, with the quiet buckets as gaps.
    let spike = path + ".spike.html"
    #expect(
      runCLI([
        "simulate", "--peak", "5/s", "--for", "2h", "--at", "1d", "--set", "duration=2d", "--format", "html", "--output",
        spike,
      ]).0 == 0)
    let spikePage = try String(contentsOfFile: spike, encoding: .utf8)
    try pageChecks(spikePage, charts: 6)
    #expect(spikePage.contains("buckets held fewer than 100 calls and are left out (gaps)"))
  }

  @Test func sweepReportRendersAllItsCharts() throws {
    let path = FileManager.default.temporaryDirectory.appendingPathComponent("visitorsim-\(UUID().uuidString).html")
      .path
    let (code, _, err) = runCLI([
      "sweep", "--vary", "load=1x..100x/3", "--set", "duration=1d", "--format", "html", "--output", path,
    ])
    #expect(code == 0, "\(err)")
    // Latency, ratios, the bill (total and each service that changes), Lambda's GB-seconds.
    let page = try String(contentsOfFile: path, encoding: .utf8)
    try pageChecks(page, charts: 4)
    #expect(page.contains("Lambda GB-seconds a month"))
  }

  /// What the browser measures as laid out wrong: a text outside its chart (clipped), a
  /// legend entry over the plot area (over data), a table wider than the page.
  static let layoutScript = """
    <script>
    const problems = [];
    for (const svg of document.querySelectorAll('svg.chart')) {
      const s = svg.getBoundingClientRect();
      const plot = svg.querySelector('rect.plot');
      const p = plot ? plot.getBoundingClientRect() : null;
      for (const t of svg.querySelectorAll('text')) {
        const b = t.getBoundingClientRect();
        if (b.left < s.left - 1 || b.right > s.right + 1 || b.top < s.top - 1 || b.bottom > s.bottom + 1)
          problems.push('clipped: ' + t.textContent);
        if (p && t.classList.contains('legend') && b.right > p.left && b.left < p.right && b.bottom > p.top + 1 && b.top < p.bottom - 1)
          problems.push('legend over the plot: ' + t.textContent);
      }
    }
    const page = document.body.getBoundingClientRect();
    for (const table of document.querySelectorAll('table, pre')) {
      if (table.getBoundingClientRect().right > page.right + 1) problems.push('a table wider than the page: ' + table.className);
      if (table.scrollWidth > table.clientWidth + 1) problems.push('columns hidden in a scroll box: ' + table.tagName);
    }
    const out = document.createElement('pre');
    out.id = 'layout-problems';
    out.textContent = JSON.stringify(problems);
    document.body.appendChild(out);
    </script>
    """

  func layoutProblems(_ html: String, name: String) throws -> [String] {
    guard Self.chromium != nil else {
      Issue.record("chromium is not installed: run Scripts/test, which installs it (apt-get install chromium)")
      return []
    }
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("visitorsim-layout-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: dir) }
    let page = dir.appendingPathComponent("\(name).html")
    try html.replacingOccurrences(of: "</body>", with: Self.layoutScript + "</body>").write(
      to: page, atomically: true, encoding: .utf8)
    let dom = try browser(["--window-size=960,2400", "--dump-dom", page.absoluteString])
    guard let a = dom.range(of: "<pre id=\"layout-problems\">"),
      let b = dom.range(of: "</pre>", range: a.upperBound..<dom.endIndex)
    else {
      return ["\(name): the layout script did not run"]
    }
    let json = String(dom[a.upperBound..<b.lowerBound]).replacingOccurrences(of: "&amp;", with: "&")
      .replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">")
    let list = (try? JSONSerialization.jsonObject(with: Data(json.utf8))) as? [String] ?? ["\(name): \(json)"]
    return list.map { "\(name): \($0)" }
  }

  /// The committed sample page and two sweeps (memory with an objective, load over four
  /// decades) laid out as the browser draws them: nothing clipped, no legend over data, no
  /// table wider than the page.
  @Test func pagesAreLaidOutWithoutOverlapOrClipping() throws {
    let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
      .deletingLastPathComponent()
    var problems = try layoutProblems(
      String(contentsOf: root.appendingPathComponent("Reports/sample-hacker-news-spike.html"), encoding: .utf8),
      name: "sample-hacker-news-spike")
    for (name, args) in [
      ("memory-sweep", ["--vary", "lambda.memoryMB=128,256,512,1024,1769,3008", "--slo", "counterApi.p99<=700ms"]),
      ("load-sweep", ["--vary", "load=1x..10000x/5"]),
    ] {
      let out = FileManager.default.temporaryDirectory.appendingPathComponent("\(name)-\(UUID().uuidString).html").path
      let r = runCLI(["sweep"] + args + ["--set", "duration=1h", "--format", "html", "--output", out, "--quiet"])
      #expect(r.code == 0, "\(r.err)")
      problems += try layoutProblems(String(contentsOfFile: out, encoding: .utf8), name: name)
      try? FileManager.default.removeItem(atPath: out)
    }
    #expect(problems.isEmpty, "\(problems.joined(separator: "\n"))")
  }
}
