/// `GRADBOOK_BLOCKS=kc,mc,nc`: cache blocks chosen by hand instead of derived from the caches
/// (to tune, or to compare with the derived ones).
///
/// mc and nc are rounded up to each kernel's register tile (so one override serves every ISA).
public struct BlockSizeOverride: Sendable, Equatable {
    public let kc: Int, mc: Int, nc: Int

    /// The most any block may be: far beyond any cache, and small enough that the packing
    /// buffers' sizes (kc × nc floats) cannot overflow.
    public static let largest = 1 << 16

    /// Why a `GRADBOOK_BLOCKS` value was rejected.
    public struct Rejection: Error, Sendable, Equatable, CustomStringConvertible {
        public let text: String
        public let reason: String
        public var description: String {
            "GRADBOOK_BLOCKS='\(text)' ignored: \(reason) (expected kc,mc,nc, e.g. 384,96,4096)"
        }
    }

    /// Parses `kc,mc,nc`: three whole numbers from 1 to ``largest``, spaces allowed.
    public static func parse(_ text: String) throws(Rejection) -> BlockSizeOverride {
        let fields = text.split(separator: ",", omittingEmptySubsequences: false)
            .map { $0.filter { !$0.isWhitespace } }
        guard fields.count == 3 else {
            throw Rejection(text: text, reason: "\(fields.count) value(s), not 3")
        }
        var values: [Int] = []
        for (name, field) in zip(["kc", "mc", "nc"], fields) {
            guard let value = Int(field) else {
                throw Rejection(text: text, reason: "\(name) '\(field)' is not a whole number")
            }
            guard value >= 1, value <= largest else {
                throw Rejection(text: text, reason: "\(name) = \(value) is outside 1…\(largest)")
            }
            values.append(value)
        }
        return BlockSizeOverride(kc: values[0], mc: values[1], nc: values[2])
    }

    /// The override on an `mr × nr` tile.
    func applied(mr: Int, nr: Int) -> BlockSizes {
        BlockSizes(mr: mr, nr: nr, mc: BlockSizes.roundUp(mc, to: mr), kc: kc,
                   nc: BlockSizes.roundUp(nc, to: nr))
    }
}
