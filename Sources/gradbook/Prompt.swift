import Foundation

/// The REPL's prompts, IPython's way: `In [3]: `, `   ...: ` aligned under it, `Out[3]: `.
///
/// At a terminal they are coloured (green In, red Out); the escapes in a prompt are wrapped in
/// `\u{1}`…`\u{2}` so that libedit does not count them as columns (docs/libedit.md, "Prompt").
struct Prompt {
    /// Colours are on: a terminal whose TERM is not `dumb`, and no `NO_COLOR` (no-color.org).
    let colors: Bool

    init(colors: Bool) {
        self.colors = colors
    }

    /// Whether a terminal should get colours, from the environment.
    static func colorsWanted(interactive: Bool, environment: [String: String] = ProcessInfo.processInfo.environment) -> Bool {
        interactive && environment["NO_COLOR"] == nil && environment["TERM"] != "dumb"
    }

    /// `In [n]: `
    func input(_ number: Int) -> String {
        guard colors else { return "In [\(number)]: " }
        return hidden("\u{1B}[32m") + "In [" + hidden("\u{1B}[1;32m") + "\(number)" + hidden("\u{1B}[22;32m") + "]: " + hidden("\u{1B}[0m")
    }

    /// `   ...: `, as wide as `In [n]: `.
    func continuation(_ number: Int) -> String {
        let plain = String(repeating: " ", count: "In [\(number)]: ".count - "...: ".count) + "...: "
        guard colors else { return plain }
        return hidden("\u{1B}[32m") + plain + hidden("\u{1B}[0m")
    }

    /// `Out[n]: ` (printed, not given to libedit, so no `\u{1}` markers).
    func output(_ number: Int) -> String {
        guard colors else { return "Out[\(number)]: " }
        return "\u{1B}[31mOut[\u{1B}[1;31m\(number)\u{1B}[22;31m]:\u{1B}[0m "
    }

    private func hidden(_ escape: String) -> String {
        "\u{1}" + escape + "\u{2}"
    }
}
