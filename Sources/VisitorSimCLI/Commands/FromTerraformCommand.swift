import Foundation
import ScenarioModel
import Terraform

/// `visitorsim scenario from-terraform PATH`: the scenario a Terraform configuration (or plan,
/// or state) describes, every field with where it came from.
enum FromTerraformCommand {
  static let spec = CommandSpec(
    name: "scenario from-terraform", arguments: "PATH [PATH...]", maxPositionals: 20,
    summary: "a scenario read from the site's Terraform (.tf files, or terraform show -json)",
    discussion: """
      PATH is a directory of .tf files (one stack; its local modules are read too) or the JSON
      that terraform show -json prints for a plan or a state. Several PATHs are one site split
      across stacks (front end, back end, database): each is read with its own tfvars and
      their resources are combined by role. HCL is read here, without
      Terraform: variables resolve from their defaults, terraform.tfvars, *.auto.tfvars,
      --var-file and --var (in Terraform's order); locals, local modules and simple functions
      are evaluated; AWS's defaults and those of the terraform-aws-modules registry modules fill
      omitted attributes. It fills the Lambda function's memory, architecture, runtime, timeout,
      reserved and provisioned concurrency, DynamoDB's billing mode and capacities, the API's
      type (HTTP, REST or Function URL) and throttling, CloudFront's TTL and price class, Route
      53 alias records, and the page's files where aws_s3_object names files in the repository.

      The scenario goes to --output or stdout; every field set, with its source, and what could
      not be resolved go to stderr (and into the scenario's notes). A file that does not parse
      is an error naming file:line:column (exit 65); unknown resources are listed, never fatal.
      """,
    groups: [
      OptionGroup(
        title: "Terraform",
        options: [
          .option("--var-file", "FILE", "a .tfvars file (after terraform.tfvars and *.auto.tfvars)", repeatable: true),
          .option("--var", "NAME=VALUE", "one variable (last, as terraform -var)", repeatable: true),
        ]),
      OptionGroup(
        title: "Output",
        options: [
          .option("--base", "SCENARIO", "the scenario the fields are set in (default: the embedded baseline)"),
          .option("--output", "FILE", "write the scenario to FILE instead of stdout"),
        ]),
      .dryRun,
    ],
    examples: [
      "visitorsim scenario from-terraform infra/ --var-file infra/prod.tfvars --output prod.json",
      "terraform show -json plan.out > plan.json && visitorsim scenario from-terraform plan.json",
      "visitorsim scenario from-terraform frontend/ backend/ database/ --output site.json",
    ],
    run: { (args, console) throws(CLIError) in try run(&args, console: console) })

  static func run(_ args: inout Arguments, console: Console) throws(CLIError) {
    let varFiles = try args.values("--var-file")
    let vars = try args.values("--var")
    let base = try args.value("--base")
    let output = try args.value("--output")
    let paths = try args.positionals(max: 20)
    guard let path = paths.first else {
      throw .usage("from-terraform needs a PATH: a directory of .tf files or terraform show -json output")
    }
    if args.flag("--dry-run") {
      // A dry run checks what a run would read: every PATH and var file there, every --var
      // well formed, every stack parsed.
      for v in vars where !v.contains("=") { throw .usage("--var \"\(v)\" is not NAME=VALUE") }
      for file in paths + varFiles where !FileManager.default.fileExists(atPath: file) {
        throw .noInput("\(file): no such file or directory")
      }
      do { _ = try TerraformImport.read(paths: paths, varFiles: varFiles, vars: vars) } catch {
        throw .badInput(error.description)
      }
      console.out(
        "dry run: would read the Terraform at \(paths.joined(separator: ", "))\(varFiles.isEmpty ? "" : " with " + varFiles.joined(separator: ", "))\(vars.isEmpty ? "" : " and --var " + vars.joined(separator: ", ")) onto \(base ?? "the baseline scenario") and write it to \(output ?? "stdout")"
      )
      return
    }
    for file in paths + varFiles where !FileManager.default.fileExists(atPath: file) {
      throw .noInput("\(file): no such file or directory")
    }
    let imported: TerraformImport
    do { imported = try TerraformImport.read(paths: paths, varFiles: varFiles, vars: vars) } catch {
      throw .badInput(error.description)
    }
    var said: [String] = []
    if let f = imported.chosenFunction {
      said.append("counter function: \(f)")
      if !imported.otherFunctions.isEmpty {
        said.append("  other functions seen: \(imported.otherFunctions.joined(separator: ", "))")
      }
    }
    let baseText = try ScenarioLoading.text(path: base)
    // The base's Lambda times were measured at its own memory and architecture: keep saying
    // so, so that the memory Terraform sets buys (or costs) CPU time.
    let baseScenario = try ScenarioLoading.load(text: baseText, path: base, sets: [], seed: nil)
    var fields = imported.fields.map { ($0.path, $0.json, $0.source) }
    let setsMemory = fields.contains { $0.0 == "lambda.memoryMB" }
    let setsArchitecture = fields.contains { $0.0 == "lambda.architecture" }
    if setsMemory && baseScenario.lambda.measuredAtMemoryMB == nil {
      fields.append(
        (
          "lambda.measuredAtMemoryMB", String(baseScenario.lambda.memoryMB),
          "the base scenario's handler and init times are as measured at its memoryMB"
        ))
    }
    if setsArchitecture && baseScenario.lambda.measuredOnArchitecture == nil {
      fields.append(
        (
          "lambda.measuredOnArchitecture", "\"\(baseScenario.lambda.architecture.rawValue)\"",
          "the base scenario's times are as measured on its architecture"
        ))
    }
    said.append("fields set (value, then where it came from):")
    for f in fields { said.append("  \(f.0) = \(f.1)   \(f.2)") }
    for u in imported.unresolved { said.append("  unresolved: \(u)") }
    for n in imported.notes { said.append(n.hasPrefix("warning: ") ? "  \(n)" : "  note: \(n)") }
    if !imported.kept.isEmpty { said.append("  kept from the base: \(imported.kept.joined(separator: "; "))") }
    if !imported.unknownTypes.isEmpty {
      said.append("  resources not read (no scenario field): \(imported.unknownTypes.joined(separator: ", "))")
    }
    let name = (path as NSString).lastPathComponent
    let notes =
      imported.fields.map { "from-terraform: \($0.path) = \($0.json) from \($0.source)" }
      + imported.unresolved.map { "from-terraform: unresolved: \($0)" }
      + (imported.kept.isEmpty ? [] : ["from-terraform: kept from the base: " + imported.kept.joined(separator: "; ")])
    let document: String
    do {
      document = try ScenarioOverride.derive(
        baseText, applying: fields.map { "\($0.0)=\($0.1)" }, rename: { _ in "terraform-" + name },
        description: "Read from the Terraform in \(paths.joined(separator: ", ")).", notes: notes)
    } catch {
      // Name the Terraform source of the field the scenario refused.
      guard let f = fields.first(where: { error.path.hasPrefix($0.0) }) else {
        throw .badInput("\(path): \(error.description)")
      }
      throw .badInput("\(error.description) (set from \(f.2))")
    }
    console.err(said.joined(separator: "\n"))
    if let output {
      try Files.write(Data(document.utf8), to: output)
      console.err("wrote \(output)")
    } else {
      console.out(document)
    }
  }
}
