import ArgumentParser
import Workbench

/// `gradbook reference`: the built-in reference as Markdown (the README's copy is checked
/// against it by the tests; `make readme` refreshes it).
struct ReferenceCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "reference",
        abstract: "Print the reference of every built-in as Markdown (as in the README).")

    func run() throws {
        print(BuiltinReference.markdown())
    }
}
