import Foundation
import SiteLogs

/// Where `simulate --emit-logs DIR` writes the simulated run as the site's own logs would show
/// it: `lambda.log` (START, END and REPORT lines, one stream per execution environment),
/// `cloudfront.log` (the standard access log) and `apigateway.log` (JSON access log lines).
///
/// Only visits in the measured window are logged. Simulated time 0 is
/// `2026-01-01T00:00:00Z` (so the warm-up's end is the first logged time and the daily cycle's
/// hours are the log's UTC hours).
public struct SimulatedLogs: Sendable {
  public let lambda: LogFileWriter
  public let cloudFront: LogFileWriter
  public let apiGateway: LogFileWriter

  /// Simulated time 0, in milliseconds since the Unix epoch.
  public static let epochMilliseconds: Int64 = 1_767_225_600_000

  public static let fileNames = (lambda: "lambda.log", cloudFront: "cloudfront.log", apiGateway: "apigateway.log")

  /// Creates the directory (if needed) and the three files.
  public init(directory: String) throws(LogSource.Failure) {
    do { try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true) } catch {
      throw LogSource.Failure(description: "\(directory): cannot create the directory (\(error.localizedDescription))")
    }
    func file(_ name: String) -> String { (directory as NSString).appendingPathComponent(name) }
    lambda = try LogFileWriter(path: file(Self.fileNames.lambda))
    cloudFront = try LogFileWriter(path: file(Self.fileNames.cloudFront))
    apiGateway = try LogFileWriter(path: file(Self.fileNames.apiGateway))
  }

  /// Writes out and closes the three files; throws the first write error.
  public func close() throws(LogSource.Failure) {
    var first: LogSource.Failure?
    for w in [lambda, cloudFront, apiGateway] {
      do { try w.close() } catch { first = first ?? error }
    }
    if let first { throw first }
  }

  /// Seconds since the Unix epoch of a simulated time in nanoseconds.
  static func seconds(_ t: Int64) -> Double {
    Double(epochMilliseconds) / 1_000 + Double(t) / 1e9
  }
}
