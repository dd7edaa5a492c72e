import Foundation
import Testing

@testable import Terraform

/// A site split across stacks (Fixtures/split: frontend/, backend/, database/), read whole, and
/// the ambiguities the reader must name instead of settling by file order.
@Suite struct SplitStackTests {
  static let split = HCLOracleTests.fixtures.appendingPathComponent("split").path

  func field(_ t: TerraformImport, _ path: String) -> TerraformImport.Field? { t.fields.first { $0.path == path } }

  /// Every field as the three stacks write it, with its source (fixture, field, value, source).
  @Test(arguments: [
    ("lambda.memoryMB", "512", "main.tf:12"), ("lambda.timeoutSeconds", "5", "main.tf:13"),
    ("apiGateway.type", #""http""#, "aws_apigatewayv2_api.api"), ("apiGateway.rateLimitPerSecond", "20", "main.tf:38"),
    ("apiGateway.burst", "40", "main.tf:39"), ("dynamodb.billingMode", #""provisioned""#, "main.tf:4"),
    ("dynamodb.readCapacityUnits", "5", "main.tf:5"), ("dynamodb.writeCapacityUnits", "5", "main.tf:6"),
    ("cdn.ttlSeconds", "3600", "main.tf:41"), ("cdn.priceClass", #""PriceClass_100""#, "main.tf:31"),
  ])
  func threeStacksReadAsOneSite(path: String, value: String, source: String) throws {
    let t = try TerraformImport.read(
      paths: ["frontend", "backend", "database"].map { "\(Self.split)/\($0)" })
    let f = field(t, path)
    #expect(f?.json == value, "\(path): \(t.fields.map { "\($0.path)=\($0.json)" })")
    #expect(f?.source.contains(source) == true, "\(path): \(f?.source ?? "unset")")
  }

  @Test func theSitesDistributionIsTheOneServingThePageNotTheFirstByName() throws {
    // "api" sorts before "site" and holds default_ttl = 0: it must not be read as the site's.
    let t = try TerraformImport.read(paths: ["\(Self.split)/frontend", "\(Self.split)/backend"])
    #expect(field(t, "cdn.ttlSeconds")?.json == "3600")
    #expect(
      t.notes.contains {
        $0.hasPrefix("warning: aws_cloudfront_distribution.api") && $0.contains("fronts the API, not the site")
      }, "\(t.notes)")
    // Its environment names the table (TABLE_NAME): no warning that it may not be the counter.
    #expect(!t.notes.contains { $0.contains("may not be the visitor counter") })
    // Without the database stack, DynamoDB is kept from the base and said to be.
    #expect(t.kept.contains("dynamodb.* (no DynamoDB table in these stacks)"), "\(t.kept)")
  }

  @Test func aFrontEndAloneSaysToReadItWithTheBackEnd() throws {
    do {
      _ = try TerraformImport.read(paths: ["\(Self.split)/frontend"])
      Issue.record("a stack without a function or an API was read alone")
    } catch {
      #expect(error.description.contains("no Lambda function or API found"))
      #expect(error.description.contains("from-terraform FRONT BACK"))
    }
    // With the database stack, it contributes what it has, and the rest is listed as kept.
    let t = try TerraformImport.read(paths: ["\(Self.split)/frontend", "\(Self.split)/database"])
    #expect(field(t, "cdn.ttlSeconds")?.json == "3600" && field(t, "dynamodb.billingMode") != nil)
    #expect(t.kept.contains("lambda.* (no Lambda function in these stacks)"), "\(t.kept)")
  }

  func directory(_ tf: String) throws -> String {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("tf-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    try tf.write(to: dir.appendingPathComponent("main.tf"), atomically: true, encoding: .utf8)
    return dir.path
  }

  @Test func twoTablesTheFunctionDoesNotNameAreUnresolvedNotTheFirst() throws {
    let path = try directory(
      """
      resource "aws_lambda_function" "counter" {
        function_name = "counter"
        environment { variables = { TABLE = "somewhere" } }
      }
      resource "aws_dynamodb_table" "a" { billing_mode = "PROVISIONED" }
      resource "aws_dynamodb_table" "b" { billing_mode = "PAY_PER_REQUEST" }
      """)
    defer { try? FileManager.default.removeItem(atPath: path) }
    let t = try TerraformImport.read(path: path)
    #expect(field(t, "dynamodb.billingMode") == nil)
    #expect(t.unresolved.contains { $0.hasPrefix("dynamodb.*: 2 tables") && $0.contains("kept from the base") })
  }

  @Test func aFunctionThatNamesNoTableIsImportedWithAWarning() throws {
    let path = try directory(
      """
      resource "aws_lambda_function" "game" {
        function_name = "tic-tac-toe"
        memory_size   = 256
      }
      """)
    defer { try? FileManager.default.removeItem(atPath: path) }
    let t = try TerraformImport.read(path: path)
    #expect(field(t, "lambda.memoryMB")?.json == "256")
    #expect(t.notes.contains { $0.hasPrefix("warning: aws_lambda_function.game") && $0.contains("may not be the visitor counter") })
  }

  @Test func twoFunctionsNeitherLinkedAreUnresolved() throws {
    let path = try directory(
      """
      resource "aws_lambda_function" "a" { memory_size = 256 }
      resource "aws_lambda_function" "b" { memory_size = 1024 }
      resource "aws_lambda_function_url" "u" { function_name = "elsewhere" }
      """)
    defer { try? FileManager.default.removeItem(atPath: path) }
    let t = try TerraformImport.read(path: path)
    #expect(field(t, "lambda.memoryMB") == nil)
    #expect(t.unresolved.contains { $0.hasPrefix("lambda.*: 2 functions") })
  }

  /// Fixtures/expressions: for expressions (list with if, map, grouping), unary operators and
  /// the common functions, each feeding a field. Hand-evaluated: memory = by_name["large-mb"] =
  /// 1024 (small is false); timeout = length([4, 6]) + 6 = 8; reserved = length(["a", "a"]) * 5
  /// = 10; the settings name no "provisioned", so PAY_PER_REQUEST.
  @Test(arguments: [
    ("lambda.memoryMB", "1024", "local by_name (expressions/main.tf:10)"), ("lambda.timeoutSeconds", "8", "expressions/main.tf:20"),
    ("lambda.reservedConcurrency", "10", "expressions/main.tf:21"),
    ("dynamodb.billingMode", #""onDemand""#, "expressions/main.tf:37"),
    ("apiGateway.type", #""functionUrl""#, "aws_lambda_function_url.counter"),
  ])
  func expressionsAsTheseRepositoriesWriteThem(path: String, value: String, source: String) throws {
    let t = try TerraformImport.read(path: HCLOracleTests.fixtures.appendingPathComponent("expressions").path)
    let f = field(t, path)
    #expect(f?.json == value, "\(path): \(t.fields.map { "\($0.path)=\($0.json) \($0.source)" }) \(t.unresolved)")
    #expect(f?.source.contains(source) == true, "\(path): \(f?.source ?? "unset")")
  }

  /// apigateway-v2 from v5 throttles every route at 1,000 requests a second, burst 500, unless
  /// told otherwise (its main.tf, route_settings); an unpinned version says it cannot tell.
  @Test func theAPIModulesDefaultsFollowItsMajorVersion() throws {
    let dir = HCLOracleTests.fixtures.appendingPathComponent("registry-v5").path
    let t = try TerraformImport.read(path: dir)
    #expect(field(t, "apiGateway.rateLimitPerSecond")?.json == "1000", "\(t.fields)")
    #expect(field(t, "apiGateway.burst")?.json == "500")
    #expect(field(t, "apiGateway.burst")?.source == #"module default (terraform-aws-modules/apigateway-v2 v5, version "~> 5.0")"#)
    // The same stack with the version left out: the throttle is kept, and the note says why.
    let text = try String(contentsOfFile: dir + "/main.tf", encoding: .utf8)
      .replacingOccurrences(of: "  version       = \"~> 5.0\"\n", with: "")
    let unpinnedDir = try directory(text)
    defer { try? FileManager.default.removeItem(atPath: unpinnedDir) }
    let unpinned = try TerraformImport.read(path: unpinnedDir)
    #expect(field(unpinned, "apiGateway.rateLimitPerSecond") == nil)
    #expect(unpinned.notes.contains { $0.hasPrefix("module.api: the module's version is not pinned") }, "\(unpinned.notes)")
    #expect(TerraformImport.majorVersion("~> 5.0") == 5 && TerraformImport.majorVersion("5.3.1") == 5)
    #expect(TerraformImport.majorVersion(">= 5") == 5 && TerraformImport.majorVersion(">= 4") == nil)
    #expect(TerraformImport.majorVersion("~> 4.0") == 4 && TerraformImport.majorVersion(nil) == nil)
  }

  /// A module from git is not on disk: the refusal says so, and which fields it would have set.
  @Test func aGitModuleIsNamedWithWhatItWouldHaveSet() throws {
    let path = try directory(
      """
      module "counter" {
        source      = "git::https://github.com/me/counter.git?ref=v1"
        memory_size = 512
        timeout     = 10
      }
      """)
    defer { try? FileManager.default.removeItem(atPath: path) }
    do {
      _ = try TerraformImport.read(path: path)
      Issue.record("a stack whose only module is not on disk was read")
    } catch {
      #expect(error.description.contains("is a git source, not on disk"), "\(error.description)")
      #expect(error.description.contains("it would have set lambda.* (its inputs memory_size, timeout)"))
    }
  }
}
