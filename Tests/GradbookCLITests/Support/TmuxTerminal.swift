import Foundation
import Testing

/// A real terminal for end-to-end tests of the prompt: gradbook runs in a detached tmux session
/// on a private server, and the test types keys and reads the screen, as a person would.
///
/// Keys go one at a time with a pause (docs/libedit.md, "Testing at a terminal": keys sent at once can arrive before a
/// handler is installed), and the screen is polled with a deadline rather than read after
/// fixed long sleeps, so the tests stay fast on an idle machine and robust on a loaded one.
final class TmuxTerminal {
    /// The tmux binary, if one is installed.
    static let tmux: String? = ["/usr/bin/tmux", "/usr/local/bin/tmux", "/bin/tmux"]
        .first { FileManager.default.isExecutableFile(atPath: $0) }

    /// The pause after each key.
    static let keyPause = 0.35

    private let tmux: String
    /// The private server's socket, in the test's folder (so nothing is left in /tmp/tmux-UID).
    private let socket: String
    private let config: String

    /// Starts `command` in a 100×30 terminal with exactly `environment`, in `directory`.
    init(_ command: [String], environment: [String: String], directory: String) throws {
        guard let tmux = TmuxTerminal.tmux else { throw TmuxMissing() }
        self.tmux = tmux
        let name = "tmux-\(UUID().uuidString.prefix(8))"
        socket = directory + "/\(name).sock"
        config = directory + "/\(name).conf"
        // Keep the pane after gradbook exits, to read its last words and its exit status.
        try "set -g remain-on-exit on\nset -g history-limit 5000\n".write(toFile: config, atomically: true, encoding: .utf8)
        let variables = environment.sorted { $0.key < $1.key }.map { "\($0.key)=\(Self.quote($0.value))" }
        let line = (["exec", "env", "-i"] + variables + command.map(Self.quote)).joined(separator: " ")
        // The server this starts keeps whatever it inherits open: give it no pipe to hold.
        try run(["-f", config, "new-session", "-d", "-s", "t", "-x", "100", "-y", "30", "-c", directory, line], output: false)
    }

    deinit {
        _ = try? run(["kill-server"])
        unlink(socket)
        unlink(config)
    }

    /// Types text literally.
    func type(_ text: String) {
        _ = try? run(["send-keys", "-t", "t", "-l", text])
        Thread.sleep(forTimeInterval: Self.keyPause)
    }

    /// Pastes text as one burst of input (tmux's paste buffer, loaded from a file in `scratch`):
    /// a line far too long to type key by key.
    func paste(_ text: String, scratch: String) throws {
        let file = scratch + "/paste-\(UUID().uuidString.prefix(8)).txt"
        try text.write(toFile: file, atomically: true, encoding: .utf8)
        defer { unlink(file) }
        try run(["load-buffer", file], output: false)
        try run(["paste-buffer", "-t", "t"], output: false)
        Thread.sleep(forTimeInterval: Self.keyPause)
    }

    /// Presses keys by tmux's names: `Enter`, `Tab`, `Up`, `C-c`, `C-d`, `C-u`.
    func press(_ keys: String...) {
        for key in keys {
            _ = try? run(["send-keys", "-t", "t", key])
            Thread.sleep(forTimeInterval: Self.keyPause)
        }
    }

    /// The screen and its scrollback, wrapped lines joined, trailing blank lines dropped.
    var screen: String {
        let text = (try? run(["capture-pane", "-p", "-J", "-S", "-500", "-t", "t"])) ?? ""
        return text.split(separator: "\n", omittingEmptySubsequences: false).map { String($0) }
            .reversed().drop { $0.trimmingCharacters(in: .whitespaces).isEmpty }.reversed().joined(separator: "\n")
    }

    /// The screen and its scrollback with the colours drawn on it, as escape sequences.
    var screenWithEscapes: String {
        (try? run(["capture-pane", "-p", "-e", "-J", "-S", "-500", "-t", "t"])) ?? ""
    }

    /// The line the cursor is on (the prompt being edited).
    var currentLine: String {
        screen.split(separator: "\n").last.map(String.init) ?? ""
    }

    /// Whether gradbook has exited.
    var hasExited: Bool {
        ((try? run(["display-message", "-p", "-t", "t", "#{pane_dead}"])) ?? "").hasPrefix("1")
    }

    /// Waits until `condition` holds for the screen; false after `timeout` seconds.
    func waitUntil(timeout: Double = 20, _ condition: (String) -> Bool) -> Bool {
        let deadline = Date().addingTimeInterval(timeout)
        repeat {
            if condition(screen) { return true }
            Thread.sleep(forTimeInterval: 0.1)
        } while Date() < deadline
        return condition(screen)
    }

    /// Waits until the screen shows `text`.
    func waitFor(_ text: String, timeout: Double = 20) -> Bool {
        waitUntil(timeout: timeout) { $0.contains(text) }
    }

    /// Runs a tmux command and returns its output (none when `output` is false).
    ///
    /// Not with `Process`: on Linux it learns that a child ended when a socket the child
    /// inherited closes, and the tmux server that `new-session` starts keeps it open for ever.
    /// So this spawns tmux with only stdin, stdout and stderr open, and waits with `waitpid`.
    @discardableResult
    private func run(_ arguments: [String], output: Bool = true) throws -> String {
        var pipe: [Int32] = [-1, -1]
        guard Glibc.pipe(&pipe) == 0 else { throw TmuxFailed(arguments: arguments) }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        if output {
            posix_spawn_file_actions_adddup2(&actions, pipe[1], 1)
        } else {
            posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
        }
        posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
        // Nothing else of this process may leak into the tmux server (a pipe it held would
        // never reach end-of-file for its reader).
        for fd in Self.openDescriptors() where fd > 2 { posix_spawn_file_actions_addclose(&actions, fd) }
        // The test runs on a worker thread that blocks signals; a terminal must not inherit that
        // (nor an ignored SIGINT), or Ctrl-C would never reach gradbook.
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var signals = sigset_t()
        sigemptyset(&signals)
        posix_spawnattr_setsigmask(&attributes, &signals)
        sigaddset(&signals, SIGINT)
        sigaddset(&signals, SIGQUIT)
        sigaddset(&signals, SIGTSTP)
        posix_spawnattr_setsigdefault(&attributes, &signals)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))
        let argv = ([tmux, "-S", socket] + arguments).map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        var pid: pid_t = 0
        let spawned = posix_spawn(&pid, tmux, &actions, &attributes, argv, environ)
        close(pipe[1])
        defer { close(pipe[0]) }
        guard spawned == 0 else { throw TmuxFailed(arguments: arguments) }
        var data = [UInt8]()
        var buffer = [UInt8](repeating: 0, count: 65536)
        while output {
            let n = read(pipe[0], &buffer, buffer.count)
            if n < 0, errno == EINTR { continue }
            guard n > 0 else { break }
            data += buffer[..<n]
        }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0, errno == EINTR {}
        return String(decoding: data, as: UTF8.self)
    }

    /// The file descriptors open in this process.
    private static func openDescriptors() -> [Int32] {
        ((try? FileManager.default.contentsOfDirectory(atPath: "/proc/self/fd")) ?? []).compactMap { Int32($0) }
    }

    private static func quote(_ s: String) -> String {
        "'" + s.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }
}

struct TmuxFailed: Error {
    let arguments: [String]
}

struct TmuxMissing: Error, CustomStringConvertible {
    var description: String { "tmux is not installed (apt-get install tmux); the prompt's end-to-end tests need it" }
}
