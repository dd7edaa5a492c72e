import Foundation

/// The site's own logs, read: every record of the three kinds, and what each file held besides.
public struct LogEvidence: Sendable {
  public var lambda: [LambdaInvocation] = []
  public var edge: [EdgeRequest] = []
  public var api: [APIAccess] = []
  /// One entry per file read, in the order read.
  public var files: [LogProblems] = []

  public init() {}

  public enum Kind: String, Sendable, CaseIterable {
    case lambda, cloudfront, apigateway
  }

  /// The hours that CloudFront log files say they cover (their names end in
  /// `.YYYY-MM-DD-HH.ID.gz`): a file with one request in it still covered its whole hour.
  public var statedPeriods: [(start: Double, end: Double)] = []

  /// The hour a CloudFront log file's name states, as seconds since the epoch.
  public static func statedHour(_ file: String) -> Double? {
    let name = (file as NSString).lastPathComponent
    for part in name.split(separator: ".") where part.count == 13 {
      let p = part.split(separator: "-")
      guard p.count == 4, p.allSatisfy({ $0.allSatisfy(\.isNumber) }),
        let start = LogClock.parseISO("\(p[0])-\(p[1])-\(p[2])T\(p[3]):00:00Z")
      else { continue }
      return start
    }
    return nil
  }

  /// Files of a directory that could not be used, each with why: skipped, never fatal.
  public var skippedFiles: [String] = []

  /// Reads every file at each path (files or directories, gzip or not) as logs of `kind`.
  /// A file named on its own without one usable line is an error naming it, and the kind it
  /// looks like when it reads as another; in a directory such a file is skipped and named
  /// (`skippedFiles`), and only a directory with no usable file is an error. Unparsable
  /// lines are counted.
  public mutating func read(_ paths: [String], as kind: Kind) throws(LogSource.Failure) {
    for path in paths {
      let found = try LogSource.files(at: path)
      let inFolder = found.count > 1 || found.first != path
      var usedHere = 0
      for file in found {
        do {
          try read(file: file, as: kind)
          usedHere += 1
        } catch {
          guard inFolder else { throw error }
          skippedFiles.append(error.description)
        }
      }
      if inFolder && usedHere == 0 {
        throw LogSource.Failure(
          description: "\(path): none of its \(found.count) files holds \(Self.expected(kind)) (first: \(skippedFiles.last ?? "-"))")
      }
    }
  }

  static func expected(_ kind: Kind) -> String {
    switch kind {
    case .lambda: "a Lambda REPORT line or platform.report record"
    case .cloudfront: "a CloudFront access log line"
    case .apigateway: "an API Gateway JSON access log line"
    }
  }

  /// Adds the records of `text` read as `kind` (when it holds a usable one); what else the
  /// file held.
  mutating func take(_ text: String, file: String, as kind: Kind) -> LogProblems {
    switch kind {
    case .lambda:
      let (records, p) = LambdaLogParser.parse(text, file: file)
      if p.usable > 0 { lambda += records }
      return p
    case .cloudfront:
      let (records, p) = CloudFrontLogParser.parse(text, file: file)
      if p.usable > 0 {
        edge += records
        if let hour = Self.statedHour(file) { statedPeriods.append((hour, hour + 3_600)) }
      }
      return p
    case .apigateway:
      let (records, p) = APIGatewayLogParser.parse(text, file: file)
      if p.usable > 0 { api += records }
      return p
    }
  }

  mutating func read(file: String, as kind: Kind) throws(LogSource.Failure) {
    let text = try LogSource.text(of: file)
    let problems = take(text, file: file, as: kind)
    guard problems.usable > 0 else {
      // The flag says what the logs are about; a file that reads as another kind was given to
      // the wrong one (read into a scratch evidence, which is dropped).
      if let other = Kind.allCases.first(where: { k in
        var scratch = LogEvidence()
        return k != kind && scratch.take(text, file: file, as: k).usable > 0
      }) {
        throw LogSource.Failure(
          description:
            "\(file): this looks like \(Self.name(other)), not \(Self.name(kind)): give it as --\(other.rawValue)")
      }
      throw LogSource.Failure(
        description:
          "\(file): no usable line (\(problems.unparsable) unparsable, \(problems.skipped) skipped): expected \(Self.expected(kind))"
          + (problems.summary.map { "; " + $0 } ?? ""))
    }
    files.append(problems)
  }

  static func name(_ kind: Kind) -> String {
    switch kind {
    case .lambda: "a Lambda function's logs"
    case .cloudfront: "a CloudFront access log"
    case .apigateway: "an API Gateway access log"
    }
  }
}
