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

  /// Reads every file at each path (files or directories, gzip or not) as logs of `kind`.
  /// A file without one usable line is an error naming it; unparsable lines are counted.
  public mutating func read(_ paths: [String], as kind: Kind) throws(LogSource.Failure) {
    for path in paths {
      for file in try LogSource.files(at: path) {
        let text = try LogSource.text(of: file)
        let problems: LogProblems
        switch kind {
        case .lambda:
          let (records, p) = LambdaLogParser.parse(text, file: file)
          lambda += records
          problems = p
        case .cloudfront:
          let (records, p) = CloudFrontLogParser.parse(text, file: file)
          edge += records
          problems = p
        case .apigateway:
          let (records, p) = APIGatewayLogParser.parse(text, file: file)
          api += records
          problems = p
        }
        guard problems.usable > 0 else {
          let what =
            switch kind {
            case .lambda: "a Lambda REPORT line or platform.report record"
            case .cloudfront: "a CloudFront access log line"
            case .apigateway: "an API Gateway JSON access log line"
            }
          throw LogSource.Failure(
            description:
              "\(file): no usable line (\(problems.unparsable) unparsable, \(problems.skipped) skipped): expected \(what)"
              + (problems.summary.map { "; " + $0 } ?? ""))
        }
        files.append(problems)
      }
    }
  }
}
