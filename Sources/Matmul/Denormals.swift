import CMatmulKernels

/// Denormal floats (magnitudes below 1.2e-38) are computed as zero.
///
/// x86 cores take a microcode assist on every denormal operand or result (~100 cycles on
/// Intel), and training produces them: Adam's second moments and the gradients of a trained net
/// decay into that range. Flushing them changes a result only where it is itself below
/// 1.2e-38, which no printed figure shows; XLA and TensorFlow run this way for the same reason.
///
/// The mode is a property of each thread (MXCSR FTZ/DAZ, FPCR.FZ on arm64). Every thread that
/// computes sets it before its work: the process's main thread at start, the thread that
/// calls a matrix product or `fit`, and each worker of a threaded product. Setting it again
/// is one register read.
public enum Denormals {
    /// Reads and writes denormals as zero on the calling thread from now on.
    @inline(__always)
    public static func flushOnThisThread() { gb_flush_denormals() }

    /// Whether the calling thread flushes denormals.
    public static var flushedOnThisThread: Bool { gb_denormals_flushed() != 0 }

    /// Back to IEEE gradual underflow on the calling thread (tests compare both modes).
    public static func keepOnThisThread() { gb_keep_denormals() }
}
