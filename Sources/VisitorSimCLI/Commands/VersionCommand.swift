/// `visitorsim version`.
enum VersionCommand {
  static let spec = CommandSpec(
    name: "version", arguments: "", maxPositionals: 0, summary: "the version", discussion: "", groups: [],
    examples: ["visitorsim version"],
    run: { (_, console) throws(CLIError) in console.out("visitorsim \(CLI.version)\n") })
}
