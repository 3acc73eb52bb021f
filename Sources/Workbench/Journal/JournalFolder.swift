import Foundation

/// The folder of session journals (`~/.gradbook/journals`, or `$GRADBOOK_HOME/journals`): where
/// a new session's journal goes, and which journals are left by sessions that did not end.
public struct JournalFolder: Sendable {
    public let path: String

    /// The journals folder inside gradbook's home folder.
    public init(home: String) {
        path = home + "/journals"
    }

    /// gradbook's home folder: `$GRADBOOK_HOME`, else `~/.gradbook`.
    public static func home(environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
        if let home = environment["GRADBOOK_HOME"], !home.isEmpty { return home }
        return (environment["HOME"] ?? NSHomeDirectory()) + "/.gradbook"
    }

    /// The journal of a session starting now in this process: `2026-11-29_14-03-22_4242.grad`.
    ///
    /// Formatted with `strftime` rather than a Foundation formatter, which costs milliseconds to
    /// set up at every start of the prompt.
    public func newJournalPath(date: Date = Date(), pid: Int32 = getpid()) -> String {
        var seconds = time_t(date.timeIntervalSince1970)
        var local = tm()
        localtime_r(&seconds, &local)
        var buffer = [CChar](repeating: 0, count: 32)
        let length = strftime(&buffer, buffer.count, "%Y-%m-%d_%H-%M-%S", &local)
        let stamp = String(decoding: buffer.prefix(length).map { UInt8(bitPattern: $0) }, as: UTF8.self)
        return path + "/\(stamp)_\(pid).grad"
    }

    /// A journal left behind by a session that did not end cleanly.
    public struct Entry: Equatable, Sendable {
        public let path: String
        public let modified: Date
        public var name: String { (path as NSString).lastPathComponent }
    }

    /// The journals of sessions that are not running (a running one holds a lock on its
    /// journal), newest first.
    public func unfinished() -> [Entry] {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: path) else { return [] }
        var entries: [Entry] = []
        for name in names where name.hasSuffix(".grad") && !name.hasPrefix(".") {
            let file = path + "/" + name
            guard !JournalFolder.isInUse(file),
                  let attributes = try? FileManager.default.attributesOfItem(atPath: file),
                  let modified = attributes[.modificationDate] as? Date else { continue }
            entries.append(Entry(path: file, modified: modified))
        }
        return entries.sorted { ($0.modified, $0.name) > ($1.modified, $1.name) }
    }

    /// Whether a running session holds the journal at `file`.
    public static func isInUse(_ file: String) -> Bool {
        let fd = open(file, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return false }
        defer { close(fd) }
        return flock(fd, LOCK_SH | LOCK_NB) != 0 && errno == EWOULDBLOCK
    }

    /// Whether `file` is inside this folder (a journal gradbook wrote, trusted as the person's own).
    public func contains(_ file: String) -> Bool {
        let folder = URL(fileURLWithPath: path).standardizedFileURL.path
        return URL(fileURLWithPath: file).standardizedFileURL.deletingLastPathComponent().path == folder
    }
}
