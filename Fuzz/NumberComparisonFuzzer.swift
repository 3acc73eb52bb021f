// libFuzzer target for `gradbook check`'s number comparison: two number strings made of
// digits, `.`, `e`, signs. Whenever a saved number matches a different replayed one, the two
// must agree within one unit of the saved mantissa's last digit (10^(exponent − decimals),
// computed here independently, by parsing that power of ten from text), a mantissa without
// decimals must match exactly, and a saved number a Double cannot hold only its own text.
import Foundation
import Workbench

private let alphabet = Array("0123456789.e-+")

/// `[-+]?digits(.digits)?(e[-+]?digits)?`, and its decimals and exponent.
private func shape(_ s: String) -> (decimals: Int?, exponent: Int)? {
    var chars = Array(s)[...]
    if let c = chars.first, c == "-" || c == "+" { chars = chars.dropFirst() }
    let whole = chars.prefix { $0.isNumber }
    guard !whole.isEmpty else { return nil }
    chars = chars.dropFirst(whole.count)
    var decimals: Int?
    if chars.first == "." {
        let digits = chars.dropFirst().prefix { $0.isNumber }
        guard !digits.isEmpty else { return nil }
        decimals = digits.count
        chars = chars.dropFirst(1 + digits.count)
    }
    var exponent = 0
    if chars.first == "e" {
        var rest = chars.dropFirst()
        var sign = 1
        if let c = rest.first, c == "-" || c == "+" { sign = c == "-" ? -1 : 1; rest = rest.dropFirst() }
        guard !rest.isEmpty, rest.allSatisfy(\.isNumber), rest.count < 6, let e = Int(String(rest)) else { return nil }
        exponent = sign * e
        chars = []
    }
    return chars.isEmpty ? (decimals, exponent) : nil
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzNumberComparison(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    let bytes = UnsafeBufferPointer(start: data, count: min(size, 64))
    let half = bytes.count / 2
    let saved = String(bytes[..<half].map { alphabet[Int($0) % alphabet.count] })
    let replayed = String(bytes[half...].map { alphabet[Int($0) % alphabet.count] })
    let matched = OutputComparison.matches(expected: saved, actual: replayed)
    guard matched, saved != replayed, let form = shape(saved), shape(replayed) != nil,
          let u = Double(saved), let v = Double(replayed) else { return 0 }
    if u.isNaN && v.isNaN { return 0 }
    let mantissa = saved.split(separator: "e").first.map(String.init) ?? saved
    let digitsNonzero = mantissa.contains { ("1"..."9").contains($0) }
    guard u.isFinite, !(u == 0 && digitsNonzero) else {
        fatalError("saved \(saved) (not a Double) matched \(replayed)")
    }
    guard let decimals = form.decimals else {
        guard u == v else { fatalError("saved \(saved) (exact) matched \(replayed)") }
        return 0
    }
    let unit = Double("1e\(form.exponent - decimals)") ?? .infinity
    guard Swift.abs(u - v) <= unit * (1 + 1e-6) else {
        fatalError("saved \(saved) matched \(replayed): they differ by \(Swift.abs(u - v)), one unit is \(unit)")
    }
    return 0
}
