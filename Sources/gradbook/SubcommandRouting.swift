import ArgumentParser

/// Routes `gradbook <subcommand> …` past the optional `session` positional.
///
/// ArgumentParser fills a command's positional arguments before it looks for subcommand names,
/// so `gradbook bench matmul` would open "bench" as a session file. A first argument that names
/// a subcommand (or `help <subcommand>`) is therefore parsed by ``GradbookSubcommands``, the same
/// command tree without the positional; everything else goes to the root as usual.
extension GradbookCommand {
    static func main() {
        let arguments = Array(CommandLine.arguments.dropFirst())
        if GradbookSubcommands.routes(arguments) {
            GradbookSubcommands.main(arguments)
        } else {
            main(arguments)
        }
    }
}

/// `gradbook`'s subcommands under a root named `gradbook`, so help and usage read
/// `gradbook bench matmul`.
struct GradbookSubcommands: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: GradbookCommand.configuration.commandName,
        abstract: GradbookCommand.configuration.abstract,
        subcommands: GradbookCommand.configuration.subcommands
    )

    /// Whether `arguments` start with a subcommand name, or `help` and a subcommand name.
    static func routes(_ arguments: [String]) -> Bool {
        let names = Set(configuration.subcommands.map { $0._commandName })
        guard let first = arguments.first else { return false }
        if names.contains(first) { return true }
        return first == "help" && arguments.count > 1 && names.contains(arguments[1])
    }
}
