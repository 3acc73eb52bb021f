import Foundation
import Testing

/// Comments in the code cite documents a newcomer who clones the repository can open: a
/// Markdown file a comment names must exist in the repository (at the path given, under
/// `docs/`, or beside the commenting file), and no comment sends the reader to a specification
/// section or a numbered tracker entry that lives elsewhere (docs/ holds that text instead).
struct CommentCitationTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()

    /// A cited Markdown file, such as `docs/numerics.md` or `README.md`.
    static var markdownFile: Regex<Substring> { #/[A-Za-z0-9_.\-\/]*[A-Za-z0-9_\-]\.md\b/# }
    /// A citation of text outside the repository: a spec section sign, the spec by name, a
    /// numbered tracker entry.
    static var outsideCitation: Regex<Substring> { #/§|\bSPEC\b|\b[Ii]ssues? \d+/# }

    struct Citation: CustomStringConvertible {
        let file: String, line: Int, text: String
        var description: String { "\(file):\(line): \(text)" }
    }

    /// The comment part of each line of the Swift and C files under Sources/ and Tests/.
    static func comments() throws -> [(file: String, line: Int, comment: Substring, directory: URL)] {
        var found: [(String, Int, Substring, URL)] = []
        for folder in ["Sources", "Tests"] {
            let base = root.appendingPathComponent(folder)
            guard let walker = FileManager.default.enumerator(at: base, includingPropertiesForKeys: nil) else { continue }
            for case let url as URL in walker where ["swift", "c", "h"].contains(url.pathExtension) {
                let text = try String(contentsOf: url, encoding: .utf8)
                let relative = String(url.path.dropFirst(root.path.count + 1))
                for (i, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
                    guard let slashes = line.range(of: "//") else { continue }
                    found.append((relative, i + 1, line[slashes.upperBound...], url.deletingLastPathComponent()))
                }
            }
        }
        return found
    }

    static func exists(_ cited: String, besides directory: URL) -> Bool {
        let candidates = [root.appendingPathComponent(cited), root.appendingPathComponent("docs").appendingPathComponent(cited),
                          directory.appendingPathComponent(cited)]
        // Only files inside the repository count: a clone may sit beside other folders (a
        // `../shared/` next to it), which a newcomer's clone does not have.
        let inside = root.standardizedFileURL.path + "/"
        return candidates.map(\.standardizedFileURL.path)
            .contains { $0.hasPrefix(inside) && FileManager.default.fileExists(atPath: $0) }
    }

    @Test func citedMarkdownFilesAreInTheRepository() throws {
        let all = try Self.comments()
        #expect(all.count > 1000, "found only \(all.count) comment lines: is the root \(Self.root.path) right?")
        var missing: [Citation] = []
        let markdownFile = Self.markdownFile
        for c in all {
            for match in c.comment.matches(of: markdownFile) where !Self.exists(String(match.output), besides: c.directory) {
                missing.append(Citation(file: c.file, line: c.line, text: String(match.output)))
            }
        }
        #expect(missing.isEmpty, "comments cite files that are not in the repository:\n\(missing.map(\.description).joined(separator: "\n"))")
    }

    @Test func noCommentCitesTextOutsideTheRepository() throws {
        let pattern = Self.outsideCitation
        let outside = try Self.comments().filter { $0.comment.contains(pattern) }
            .map { Citation(file: $0.file, line: $0.line, text: String($0.comment)) }
        #expect(outside.isEmpty, "comments cite text outside the repository (cite docs/ instead, or say the thing):\n\(outside.map(\.description).joined(separator: "\n"))")
    }

    /// The documents the code cites are there, and each one that docs/ is meant to hold.
    @Test func theDesignDocumentsExist() {
        for name in ["language.md", "session-format.md", "numerics.md", "libedit.md"] {
            #expect(Self.exists("docs/" + name, besides: Self.root), "docs/\(name)")
        }
    }

    /// The patterns catch what they are for (so that the two tests above can fail).
    @Test func thePatternsCatchOutsideCitations() {
        #expect("see the spec, §5".contains(Self.outsideCitation))
        #expect("(SPEC section 3)".contains(Self.outsideCitation))
        #expect("(issue 14, item 7)".contains(Self.outsideCitation))
        #expect(!"docs/language.md, \"Conventions\"".contains(Self.outsideCitation))
        let shared = "(see ../shared/" + "LIBEDIT.md)"
        #expect(shared.matches(of: Self.markdownFile).map { String($0.output) } == ["../shared/LIBEDIT.md"])
        #expect(!Self.exists("../shared/LIBEDIT.md", besides: Self.root.appendingPathComponent("Sources/gradbook")))
        #expect(Self.exists("docs/numerics.md", besides: Self.root))
    }
}
