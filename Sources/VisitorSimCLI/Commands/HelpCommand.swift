/// `visitorsim help [COMMAND]`: every command, or one command's help.
enum HelpCommand {
  static let spec = CommandSpec(
    name: "help", arguments: "[COMMAND]", maxPositionals: 1,
    summary: "every command, or one command's options and examples",
    discussion: "", groups: [], examples: ["visitorsim help sweep"],
    run: { (args, console) throws(CLIError) in try run(&args, console: console) })

  static func run(_ args: inout Arguments, console: Console) throws(CLIError) {
    guard let name = try args.positionals(max: 1).first else {
      console.out(HelpText.overview)
      return
    }
    guard let command = CommandTable.command(name) else { throw CLI.unknownCommand(name) }
    console.out(HelpText.command(command))
  }
}
