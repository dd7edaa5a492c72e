/// `visitorsim completion bash|zsh`: a completion script for the shell, from the command table.
enum CompletionCommand {
  static let spec = CommandSpec(
    name: "completion", arguments: "bash|zsh", maxPositionals: 1,
    summary: "a shell completion script for bash or zsh",
    discussion: """
      Completes commands, each command's options and file names. Load it in the current shell
      with: source <(visitorsim completion bash)
      """,
    groups: [], examples: ["visitorsim completion bash > ~/.local/share/bash-completion/completions/visitorsim"],
    run: { (args, console) throws(CLIError) in try run(&args, console: console) })

  static func run(_ args: inout Arguments, console: Console) throws(CLIError) {
    switch try args.positionals(max: 1).first {
    case "bash": console.out(CompletionScript.bash(CommandTable.all))
    case "zsh": console.out(CompletionScript.zsh(CommandTable.all))
    case let other?: throw .usage("completion: \"\(other)\" is not bash or zsh")
    case nil: throw .usage("completion needs a shell: bash or zsh")
    }
  }
}
