/// Thresholds and objectives as a JUnit XML report (`live --junit`, `plan --junit`): one test
/// case each, a failure for each one missed, so CI systems show them as tests.
public enum JUnitReport {
  public struct Case: Sendable, Equatable {
    public var name: String
    /// Why it failed; nil when it passed.
    public var failure: String?
    public var value: Double?

    public init(name: String, failure: String?, value: Double?) {
      self.name = name
      self.failure = failure
      self.value = value
    }
  }

  public static func render(suite: String, cases: [Case], seconds: Double) -> String {
    let failures = cases.count { $0.failure != nil }
    var out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
    out += "<testsuites tests=\"\(cases.count)\" failures=\"\(failures)\">\n"
    out +=
      "  <testsuite name=\"\(escaped(suite))\" tests=\"\(cases.count)\" failures=\"\(failures)\" time=\"\(seconds)\">\n"
    for c in cases {
      out += "    <testcase classname=\"visitorsim\" name=\"\(escaped(c.name))\""
      if let failure = c.failure {
        out +=
          ">\n      <failure message=\"\(escaped(failure))\">\(escaped(c.name)): \(escaped(failure))</failure>\n    </testcase>\n"
      } else {
        out += "/>\n"
      }
    }
    return out + "  </testsuite>\n</testsuites>\n"
  }

  static func escaped(_ s: String) -> String {
    var out = ""
    for c in s.unicodeScalars {
      switch c {
      case "&": out += "&amp;"
      case "<": out += "&lt;"
      case ">": out += "&gt;"
      case "\"": out += "&quot;"
      case "'": out += "&apos;"
      default:
        // XML 1.0 allows no control characters but tab, newline and carriage return.
        if c.value < 0x20 && c != "\t" && c != "\n" && c != "\r" { continue }
        out.unicodeScalars.append(c)
      }
    }
    return out
  }
}
