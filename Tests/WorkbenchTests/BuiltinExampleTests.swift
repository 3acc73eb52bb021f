import Testing
@testable import Workbench

/// Every built-in's help example runs as written (they are documentation: `help NAME` and the
/// README reference show them), in a workspace that has the names the examples use.
struct BuiltinExampleTests {
    static let setup = """
        w = param(0.5)
        b = param(0.1)
        x = 2
        L = (sigmoid(w*x + b) - 1)^2
        backward L
        by_hand = 2*(sigmoid(w*x + b) - 1) * sigmoid(w*x + b)*(1 - sigmoid(w*x + b)) * x
        data = dataset("moons", n=64, seed=0)
        train, test = split(data, 0.75, seed=1)
        model = sequential(dense(8, relu, input=2), dense(1, sigmoid))
        compile model optimizer=adam loss=bce metrics=accuracy
        """

    static let skipped: Set<String> = [
        "load",      // needs a file: covered by the data tests
        "save", "run", "quit", "exit", "rerun", // session commands: covered by the transcript tests
        "export", "import",
    ]

    @Test(arguments: BuiltinRegistry.standard.all.map(\.name))
    func exampleRuns(name: String) {
        guard !BuiltinExampleTests.skipped.contains(name), let builtin = BuiltinRegistry.standard[name] else { return }
        let s = RecordingSession()
        s.output(BuiltinExampleTests.setup)
        let outcomes = s.run(builtin.example)
        #expect(outcomes.allSatisfy { $0.error == nil }, "example of \(name) failed: \(outcomes.compactMap(\.error).joined())")
    }

    @Test func everyBuiltinHasHelp() {
        for b in BuiltinRegistry.standard.all {
            #expect(!b.summary.isEmpty && !b.example.isEmpty && b.signature.contains(b.name), "\(b.name)")
            let s = RecordingSession()
            // help wraps at spaces: compare the words.
            let words = { (text: String) in text.split(whereSeparator: \.isWhitespace).joined(separator: " ") }
            #expect(words(s.output("help \(b.name)")).contains(words(b.summary)), "help \(b.name)")
        }
    }

    /// The built-ins docs/language.md names are all registered.
    @Test func specBuiltinsExist() {
        let spec = """
            zeros ones full eye arange linspace rand randn reshape transpose concat stack shape
            exp log sqrt abs sin cos tanh sigmoid relu leaky_relu gelu softmax log_softmax
            sum mean max min argmax norm param backward grad detach zero_grad dense dropout
            sequential predict compile sgd adam adamw rmsprop mse mae bce bce_logits
            cross_entropy categorical_cross_entropy accuracy fit evaluate train_step load dataset
            split standardize onehot batch head chain step compare walk trace graph gradcheck
            explain show summary grads stats vars history save run undo clear seed precision help quit
            """
        for name in spec.split(whereSeparator: \.isWhitespace) {
            #expect(BuiltinRegistry.standard[String(name)] != nil, "missing built-in \(name)")
        }
    }
}
