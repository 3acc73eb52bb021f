// libFuzzer target for the path checker: names made of Unicode look-alikes (KELVIN SIGN,
// precomposed and decomposed é, a combining mark after a slash), `.`, `..`, `~`, separators and
// symlinks. Whatever the name, a path the confined policy accepts must lie inside the root as
// the kernel will resolve it, byte for byte, and a path accepted for writing must not be a folder.
import Foundation
import Workbench

/// The sandbox, made once: `base/Kproj` is the root (the working directory), beside it
/// `base/\u{212A}proj` and `base/cafe\u{301}`; inside, `sub/`, `link` → `base` and `dangling` → nowhere.
enum PathFuzzSandbox {
    static let base = NSTemporaryDirectory() + "gradbook-fuzz-paths"
    static let root: [UInt8] = {
        for folder in ["", "/Kproj", "/Kproj/sub", "/\u{212A}proj", "/cafe\u{301}", "/caf\u{E9}"] { _ = mkdir(base + folder, 0o755) }
        _ = symlink(base, base + "/Kproj/link")
        _ = symlink(base + "/nowhere", base + "/Kproj/dangling")
        _ = chdir(base + "/Kproj")
        return realBytes(base + "/Kproj")!
    }()
    static let policy = FileAccessPolicy.confined(to: base + "/Kproj")

    static func realBytes(_ path: String) -> [UInt8]? {
        guard let p = realpath(path, nil) else { return nil }
        defer { free(p) }
        return Array(String(cString: p).utf8)
    }
}

/// The pieces names are made of.
private let pieces = ["a", "K", "\u{212A}", "proj", "Kproj", "\u{212A}proj", "caf\u{E9}", "cafe\u{301}", "\u{301}",
                      "/", "//", ".", "..", "./", "../", "/..", "sub", "link", "dangling", "~", "x.grad", "\u{0}",
                      " ", "\\", "é", "\u{FFFD}", PathFuzzSandbox.base]

/// The deepest existing ancestor of `path` resolved by the kernel, with the rest appended: an
/// independent resolution (component by component with lstat and realpath, on bytes).
private func kernelView(_ path: [UInt8]) -> [UInt8]? {
    let parts = path.split(separator: UInt8(ascii: "/")).map(Array.init)
    var existing = parts.count
    while existing > 0 {
        var st = stat()
        let prefix = parts[..<existing].flatMap { [UInt8(ascii: "/")] + $0 } + [0]
        if prefix.withUnsafeBufferPointer({ $0.withMemoryRebound(to: CChar.self) { lstat($0.baseAddress!, &st) } }) == 0 { break }
        existing -= 1
    }
    let prefix = String(decoding: parts[..<existing].flatMap { [UInt8(ascii: "/")] + $0 }, as: UTF8.self)
    guard let real = PathFuzzSandbox.realBytes(prefix.isEmpty ? "/" : prefix) else { return nil }
    return parts[existing...].reduce(real == [UInt8(ascii: "/")] ? [] : real) { $0 + [UInt8(ascii: "/")] + $1 }
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzPaths(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    let root = PathFuzzSandbox.root
    let name = UnsafeBufferPointer(start: data, count: min(size, 24)).map { pieces[Int($0) % pieces.count] }.joined()
    for writing in [false, true] {
        guard let accepted = try? PathFuzzSandbox.policy.resolve(name, forWriting: writing) else { continue }
        let bytes = Array(accepted.utf8)
        let parts = bytes.split(separator: UInt8(ascii: "/"))
        guard bytes.first == UInt8(ascii: "/"), !parts.contains(where: { $0.elementsEqual([46]) || $0.elementsEqual([46, 46]) }) else {
            fatalError("resolve(\(name.unicodeScalars.map { "U+\(String($0.value, radix: 16))" })) = \(accepted): not absolute and normalized")
        }
        guard let seen = kernelView(bytes), seen == root || seen.starts(with: root + [UInt8(ascii: "/")]) else {
            fatalError("resolve(\(name.debugDescription)) = \(accepted.debugDescription) leads outside \(String(decoding: root, as: UTF8.self))")
        }
        var st = stat()
        if writing, stat(accepted, &st) == 0, (st.st_mode & S_IFMT) == S_IFDIR {
            fatalError("resolve(\(name.debugDescription), forWriting: true) = \(accepted.debugDescription) is a folder")
        }
    }
    return 0
}
