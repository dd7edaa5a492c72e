import Foundation
import Testing

@testable import Terraform

/// Terraform that would crash or hang a reader (issue 30): reference cycles are an error
/// naming the cycle, deep nesting is refused at a bound, numbers that do not fit never trap.
@Suite struct TerraformHardeningTests {
  func directory(_ tf: String) throws -> String {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("tf-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    try tf.write(to: dir.appendingPathComponent("main.tf"), atomically: true, encoding: .utf8)
    return dir.path
  }

  func failure(_ tf: String) throws -> String? {
    let path = try directory(tf)
    defer { try? FileManager.default.removeItem(atPath: path) }
    do {
      _ = try TerraformImport.read(path: path)
      return nil
    } catch {
      return error.description
    }
  }

  @Test(arguments: [
    (
      #"variable "m" { default = var.m }"# + "\n"
        + #"resource "aws_lambda_function" "f" { memory_size = var.m }"#, "var.m -> var.m"
    ),
    (
      """
      resource "aws_lambda_function" "f" {
        memory_size = aws_lambda_function.f.timeout
        timeout     = aws_lambda_function.f.memory_size
      }
      """,
      "aws_lambda_function.f.timeout -> aws_lambda_function.f.memory_size -> aws_lambda_function.f.timeout"
    ),
    (
      """
      locals {
        a = local.b
        b = local.a
      }
      resource "aws_lambda_function" "f" { memory_size = local.a }
      """, "local.a -> local.b -> local.a"
    ),
  ])
  func aReferenceCycleIsAnErrorNamingIt(tf: String, cycle: String) throws {
    let said = try failure(tf)
    #expect(said?.contains("a reference cycle: \(cycle)") == true, "\(said ?? "no error")")
  }

  @Test func tenThousandNestedBlocksAreRefusedAtABound() throws {
    let tf = "locals {\n" + String(repeating: "  a = {\n", count: 10_000) + "  x = 1\n"
      + String(repeating: "}\n", count: 10_001)
    let said = try failure(tf)
    #expect(said?.contains("nested more than 200 deep") == true, "\(said ?? "no error")")
    let brackets = "locals {\n  a = " + String(repeating: "[", count: 5_000) + String(repeating: "]", count: 5_000) + "\n}\n"
    #expect(try failure(brackets)?.contains("nested more than 200 deep") == true)
  }

  /// Operators repeated 100,000 times (`1 + 1 + ...`, `!!!...true`, `- - ...x`), named by the
  /// repeated text so that a failure prints a short argument.
  @Test(arguments: [("1 + ", "1"), ("!", "true"), ("- ", "x")])
  func aChainOfOneHundredThousandOperatorsIsRefusedAtTheSameBound(op: String, last: String) throws {
    // Each operator nests the tree one deeper; releasing such a tree overflowed the stack.
    let said = try failure("locals {\n  u = " + String(repeating: op, count: 100_000) + last + "\n}\n")
    #expect(said?.contains("nested more than 200 deep (blocks, brackets, operators or expressions)") == true)
    // A chain of ordinary length is read.
    let short = try failure("locals {\n  u = " + String(repeating: op, count: 150) + last + "\n}\n")
    #expect(short.map { !$0.contains("nested") } ?? true, "\(short ?? "")")
  }

  @Test func aFileFunctionOnADeviceReadsNoFurtherThanTheLimit() throws {
    let path = try directory(
      #"resource "aws_lambda_function" "f" { memory_size = length(file("/dev/zero")) }"#)
    defer { try? FileManager.default.removeItem(atPath: path) }
    let imported = try TerraformImport.read(path: path)
    #expect(imported.unresolved.contains { $0.contains("file(\"/dev/zero\") cannot be read here") })
  }

  @Test func numbersThatDoNotFitNeverTrap() throws {
    let path = try directory(
      """
      variable "l" { default = [128, 256] }
      resource "aws_lambda_function" "f" {
        count         = 1e300
        function_name = "counter"
        memory_size   = element(var.l, -1)
        timeout       = var.l[1e300]
      }
      """)
    defer { try? FileManager.default.removeItem(atPath: path) }
    let t = try TerraformImport.read(path: path)
    #expect(t.notes.contains { $0.contains("count = 1e+300") && $0.contains("read as one instance") }, "\(t.notes)")
    #expect(t.chosenFunction != nil)
  }
}

/// What AWS does, not what a field's name suggests (issue 26): data sources are look-ups,
/// unknown stays unknown, a WebSocket API is refused by name.
@Suite struct TerraformSemanticsTests {
  func read(_ tf: String) throws -> TerraformImport {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("tf-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: dir) }
    try tf.write(to: dir.appendingPathComponent("main.tf"), atomically: true, encoding: .utf8)
    return try TerraformImport.read(path: dir.path)
  }

  @Test func nestedInterpolationsAreEvaluatedOnce() throws {
    // "${"${"${...256...}"}"}" forty deep: each level evaluated its inside twice (2^40 steps).
    let nested = String(repeating: "\"${", count: 40) + "256" + String(repeating: "}\"", count: 40)
    let t = try read(
      """
      resource "aws_lambda_function" "f" {
        function_name = "counter"
        memory_size   = \(nested)
        timeout       = "${7}"
      }
      """)
    #expect(t.fields.first { $0.path == "lambda.memoryMB" }?.json == "256", "\(t.fields)")
    #expect(t.fields.first { $0.path == "lambda.timeoutSeconds" }?.json == "7", "\(t.fields)")
  }

  @Test func unaryNotAndMinusAreRead() throws {
    // `!` and `-` after `= ` were refused ("expected an expression, found "!"").
    let t = try read(
      """
      variable "small" { default = false }
      resource "aws_lambda_function" "f" {
        function_name = "counter"
        memory_size   = !var.small ? -(-1024) : 128
        timeout       = - -7
      }
      """)
    #expect(t.fields.first { $0.path == "lambda.memoryMB" }?.json == "1024", "\(t.fields)")
    #expect(t.fields.first { $0.path == "lambda.timeoutSeconds" }?.json == "7", "\(t.fields)")
  }

  @Test func aDataSourceTableIsALookUpNotATable() throws {
    let t = try read(
      """
      data "aws_dynamodb_table" "counter" { name = "visitors" }
      resource "aws_lambda_function" "f" {
        function_name = "counter"
        environment { variables = { TABLE = data.aws_dynamodb_table.counter.name } }
      }
      """)
    #expect(!t.fields.contains { $0.path.hasPrefix("dynamodb.") }, "\(t.fields.map(\.path))")
    #expect(t.notes.contains { $0.hasPrefix("data.aws_dynamodb_table.counter") && $0.contains("look-up") })
  }

  @Test func aBillingModeThatCannotBeKnownStaysUnknown() throws {
    let t = try read(
      """
      variable "mode" {}
      resource "aws_dynamodb_table" "t" {
        name         = "x"
        billing_mode = var.mode
      }
      resource "aws_lambda_function" "f" { function_name = "counter" }
      """)
    #expect(!t.fields.contains { $0.path == "dynamodb.billingMode" }, "never the default with the expression's place")
    #expect(t.unresolved.contains { $0.contains("billing_mode") && $0.contains("kept from the base") })
  }

  @Test func aWebSocketAPIIsRefusedByName() throws {
    do {
      _ = try read(#"resource "aws_apigatewayv2_api" "ws" { protocol_type = "WEBSOCKET" }"#)
      Issue.record("a WebSocket API was imported")
    } catch {
      #expect("\(error)".contains("a WebSocket API (aws_apigatewayv2_api.ws"), "\(error)")
    }
  }
}
