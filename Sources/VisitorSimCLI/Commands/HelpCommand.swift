/// `visitorsim help [COMMAND]`: every command, or one command's help.
enum HelpCommand {
  static let spec = CommandSpec(
    name: "help", arguments: "[COMMAND]", maxPositionals: 2,
    summary: "every command, or one command's options and examples",
    discussion: "`visitorsim help figures` lists every figure objectives, thresholds and sweeps may name.",
    groups: [], examples: ["visitorsim help sweep", "visitorsim help figures"],
    run: { (args, console) throws(CLIError) in try run(&args, console: console) })

  static func run(_ args: inout Arguments, console: Console) throws(CLIError) {
    let words = try args.positionals(max: 2)
    guard !words.isEmpty else {
      console.out(HelpText.overview)
      return
    }
    if words == ["figures"] {
      console.out(HelpText.figures)
      return
    }
    let (command, used) = try CommandTable.resolve(words)
    if used < words.count { throw .usage("unexpected argument \(words[used])") }
    console.out(HelpText.command(command))
  }
}
