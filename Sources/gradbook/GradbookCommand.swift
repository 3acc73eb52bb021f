import ArgumentParser
import Workbench
import Interop

/// `gradbook`: the REPL by default; `run`, `check`, `bench`, `reference`, `kernel install` and
/// `kernel-server` (the Jupyter kernel's process) as subcommands. `gradbook f.grad` reaches
/// the default subcommand (the REPL) because no subcommand is named `f.grad`.
@main
struct GradbookCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "gradbook",
        abstract: "A notebook-style REPL workbench for neural networks.",
        discussion: """
            With no arguments, opens the REPL. With a session file, replays it and then \
            continues at the prompt: gradbook sessions/tour.grad. Every cell is journaled as it \
            completes; gradbook --resume restores a session that did not end (see gradbook help repl).
            """,
        version: GradbookVersion.string,
        subcommands: [ReplCommand.self, RunCommand.self, CheckCommand.self, Bench.self, ReferenceCommand.self,
                      KernelCommand.self, KernelServerCommand.self],
        defaultSubcommand: ReplCommand.self
    )
}
