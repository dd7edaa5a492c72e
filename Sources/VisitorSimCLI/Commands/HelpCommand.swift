/// `visitorsim help [COMMAND]`: every command, or one command's help.
enum HelpCommand {
  static let spec = CommandSpec(
    name: "help", arguments: "[COMMAND]", maxPositionals: 2,
    summary: "every command, or one command's options and examples",
    discussion: "", groups: [], examples: ["visitorsim help sweep"],
    run: { (args, console) throws(CLIError) in try run(&args, console: console) })

  static func run(_ args: inout Arguments, console: Console) throws(CLIError) {
    let words = try args.positionals(max: 2)
    guard let first = words.first else {
      console.out(HelpText.overview)
      return
    }
    if CommandTable.groups.contains(first) {
      guard words.count == 2, CommandTable.command(words.joined(separator: " ")) != nil else {
        throw CommandTable.missingSubcommand(first, given: words.count == 2 ? words[1] : nil)
      }
    }
    let name = words.joined(separator: " ")
    guard let command = CommandTable.command(name) else { throw CLI.unknownCommand(name) }
    console.out(HelpText.command(command))
  }
}
