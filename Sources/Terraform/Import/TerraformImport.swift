import Foundation
import ScenarioModel

/// The scenario fields a Terraform configuration (or plan, or state) sets, each with where it
/// came from: `visitorsim scenario from-terraform`.
///
/// It finds the counter function (the Lambda behind the API's route or Function URL, else the
/// one whose environment refers to a DynamoDB table, else the first), the API in front of it,
/// the table, the CloudFront distribution, the Route 53 records and the site's files, applies
/// AWS's defaults and those of the terraform-aws-modules registry modules where an attribute
/// is omitted, and says for every field what set it, and for what it could not resolve, why.
public struct TerraformImport: Sendable {
  public struct Field: Sendable, Equatable {
    /// Scenario field path.
    public var path: String
    /// The value as JSON.
    public var json: String
    /// Where it came from: `main.tf:14`, `variable memory (default, variables.tf:3)`,
    /// `prod.tfvars:2`, `--var memory`, `AWS default`, `module default (terraform-aws-modules/lambda)`.
    public var source: String
  }

  public var fields: [Field] = []
  /// What could not be resolved, and why.
  public var unresolved: [String] = []
  public var notes: [String] = []
  public var chosenFunction: String?
  public var otherFunctions: [String] = []
  public var unknownTypes: [String] = []
  /// WebSocket APIs met: the model has no WebSocket, so a stack whose only API is one is refused.
  public var webSocketAPIs: [String] = []

  /// Types whose data sources are named in the notes (look-ups of the site's own parts).
  static let lookedUp: Set<String> = [
    "aws_dynamodb_table", "aws_lambda_function", "aws_cloudfront_distribution", "aws_apigatewayv2_api",
    "aws_api_gateway_rest_api",
  ]

  public typealias Failure = TerraformModule.Failure

  /// Reads `path` (a directory of `.tf` files, or `terraform show -json` output).
  public static func read(path: String, varFiles: [String] = [], vars: [String] = []) throws(Failure) -> TerraformImport
  {
    try read(paths: [path], varFiles: varFiles, vars: vars)
  }

  /// Reads several stacks as one site (a front end, a back end, a database; each with its own
  /// `terraform.tfvars`, and `--var-file`/`--var` given to all): their resources are mapped
  /// together by role, so a root without a Lambda contributes what it has.
  public static func read(paths: [String], varFiles: [String] = [], vars: [String] = []) throws(Failure)
    -> TerraformImport
  {
    var views: [ResourceView] = []
    var t = TerraformImport()
    let named = paths.joined(separator: ", ")
    var loads: [(path: String, modules: [TerraformModule])] = []
    for path in paths {
      let loaded = try TerraformSources.load(path: path, varFiles: varFiles, vars: vars)
      t.notes += loaded.notes
      views += loaded.views
      loads.append((path, loaded.modules))
    }
    t.map(views, directory: paths[0])
    // A reference cycle (met while evaluating) is an error naming it, never a value.
    for (path, modules) in loads {
      if let cycle = modules.lazy.flatMap(\.cycles).first { throw Failure("\(path): a reference cycle: \(cycle)") }
    }
    if !t.webSocketAPIs.isEmpty && !t.fields.contains(where: { $0.path == "apiGateway.type" }) {
      throw Failure(
        "\(named): the API is a WebSocket API (\(t.webSocketAPIs.joined(separator: ", "))): visitorsim models an HTTP or REST API or a Function URL in front of the counter, not a WebSocket"
      )
    }
    guard t.chosenFunction != nil || t.fields.contains(where: { $0.path == "apiGateway.type" }) || paths.count > 1
    else {
      let types = Set(views.map(\.type)).sorted()
      // Why nothing was found may be a module that was not read: say so.
      let unread = t.notes.filter { $0.contains("not read") }
      throw Failure(
        "\(named): no Lambda function or API found (saw \(types.isEmpty ? "no resources" : types.joined(separator: ", ")))"
          + (unread.isEmpty ? "" : "; " + unread.joined(separator: "; "))
          + "; a stack without them can be read with the back end's: from-terraform FRONT BACK")
    }
    guard !t.fields.isEmpty || paths.count == 1 else {
      throw Failure("\(named): none of these stacks sets a field of the site (saw \(Set(views.map(\.type)).sorted().joined(separator: ", ")))")
    }
    t.listKept()
    return t
  }

  /// What the base keeps, by part, with why: every field the import did not set is said.
  public var kept: [String] = []

  mutating func listKept() {
    let set = Set(fields.map { $0.path.split(separator: ".").first.map(String.init) ?? $0.path })
    let parts: [(String, String)] = [
      ("lambda", "no Lambda function in these stacks"), ("apiGateway", "no API fronts the function"),
      ("dynamodb", "no DynamoDB table in these stacks"), ("cdn", "no CloudFront distribution of the site read"),
      ("dns", "no Route 53 record"), ("page", "no aws_s3_object naming a file in the repository"),
    ]
    kept = parts.filter { !set.contains($0.0) }.map { "\($0.0).* (\($0.1))" }
  }

  /// The major version a module's `version` constraint allows (`"~> 5.0"`, `"5.3.1"`, `">= 5"`);
  /// nil when it is missing or allows majors with different defaults (`">= 4"`).
  static func majorVersion(_ constraint: String?) -> Int? {
    guard let constraint else { return nil }
    let trimmed = constraint.trimmingCharacters(in: .whitespaces)
    guard let major = Int(trimmed.drop { !$0.isNumber }.prefix { $0.isNumber }) else { return nil }
    // ">= 4" may resolve to 4 or to 5: only a lower bound of 5 or more pins the defaults.
    if trimmed.hasPrefix(">") && !trimmed.contains(",") { return major >= 5 ? major : nil }
    return major
  }

  static let known: Set<String> = [
    "aws_lambda_function", "aws_lambda_function_url", "aws_lambda_provisioned_concurrency_config",
    "aws_apigatewayv2_api", "aws_apigatewayv2_integration", "aws_apigatewayv2_stage", "aws_apigatewayv2_route",
    "aws_api_gateway_rest_api", "aws_api_gateway_integration", "aws_api_gateway_method_settings",
    "aws_api_gateway_usage_plan", "aws_api_gateway_stage", "aws_api_gateway_deployment", "aws_api_gateway_resource",
    "aws_api_gateway_method", "aws_dynamodb_table", "aws_cloudfront_distribution", "aws_cloudfront_cache_policy",
    "aws_route53_record", "aws_route53_zone", "aws_s3_object", "aws_s3_bucket_object",
  ]

  mutating func set(_ path: String, _ json: String, _ source: String) {
    fields.removeAll { $0.path == path }
    fields.append(Field(path: path, json: json, source: source))
  }

  static func literal(_ x: Double) -> String { format(x) }

  /// A JSON string literal.
  static func quoted(_ s: String) -> String { JSONValue.quoted(s) }

  /// A number attribute, or the default with its source; an unknown value is reported.
  mutating func number(_ r: ResourceView, _ attribute: String, default d: Double?, defaultSource: String) -> (
    Double, String
  )? {
    if let v = r.get(attribute) {
      if let x = v.value.number { return (x, v.source) }
      unresolved.append("\(r.address).\(attribute): \(v.value.brief) at \(v.source)")
      return nil
    }
    return d.map { ($0, defaultSource) }
  }

  mutating func text(_ r: ResourceView, _ attribute: String) -> (String, String)? {
    guard let v = r.get(attribute) else { return nil }
    if let s = v.value.string { return (s, v.source) }
    unresolved.append("\(r.address).\(attribute): \(v.value.brief) at \(v.source)")
    return nil
  }

  // MARK: The mapping

  mutating func map(_ views: [ResourceView], directory: String) {
    unknownTypes = Set(
      views.map(\.type).filter {
        !Self.known.contains($0) && !$0.hasPrefix("module:") && !$0.hasPrefix("aws_iam")
          && !$0.hasPrefix("aws_s3_bucket") && !$0.hasPrefix("aws_acm") && !$0.hasPrefix("aws_cloudwatch")
          && !$0.hasPrefix("aws_lambda_permission")
      }
    ).sorted()
    // Data sources are look-ups of what another stack defines: never read as this stack's
    // resources (a cache policy looked up by name is the one exception: its TTLs are AWS's).
    func of(_ type: String) -> [ResourceView] { views.filter { $0.type == type && !$0.isDataSource } }
    for d in views where d.isDataSource && Self.lookedUp.contains(d.type) {
      notes.append(
        "\(d.address) (\(d.location)) is a data source: a look-up of a \(d.type) defined in another stack, whose values are not read here (read that stack too)"
      )
    }
    for ws in views where ws.type == "aws_apigatewayv2_api" && !ws.isDataSource
      && ws.get("protocol_type")?.value.string?.uppercased() == "WEBSOCKET"
    {
      webSocketAPIs.append("\(ws.address) (\(ws.location))")
    }
    let functions = of("aws_lambda_function") + of("module:lambda")
    let urls = of("aws_lambda_function_url")
    let httpIntegrations = of("aws_apigatewayv2_integration")
    let restIntegrations = of("aws_api_gateway_integration")
    let apiModules = of("module:apigateway-v2")

    /// A function's address as others refer to it (`aws_lambda_function.counter`,
    /// `module.lambda`); instance keys dropped.
    func referenceName(_ f: ResourceView) -> String {
      f.address.replacingOccurrences(of: #"\[[^\]]*\]"#, with: "", options: .regularExpression)
        .replacingOccurrences(of: #"^(module\.[^.]+\.)+(?=aws_)"#, with: "", options: .regularExpression)
    }
    func isReferenced(_ f: ResourceView, by r: ResourceView, _ attributes: [String], blocks: [String] = []) -> Bool {
      // Referred to by its own address, or (inside a local module) by the module's outputs.
      var names = [referenceName(f)]
      let bare = f.address.replacingOccurrences(of: #"\[[^\]]*\]"#, with: "", options: .regularExpression)
      if bare.hasPrefix("module."), let call = bare.split(separator: ".").dropFirst().first {
        names.append("module.\(call)")
      }
      let refs = r.allReferences(attributes, blocks: blocks)
      if refs.contains(where: { ref in names.contains { ref == $0 || ref.hasPrefix($0 + ".") } }) { return true }
      // A state links by value: an ARN or a name containing the function's name.
      if let fn = f.get("function_name")?.value.string, !fn.isEmpty {
        return refs.contains {
          $0.hasSuffix(":function:" + fn) || $0.contains(":function:\(fn)/") || $0 == fn
            || $0.contains("/functions/arn:aws:lambda:") && $0.contains(":function:\(fn)/")
        }
      }
      return false
    }

    // The counter function.
    var chosen: ResourceView?
    var why = ""
    for f in functions {
      if let i = httpIntegrations.first(where: { isReferenced(f, by: $0, ["integration_uri"]) }) {
        (chosen, why) = (f, "the integration \(i.address)")
      } else if let i = restIntegrations.first(where: { isReferenced(f, by: $0, ["uri"]) }) {
        (chosen, why) = (f, "the integration \(i.address)")
      } else if let u = urls.first(where: { isReferenced(f, by: $0, ["function_name"]) }) {
        (chosen, why) = (f, "the Function URL \(u.address)")
      } else if let m = apiModules.first(where: { isReferenced(f, by: $0, ["integrations", "routes"]) }) {
        (chosen, why) = (f, "the API module \(m.address)")
      }
      if chosen != nil { break }
    }
    if chosen == nil {
      let tables = (of("aws_dynamodb_table") + of("module:dynamodb-table")).map(referenceName)
      for f in functions {
        let refs =
          f.allReferences(["environment_variables", "policy", "policy_json"], blocks: ["environment"])
          + f.blocks("environment").flatMap { $0.allReferences(["variables"]) }
        if refs.contains(where: { r in tables.contains { r.hasPrefix($0) } }) {
          (chosen, why) = (f, "its environment names the DynamoDB table")
          break
        }
      }
    }
    if chosen == nil, functions.count == 1 {
      (chosen, why) = (functions[0], "the only function found")
    } else if chosen == nil, functions.count > 1 {
      // Which one counts visitors cannot be told, and file order is no answer.
      unresolved.append(
        "lambda.*: \(functions.count) functions (\(functions.map(\.address).joined(separator: ", "))) and none is behind an API or names a table: which is the counter cannot be told, kept from the base"
      )
    }
    if let f = chosen {
      // A counter writes a table: a function that names none may be something else.
      let refs =
        f.allReferences(["environment_variables", "policy", "policy_json"], blocks: ["environment"])
        + f.blocks("environment").flatMap { $0.allReferences(["variables"]) }
      func tableKey(_ v: HCLValue?) -> Bool {
        guard case .object(let members)? = v else { return false }
        return members.contains { $0.key.uppercased().contains("TABLE") }
      }
      let namesTable =
        refs.contains { $0.contains("dynamodb") }
        || f.blocks("environment").contains { tableKey($0.get("variables")?.value) }
        || tableKey(f.get("environment_variables")?.value)
      if !namesTable {
        notes.append(
          "warning: \(f.address) (\(f.location)) names no DynamoDB table in its environment or policy: it may not be the visitor counter, yet its settings are read as the counter's"
        )
      }
      chosenFunction = "\(f.address) (\(f.location)), chosen by \(why)"
      otherFunctions = functions.filter { $0.address != f.address }.map(\.address)
      mapFunction(f, provisioned: of("aws_lambda_provisioned_concurrency_config"), referenceName: referenceName(f))
    }

    // The API in front of it.
    let httpAPIs = of("aws_apigatewayv2_api").filter { ($0.get("protocol_type")?.value.string ?? "HTTP") == "HTTP" }
    let restAPIs = of("aws_api_gateway_rest_api")
    let linkedHTTP =
      chosen.map { f in httpIntegrations.contains { isReferenced(f, by: $0, ["integration_uri"]) } } ?? false
    let linkedREST = chosen.map { f in restIntegrations.contains { isReferenced(f, by: $0, ["uri"]) } } ?? false
    let linkedModule =
      chosen.map { f in apiModules.contains { isReferenced(f, by: $0, ["integrations", "routes"]) } } ?? false
    let linkedURL =
      chosen.map { f in
        urls.contains { isReferenced(f, by: $0, ["function_name"]) }
          || (f.type == "module:lambda" && f.get("create_lambda_function_url")?.value.bool == true)
      } ?? false
    if linkedHTTP || (!linkedREST && !linkedURL && !linkedModule && !httpAPIs.isEmpty) {
      let api = httpAPIs.first
      set("apiGateway.type", "\"http\"", api.map { "\($0.address) (\($0.location))" } ?? "an HTTP API integration")
      for stage in of("aws_apigatewayv2_stage") {
        for s in stage.blocks("default_route_settings") {
          throttle(s, rate: "throttling_rate_limit", burst: "throttling_burst_limit")
        }
      }
    } else if linkedModule || (!linkedREST && !linkedURL && !apiModules.isEmpty) {
      let m = apiModules[0]
      let proto = m.get("protocol_type")?.value.string ?? "HTTP"
      set(
        "apiGateway.type", proto == "HTTP" ? "\"http\"" : "\"rest\"",
        "\(m.address) (\(m.location); protocol_type \(proto))")
      var rateSet = false
      var burstSet = false
      for input in ["default_route_settings", "stage_default_route_settings"] {
        if let v = m.get(input) {
          let rate = v.value["throttling_rate_limit"]?.number
          let burst = v.value["throttling_burst_limit"]?.number
          if let rate { setThrottle(rate: (rate, v.source), burst: nil) }
          if let burst { setThrottle(rate: nil, burst: (burst, v.source)) }
          rateSet = rateSet || rate != nil
          burstSet = burstSet || burst != nil
        }
      }
      // The module's own defaults depend on its major version: from v5 every route's settings
      // default to 1,000 requests a second and a burst of 500 (terraform-aws-modules/
      // apigateway-v2 main.tf, route_settings); before, none (the account's limits).
      let version = m.get("version")?.value.string
      switch Self.majorVersion(version) {
      case let major? where major >= 5:
        let source = "module default (terraform-aws-modules/apigateway-v2 v\(major), version \"\(version ?? "")\")"
        if !rateSet { setThrottle(rate: (1_000, source), burst: nil) }
        if !burstSet { setThrottle(rate: nil, burst: (500, source)) }
      case nil where !(rateSet && burstSet):
        notes.append(
          "\(m.address): the module's version is \(version.map { "\"\($0)\"" } ?? "not pinned"): its throttling defaults depend on it (from v5, 1,000 requests a second and a burst of 500 per route), so apiGateway's throttle is kept from the base where the stack does not set it"
        )
      default: break
      }
    } else if linkedREST || (!linkedURL && !restAPIs.isEmpty) {
      let api = restAPIs.first
      set("apiGateway.type", "\"rest\"", api.map { "\($0.address) (\($0.location))" } ?? "a REST API integration")
      for ms in of("aws_api_gateway_method_settings") {
        for s in ms.blocks("settings") { throttle(s, rate: "throttling_rate_limit", burst: "throttling_burst_limit") }
      }
      // A usage plan throttles each API key's client on the methods that require a key: not
      // the API as a whole, and not the page's anonymous calls. Named, not applied.
      for plan in of("aws_api_gateway_usage_plan") where !plan.blocks("throttle_settings").isEmpty {
        notes.append(
          "\(plan.address) (\(plan.location)): a usage plan's throttle applies per API key to methods with api_key_required, not to the API: apiGateway.rateLimitPerSecond and burst not taken from it"
        )
      }
    } else if linkedURL || !urls.isEmpty {
      let u = urls.first
      set(
        "apiGateway.type", "\"functionUrl\"",
        u.map { "\($0.address) (\($0.location))" } ?? "create_lambda_function_url in \(chosen!.address)")
    }

    mapTable(of("aws_dynamodb_table") + of("module:dynamodb-table"), chosen: chosen)
    mapCDN(
      of("aws_cloudfront_distribution") + of("module:cloudfront"),
      policies: views.filter { $0.type == "aws_cloudfront_cache_policy" })
    mapDNS(of("aws_route53_record"))
    mapFiles(of("aws_s3_object") + of("aws_s3_bucket_object"))
  }

  mutating func mapFunction(_ f: ResourceView, provisioned: [ResourceView], referenceName: String) {
    let isModule = f.type == "module:lambda"
    let aws = isModule ? "module default (terraform-aws-modules/lambda)" : "AWS default"
    if let (m, src) = number(f, "memory_size", default: 128, defaultSource: aws) {
      set("lambda.memoryMB", Self.literal(m), src)
    }
    if let (t, src) = number(f, "timeout", default: 3, defaultSource: aws) {
      set("lambda.timeoutSeconds", Self.literal(t), src)
    }
    if let v = f.get("architectures") {
      if case .list(let items) = v.value, let a = items.first?.string {
        set("lambda.architecture", Self.quoted(a), v.source)
      } else {
        unresolved.append("\(f.address).architectures: \(v.value.brief) at \(v.source)")
      }
    } else {
      set("lambda.architecture", "\"x86_64\"", aws)
    }
    if let (r, src) = text(f, "runtime"), !r.isEmpty { set("lambda.runtime", Self.quoted(r), src) }
    if let (c, src) = number(f, "reserved_concurrent_executions", default: -1, defaultSource: aws) {
      set("lambda.reservedConcurrency", c < 0 ? "null" : Self.literal(c), src + (c < 0 ? " (-1: no reservation)" : ""))
    }
    var pc: (Double, String)?
    if isModule {
      pc = number(f, "provisioned_concurrent_executions", default: -1, defaultSource: aws)
    } else if let p = provisioned.first(where: {
      $0.refers(to: referenceName, in: ["function_name"])
        || $0.get("function_name")?.value.string == f.get("function_name")?.value.string
    }) {
      pc = number(p, "provisioned_concurrent_executions", default: nil, defaultSource: "")
    } else {
      pc = (0, "no aws_lambda_provisioned_concurrency_config for it")
    }
    if let (p, src) = pc { set("lambda.provisionedConcurrency", Self.literal(max(0, p)), src) }
  }

  mutating func throttle(_ s: ResourceView, rate: String, burst: String) {
    setThrottle(
      rate: number(s, rate, default: nil, defaultSource: ""), burst: number(s, burst, default: nil, defaultSource: ""))
  }

  /// A stage or usage-plan throttle: the tightest one written wins.
  mutating func setThrottle(rate: (Double, String)?, burst: (Double, String)?) {
    if let (r, src) = rate, r > 0 {
      let current = fields.first { $0.path == "apiGateway.rateLimitPerSecond" }.flatMap { Double($0.json) } ?? .infinity
      if r < current { set("apiGateway.rateLimitPerSecond", Self.literal(r), src) }
    }
    if let (b, src) = burst, b >= 1 {
      let current = fields.first { $0.path == "apiGateway.burst" }.flatMap { Double($0.json) } ?? .infinity
      if b < current { set("apiGateway.burst", Self.literal(b), src) }
    }
  }

  mutating func mapTable(_ tables: [ResourceView], chosen: ResourceView?) {
    let envRefs =
      chosen.map { f in
        f.blocks("environment").flatMap { $0.allReferences(["variables"]) } + f.references("environment_variables")
      } ?? []
    let referenced = tables.first { t in
      let name = t.address.replacingOccurrences(of: #"\[[^\]]*\]"#, with: "", options: .regularExpression)
      return envRefs.contains { $0.hasPrefix(name) }
    }
    // Several tables and none named by the function: which one it writes cannot be told, and
    // file order is no answer.
    if referenced == nil && tables.count > 1 {
      unresolved.append(
        "dynamodb.*: \(tables.count) tables (\(tables.map { "\($0.address) at \($0.location)" }.joined(separator: ", "))) and the function's environment names none: kept from the base"
      )
      return
    }
    guard let t = referenced ?? tables.first else { return }
    if tables.count > 1 { notes.append("\(tables.count) DynamoDB tables; read \(t.address), the one the function's environment names") }
    let isModule = t.type == "module:dynamodb-table"
    let mode = t.get("billing_mode")
    // Written but not known here (a variable with no value, a look-up): unknown stays
    // unknown, never the default with the expression's place as its source.
    if let mode, mode.value.isUnknown {
      unresolved.append(
        "\(t.address).billing_mode: \(mode.value.brief) at \(mode.source): dynamodb.billingMode kept from the base")
      return
    }
    let value = mode?.value.string ?? (isModule ? "PAY_PER_REQUEST" : "PROVISIONED")
    let source =
      mode?.source
      ?? (isModule ? "module default (terraform-aws-modules/dynamodb-table)" : "AWS default (aws_dynamodb_table)")
    guard value == "PAY_PER_REQUEST" || value == "PROVISIONED" else {
      unresolved.append("\(t.address).billing_mode: \(mode?.value.brief ?? "?") at \(source)")
      return
    }
    set("dynamodb.billingMode", value == "PAY_PER_REQUEST" ? "\"onDemand\"" : "\"provisioned\"", source)
    if value == "PROVISIONED" {
      if let (r, src) = number(t, "read_capacity", default: nil, defaultSource: "") {
        set("dynamodb.readCapacityUnits", Self.literal(r), src)
      }
      if let (w, src) = number(t, "write_capacity", default: nil, defaultSource: "") {
        set("dynamodb.writeCapacityUnits", Self.literal(w), src)
      }
    }
  }

  /// Default TTLs of CloudFront's managed cache policies, by id and by name (CloudFront
  /// developer guide, "Use managed cache policies").
  static let managedPolicies: [(id: String, name: String, defaultTTL: Double)] = [
    ("658327ea-f89d-4fab-a63d-7e88639e58f6", "Managed-CachingOptimized", 86_400),
    ("b2884449-e4de-46a7-ac36-70bc7f1ddd6d", "Managed-CachingOptimizedForUncompressedObjects", 86_400),
    ("4135ea2d-6df8-44a3-9df3-4b5a84be39ad", "Managed-CachingDisabled", 0),
    ("4cc15a8a-d715-48a4-82b8-cc0b614638fe", "Managed-Amplify", 2),
  ]

  /// `policies`: the cache policy resources and data sources (both of that type).
  /// What a distribution's origins point at.
  enum OriginKind { case site, api, unknown }

  static func origins(of d: ResourceView) -> [OriginKind] {
    let blocks = d.blocks("origin")
    var texts: [String] = d.references("origin") + (d.get("origin").map { [$0.value.brief] } ?? [])
    for b in blocks { texts += b.references("domain_name") + [b.get("domain_name")?.value.string ?? ""] }
    return texts.filter { !$0.isEmpty }.map { t in
      if t.contains("aws_apigatewayv2_api") || t.contains("aws_api_gateway_rest_api") || t.contains("execute-api")
        || t.contains("aws_lambda_function_url") || t.contains("lambda-url")
      {
        return .api
      }
      if t.contains("aws_s3_bucket") || t.contains(".s3.") || t.contains("s3-website") || t.contains("module.s3") {
        return .site
      }
      return .unknown
    }
  }

  /// The distribution that serves the page: an origin in S3 or a default root object; one
  /// whose only origin is the API fronts the API (named; the model calls the API directly).
  mutating func siteDistribution(_ distributions: [ResourceView]) -> ResourceView? {
    var site: [ResourceView] = []
    var unknown: [ResourceView] = []
    for d in distributions {
      let kinds = Self.origins(of: d)
      if kinds.contains(.site) || d.get("default_root_object") != nil {
        site.append(d)
        if kinds.contains(.api) {
          notes.append(
            "warning: \(d.address) (\(d.location)) also routes to the API: visitorsim models the API called directly, so CloudFront's hop and request charge on API calls are not in the figures"
          )
        }
      } else if kinds.contains(.api) {
        notes.append(
          "warning: \(d.address) (\(d.location)) fronts the API, not the site: visitorsim models the API called directly, so this distribution's hop and request charge on API calls are not in the figures"
        )
      } else {
        unknown.append(d)
      }
    }
    if site.count == 1 { return site[0] }
    if site.count > 1 {
      unresolved.append(
        "cdn.*: \(site.count) distributions serve the site (\(site.map { "\($0.address) at \($0.location)" }.joined(separator: ", "))): which one visitors reach cannot be told here, kept from the base"
      )
      return nil
    }
    if unknown.count == 1 { return unknown[0] }
    if unknown.count > 1 {
      unresolved.append(
        "cdn.*: \(unknown.count) distributions whose origins cannot be told apart (\(unknown.map(\.address).joined(separator: ", "))): kept from the base"
      )
    }
    return nil
  }

  mutating func mapCDN(_ distributions: [ResourceView], policies: [ResourceView]) {
    guard let d = siteDistribution(distributions) else { return }
    let isModule = d.type == "module:cloudfront"
    if let (pc, src) = text(d, "price_class") {
      set("cdn.priceClass", Self.quoted(pc), src)
    } else {
      set(
        "cdn.priceClass", "\"PriceClass_All\"",
        isModule ? "module default (terraform-aws-modules/cloudfront: AWS's)" : "AWS default")
    }
    // The default cache behaviour: a block, or the registry module's object input.
    var policyID: (HCLValue, String)?
    var policyRefs: [String] = []
    var legacyTTL: (Double, String)?
    if isModule {
      if let v = d.get("default_cache_behavior") {
        if let p = v.value["cache_policy_id"] { policyID = (p, v.source) }
        if let t = v.value["default_ttl"]?.number { legacyTTL = (t, v.source) }
      }
      policyRefs = d.references("default_cache_behavior")
    } else if let b = d.blocks("default_cache_behavior").first {
      if let p = b.get("cache_policy_id") { policyID = (p.value, p.source) }
      policyRefs = b.references("cache_policy_id")
      legacyTTL = number(b, "default_ttl", default: nil, defaultSource: "")
    }
    if policyID != nil || !policyRefs.isEmpty {
      if let id = policyID?.0.string, let m = Self.managedPolicies.first(where: { $0.id == id }) {
        set("cdn.ttlSeconds", Self.literal(m.defaultTTL), "\(policyID!.1): the managed policy \(m.name)")
        return
      }
      for ref in policyRefs {
        let parts = ref.split(separator: ".").map(String.init)
        if parts.first == "data", parts.count >= 3,
          let data = policies.first(where: { $0.address.hasSuffix("data.aws_cloudfront_cache_policy.\(parts[2])") }),
          let name = data.get("name")?.value.string, let m = Self.managedPolicies.first(where: { $0.name == name })
        {
          set("cdn.ttlSeconds", Self.literal(m.defaultTTL), "\(data.location): the managed policy \(m.name)")
          return
        }
        if parts.first == "aws_cloudfront_cache_policy", parts.count >= 2,
          let p = policies.first(where: { $0.address.hasSuffix("aws_cloudfront_cache_policy.\(parts[1])") })
        {
          if let (t, src) = number(
            p, "default_ttl", default: 86_400, defaultSource: "AWS default (cache policy default_ttl)")
          {
            set("cdn.ttlSeconds", Self.literal(t), src)
          }
          return
        }
      }
      unresolved.append(
        "cdn.ttlSeconds: the cache policy of \(d.address) (\(policyID?.0.brief ?? policyRefs.joined(separator: ", "))) is not one this reader knows"
      )
      return
    }
    if let (t, src) = legacyTTL {
      set("cdn.ttlSeconds", Self.literal(t), src)
    } else {
      set("cdn.ttlSeconds", "86400", "AWS default (legacy default_ttl, forwarded_values)")
    }
  }

  mutating func mapDNS(_ records: [ResourceView]) {
    guard !records.isEmpty else { return }
    let aliased = records.filter { !$0.blocks("alias").isEmpty || $0.get("alias") != nil }
    if let a = aliased.first {
      set("dns.aliasRecords", "true", "\(a.address) (\(a.location)): an alias record")
    } else {
      set("dns.aliasRecords", "false", "\(records[0].address) (\(records[0].location)): no alias block")
    }
  }

  /// The site's files uploaded by Terraform: the page (index.html, else the first .html) and
  /// the other objects that are not HTML, with their sizes from the repository's files.
  mutating func mapFiles(_ objects: [ResourceView]) {
    var found: [(key: String, bytes: Int, source: String)] = []
    for o in objects {
      guard let (key, _) = text(o, "key") else { continue }
      if let v = o.get("source") {
        guard let path = v.value.string else {
          unresolved.append("\(o.address).source: \(v.value.brief) at \(v.source)")
          continue
        }
        guard let attributes = try? FileManager.default.attributesOfItem(atPath: path),
          let size = attributes[.size] as? Int
        else {
          unresolved.append("\(o.address): the file \(path) is not in the repository")
          continue
        }
        found.append((key, size, "\(o.location): \(path)"))
      } else if let (content, src) = text(o, "content") {
        found.append((key, content.utf8.count, src))
      }
    }
    guard !found.isEmpty else { return }
    let page = found.first { $0.key == "index.html" } ?? found.first { $0.key.hasSuffix(".html") }
    if let page { set("page.htmlBytes", String(page.bytes), page.source) }
    let assets = found.filter { !$0.key.hasSuffix(".html") && !$0.key.hasSuffix(".htm") }
    if !assets.isEmpty {
      let items = assets.map { "{\"name\":\(Self.quoted($0.key)),\"bytes\":\($0.bytes)}" }
      set(
        "page.assets", "[" + items.joined(separator: ",") + "]",
        "\(assets.count) aws_s3_object\(assets.count == 1 ? "" : "s") with their files' sizes (\(assets[0].source)\(assets.count > 1 ? ", ..." : ""))"
      )
    }
  }
}
