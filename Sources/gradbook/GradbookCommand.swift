import ArgumentParser
import Workbench

@main
struct GradbookCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "gradbook",
        abstract: "A notebook-style REPL workbench for neural networks.",
        discussion: """
            With no arguments, opens the REPL. With a session file, replays it and then \
            continues at the prompt.
            """,
        version: GradbookVersion.string,
        subcommands: [Bench.self]
    )

    @Argument(help: "A session file (.grad) to replay before the prompt opens.")
    var session: String?

    func run() throws {
        let reader = LineReader()
        if reader.isInteractive {
            print("gradbook \(GradbookVersion.string) — Ctrl-D to quit")
        }
        var cell = 1
        loop: while true {
            switch reader.read(prompt: "In [\(cell)]: ") {
            case .line(let text):
                print(text)
                cell += 1
            case .interrupted:
                continue
            case .endOfInput:
                break loop
            }
        }
    }
}
