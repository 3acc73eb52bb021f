import Foundation
import Testing
@testable import Workbench

/// The README's built-in reference is the registry's (scripts/update-readme-reference.sh).
@Test func readmeReferenceIsCurrent() throws {
    let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    let readme = try String(contentsOf: root.appendingPathComponent("README.md"), encoding: .utf8)
    #expect(readme.contains(BuiltinReference.markdown()),
            "README.md's reference is out of date: run scripts/update-readme-reference.sh")
}
