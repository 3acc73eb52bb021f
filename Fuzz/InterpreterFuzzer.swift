// libFuzzer target: the scanner, parser and interpreter on arbitrary bytes. Any crash, hang
// (-timeout) or memory blow-up (-rss_limit_mb) is a bug: every input must either run or
// produce a diagnostic. Built and run by scripts/fuzz.sh (not part of the package build).
import Workbench

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzInterpreter(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    FuzzLimits.apply()
    let session = Session(seed: 1, environment: FuzzLimits.environment())
    session.filePolicy = .confined(to: FuzzLimits.sandbox)
    // Line by line, as typed at the prompt, so one broken line does not hide the rest; then
    // the whole text as one file (blocks spanning lines).
    for line in text.split(separator: "\n", omittingEmptySubsequences: false).prefix(32) {
        _ = session.run(String(line))
    }
    _ = session.run(text)
    return 0
}
