import Foundation
import ScenarioModel
import Testing

@testable import Terraform

/// Each fixture read into scenario fields, with the value and the source of every field
/// checked by hand against the fixture's files.
@Suite struct TerraformImportTests {
  static let fixtures = HCLOracleTests.fixtures.path

  func read(_ rel: String, varFiles: [String] = [], vars: [String] = []) throws -> TerraformImport {
    try TerraformImport.read(
      path: "\(Self.fixtures)/\(rel)", varFiles: varFiles.map { "\(Self.fixtures)/\($0)" }, vars: vars)
  }

  func fields(_ t: TerraformImport) -> [String: (json: String, source: String)] {
    Dictionary(uniqueKeysWithValues: t.fields.map { ($0.path, ($0.json, $0.source)) })
  }

  /// Every field applies to the baseline and the result loads as a scenario.
  func loads(_ t: TerraformImport) throws -> Scenario {
    var tree = try JSONParser.parse(BuiltinScenario.baselineJSON)
    for f in t.fields { try ScenarioOverride.apply("\(f.path)=\(f.json)", to: &tree) }
    return try Scenario.load(json: tree.rendered())
  }

  @Test func httpAPISiteWithALocalModuleVariablesLocalsAndFiles() throws {
    let t = try read("http-api")
    let f = fields(t)
    #expect(t.chosenFunction?.hasPrefix("module.counter.aws_lambda_function.this") == true)
    #expect(f["lambda.memoryMB"]! == ("512", "variable memory_mb (default, http-api/variables.tf:2)"))
    #expect(f["lambda.architecture"]! == ("\"arm64\"", "counter/main.tf:18"))
    #expect(f["lambda.timeoutSeconds"]! == ("3", "AWS default"))
    #expect(f["lambda.reservedConcurrency"]!.json == "20")
    #expect(f["apiGateway.type"]!.json == "\"http\"")
    // lookup(var.throttle, var.env, 10) with env = prod; the burst is twice that, via coalesce and try.
    #expect(f["apiGateway.rateLimitPerSecond"]! == ("50", "local rate_limit (http-api/main.tf:5)"))
    #expect(f["apiGateway.burst"]!.json == "100")
    #expect(f["dynamodb.billingMode"]!.json == "\"onDemand\"")
    #expect(f["cdn.ttlSeconds"]!.json == "86400" && f["cdn.ttlSeconds"]!.source.contains("Managed-CachingOptimized"))
    #expect(f["cdn.priceClass"]!.json == "\"PriceClass_100\"")
    // for_each over fileset: the sizes of the files in the repository.
    let html = try Data(contentsOf: URL(fileURLWithPath: "\(Self.fixtures)/http-api/site/index.html")).count
    #expect(f["page.htmlBytes"]!.json == String(html))
    #expect(f["page.assets"]!.json == #"[{"name":"counter.js","bytes":2048},{"name":"style.css","bytes":9000}]"#)
    #expect(t.unknownTypes == ["aws_sns_topic"])
    let s = try loads(t)
    #expect(s.lambda.memoryMB == 512 && s.lambda.architecture == .arm64 && s.apiGateway.burst == 100)
  }

  @Test func restAPIWithRoute53AndAUsagePlan() throws {
    let t = try read("rest-api")
    let f = fields(t)
    #expect(f["apiGateway.type"]!.json == "\"rest\"")
    // The method settings (100/s, burst 200) are the API's throttle. The usage plan (25.5/s,
    // burst 40) throttles each API key's client on methods that require a key: AWS does not
    // apply it to the API, so neither does the import; the notes say why.
    #expect(f["apiGateway.rateLimitPerSecond"]! == ("100", "rest-api/main.tf:73"))
    #expect(f["apiGateway.burst"]! == ("200", "rest-api/main.tf:74"))
    #expect(t.notes.contains { $0.contains("aws_api_gateway_usage_plan.basic") && $0.contains("per API key") })
    #expect(f["lambda.memoryMB"]! == ("128", "AWS default"))
    #expect(f["lambda.reservedConcurrency"]!.json == "null")
    // aws_dynamodb_table's billing_mode defaults to PROVISIONED.
    #expect(f["dynamodb.billingMode"]! == ("\"provisioned\"", "AWS default (aws_dynamodb_table)"))
    #expect(f["dynamodb.writeCapacityUnits"]! == ("5", "rest-api/main.tf:27"))
    #expect(f["cdn.ttlSeconds"]! == ("3600", "rest-api/main.tf:105"))
    #expect(f["dns.aliasRecords"]!.json == "true")
    #expect(f["page.htmlBytes"]!.json == "32")
  }

  @Test func functionURLSiteHasNoGateway() throws {
    let t = try read("function-url")
    let f = fields(t)
    #expect(f["apiGateway.type"]!.json == "\"functionUrl\"")
    #expect(f["lambda.provisionedConcurrency"]! == ("2", "function-url/main.tf:22"))
    #expect(f["lambda.timeoutSeconds"]! == ("10", "function-url/main.tf:17"))
    let s = try loads(t)
    #expect(s.apiGateway.type == .functionUrl)
  }

  @Test func registryModulesGetTheirOwnDefaults() throws {
    let t = try read("registry")
    let f = fields(t)
    #expect(t.chosenFunction?.hasPrefix("module.counter_lambda") == true)
    #expect(f["lambda.memoryMB"]! == ("128", "module default (terraform-aws-modules/lambda)"))
    #expect(f["lambda.timeoutSeconds"]! == ("5", "registry/main.tf:10"))
    #expect(f["dynamodb.billingMode"]! == ("\"onDemand\"", "module default (terraform-aws-modules/dynamodb-table)"))
    #expect(f["apiGateway.rateLimitPerSecond"]!.json == "20" && f["apiGateway.burst"]!.json == "10")
    #expect(f["cdn.ttlSeconds"]!.json == "0" && f["cdn.ttlSeconds"]!.source.contains("Managed-CachingDisabled"))
    #expect(f["cdn.priceClass"]!.json == "\"PriceClass_200\"")
    _ = try loads(t)
  }

  @Test func twoStacksWithPerEnvironmentVariables() throws {
    do {
      _ = try read("stacks")
      Issue.record("a directory of stacks was read as one")
    } catch {
      let said = "\(error)"
      #expect(said.contains("2 stacks") && said.contains("infra/prod"))
    }
    let prod = fields(try read("stacks/infra/prod", varFiles: ["stacks/envs/prod.tfvars"]))
    #expect(prod["lambda.memoryMB"]! == ("1024", "prod.tfvars:1"))
    #expect(prod["lambda.reservedConcurrency"]! == ("50", "prod.tfvars:2"))
    #expect(prod["apiGateway.type"]!.json == "\"functionUrl\"")
    // --var comes last, as in Terraform.
    let overridden = fields(
      try read("stacks/infra/prod", varFiles: ["stacks/envs/prod.tfvars"], vars: ["memory=2048"]))
    #expect(overridden["lambda.memoryMB"]! == ("2048", "--var memory"))
    // Staging's file leaves reserved at its default and memory is given; without a file the
    // memory cannot be known, and the import says why instead of guessing.
    let staging = try read("stacks/infra/staging")
    #expect(fields(staging)["lambda.memoryMB"] == nil)
    #expect(staging.unresolved.contains { $0.contains("memory_size") && $0.contains("no default and no value") })
    let small = fields(try read("stacks/infra/staging", varFiles: ["stacks/envs/staging.tfvars"]))
    #expect(small["lambda.memoryMB"]! == ("128", "staging.tfvars:2"))
    #expect(small["lambda.reservedConcurrency"]!.json == "null")
  }

  @Test func planJSONReadsPlannedValuesAndConfigurationReferences() throws {
    let t = try read("plan/plan.json")
    let f = fields(t)
    #expect(t.chosenFunction?.hasPrefix("module.lambda.aws_lambda_function.this[0]") == true)
    #expect(f["lambda.memoryMB"]!.json == "1769" && f["lambda.memoryMB"]!.source.contains("plan.json"))
    #expect(f["lambda.architecture"]!.json == "\"arm64\"")
    #expect(f["apiGateway.rateLimitPerSecond"]!.json == "15" && f["apiGateway.burst"]!.json == "30")
    #expect(f["dynamodb.billingMode"]!.json == "\"provisioned\"" && f["dynamodb.readCapacityUnits"]!.json == "2")
    _ = try loads(t)
  }

  @Test func everyFilledFieldNamesItsSource() throws {
    for rel in ["http-api", "rest-api", "function-url", "registry", "plan/plan.json"] {
      for field in try read(rel).fields {
        #expect(!field.source.isEmpty, "\(rel) \(field.path)")
        #expect(
          field.source.contains(".tf") || field.source.contains("default") || field.source.contains("plan.json")
            || field.source.contains("aws_") || field.source.contains("--var") || field.source.contains("no aws_"),
          "\(rel) \(field.path): \(field.source)")
      }
    }
  }

  @Test func syntaxErrorsNameFileLineAndColumn() throws {
    let dir = NSTemporaryDirectory() + "tf-\(UUID().uuidString)"
    try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(atPath: dir) }
    try "resource \"aws_lambda_function\" \"f\" {\n  memory_size = \n}\n".write(
      toFile: dir + "/main.tf", atomically: true, encoding: .utf8)
    do {
      _ = try TerraformImport.read(path: dir)
      Issue.record("a broken file was read")
    } catch {
      #expect("\(error)".contains("main.tf:2:17: expected an expression, found the end of the line"), "\(error)")
    }
    try "resource \"aws_sns_topic\" \"t\" {\n  name = \"x\"\n}\n".write(
      toFile: dir + "/main.tf", atomically: true, encoding: .utf8)
    #expect(throws: TerraformImport.Failure.self) { try TerraformImport.read(path: dir) }
  }

  @Test func heredocsCommentsAndEscapes() throws {
    let text = """
      # hash comment
      // slash comment
      /* block
         comment */
      a = <<-EOT
          indented ${var.x}
            more
          EOT
      b = "tab\\there \\"quoted\\" $${literal}"
      c = [1, 2.5e1, -3]
      d = { "k-1" = true, k2 = null }
      e = x ? 1 : 2
      """
    let body = try HCLParser.parse(text, file: "t.tf")
    #expect(body.attributes.map(\.name) == ["a", "b", "c", "d", "e"])
    guard case .template(let parts, _) = body.attribute("a")!.value else { throw HCLTestFailure() }
    #expect(parts.count == 3)
    if case .text(let t) = parts[0] { #expect(t == "indented ") }
    if case .text(let t) = parts[2] { #expect(t == "\n  more\n") }
    guard case .template(let b, _) = body.attribute("b")!.value, case .text(let bt) = b[0] else {
      throw HCLTestFailure()
    }
    #expect(bt == "tab\there \"quoted\" ${literal}")
  }
}

struct HCLTestFailure: Error {}
