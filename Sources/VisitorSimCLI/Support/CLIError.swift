import Pricing
import ScenarioModel
import Simulation
import WhatIf

/// Everything that ends a command early, each with its exit code.
///
/// Exit codes (documented in the README and `visitorsim help`):
/// 0 success, 1 run failure, 2 thresholds or objectives missed, 64 usage error,
/// 65 bad input data (scenario, pricing file, report), 66 input file unreadable,
/// 73 output file cannot be written, 130 interrupted.
public enum CLIError: Error, Equatable, CustomStringConvertible {
  case usage(String)
  case badInput(String)
  case noInput(String)
  case cannotWrite(String)
  case failure(String)
  /// Objectives or thresholds missed: the command's output was written.
  case objectivesMissed(String)
  /// Stopped by Ctrl-C: the report of what was measured was written.
  case interrupted(String)

  public var exitCode: Int32 {
    switch self {
    case .usage: 64
    case .badInput: 65
    case .noInput: 66
    case .cannotWrite: 73
    case .failure: 1
    case .objectivesMissed: 2
    case .interrupted: 130
    }
  }

  public var description: String {
    switch self {
    case .usage(let m), .badInput(let m), .noInput(let m), .cannotWrite(let m), .failure(let m),
      .objectivesMissed(let m), .interrupted(let m):
      m
    }
  }

  /// Maps any error a command throws to one line and an exit code.
  static func from(_ error: any Error) -> CLIError {
    if let e = error as? CLIError { return e }
    if let e = error as? ScenarioError { return .badInput(e.description) }
    return .failure("\(error)")
  }
}
