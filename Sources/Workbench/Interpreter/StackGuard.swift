import CSystem

/// How much stack the current thread has left, so that recursion through `def` stops with a
/// diagnostic long before it could overflow — whatever thread runs the session and however big
/// its frames are (a sanitizer build's frames are several times larger).
struct StackGuard {
    /// The lowest usable address of this thread's stack (stacks grow down).
    private let limit: UInt

    /// Stack kept in reserve below which calls are refused.
    static let reserve = 256 << 10

    /// Measures the calling thread's stack (a syscall on the main thread, so a session does
    /// this once per `run`, not per call).
    init() {
        limit = UInt(gb_thread_stack_low())
    }

    /// Bytes between the current frame and the bottom of the stack (Int.max when unknown).
    func remaining() -> Int {
        guard limit != 0 else { return Int.max }
        var marker = 0
        let here = withUnsafeMutablePointer(to: &marker) { UInt(bitPattern: $0) }
        return here > limit ? Int(here - limit) : 0
    }

    /// Whether another level of recursion fits.
    var hasRoom: Bool { remaining() > StackGuard.reserve }
}
