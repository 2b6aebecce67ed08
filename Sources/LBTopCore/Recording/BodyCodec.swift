import CZstd

/// Compresses recorded bodies with zstd, each against the previous body of its target (a prefix:
/// one 234 KB stats CSV against the one before it is mostly the same lines), or alone for a
/// keyframe. Pure over bytes: the same frame and prefix always decode to the same body.
public enum BodyCodec {
    /// Level 3: about half deflate's size against the previous body at ~1 ms for 234 KB.
    static let level: Int32 = 3
    /// A recorded body larger than this is refused as damage (the transports cap at 16 MiB).
    public static let maxBodySize = 64 << 20

    /// `body` compressed against `prefix` (a delta), or alone when `prefix` is nil (a keyframe).
    public static func compress(_ body: [UInt8], prefix: [UInt8]?, context: CompressionContext = CompressionContext()) -> [UInt8] {
        context.compress(body, prefix: prefix)
    }

    /// The body of `frame`, which must have been made with the same `prefix` and be `size` bytes.
    public static func decompress(_ frame: [UInt8], prefix: [UInt8]?, size: Int,
                                  context: DecompressionContext = DecompressionContext()) throws(RecordingError) -> [UInt8] {
        try context.decompress(frame, prefix: prefix, size: size)
    }
}

/// A reusable zstd compression context (allocating one per body costs more than compressing a
/// small one). Used from one thread at a time.
public final class CompressionContext {
    private let context: OpaquePointer

    public init() {
        context = ZSTD_createCCtx()
        ZSTD_CCtx_setParameter(context, ZSTD_c_compressionLevel, Int32(BodyCodec.level))
        ZSTD_CCtx_setParameter(context, ZSTD_c_checksumFlag, 1)
    }

    deinit { ZSTD_freeCCtx(context) }

    func compress(_ body: [UInt8], prefix: [UInt8]?) -> [UInt8] {
        var output = [UInt8](repeating: 0, count: ZSTD_compressBound(body.count))
        let written: Int = output.withUnsafeMutableBytes { out in
            body.withUnsafeBytes { input in
                withPrefix(prefix) { prefixPointer, prefixCount in
                    if prefixCount > 0 { ZSTD_CCtx_refPrefix(context, prefixPointer, prefixCount) }
                    return ZSTD_compress2(context, out.baseAddress, out.count, input.baseAddress, input.count)
                }
            }
        }
        // Compressing into a buffer of ZSTD_compressBound cannot fail.
        precondition(ZSTD_isError(written) == 0, "zstd: \(String(cString: ZSTD_getErrorName(written)))")
        output.removeSubrange(written...)
        return output
    }
}

/// A reusable zstd decompression context. Used from one thread at a time.
public final class DecompressionContext {
    private let context: OpaquePointer

    public init() { context = ZSTD_createDCtx() }

    deinit { ZSTD_freeDCtx(context) }

    func decompress(_ frame: [UInt8], prefix: [UInt8]?, size: Int) throws(RecordingError) -> [UInt8] {
        guard size >= 0, size <= BodyCodec.maxBodySize else {
            throw RecordingError.damaged("a body of \(size) bytes is beyond the \(BodyCodec.maxBodySize >> 20) MiB a recording holds")
        }
        ZSTD_DCtx_reset(context, ZSTD_reset_session_and_parameters)
        var output = [UInt8](repeating: 0, count: max(size, 1))
        let written: Int = output.withUnsafeMutableBytes { out in
            frame.withUnsafeBytes { input in
                withPrefix(prefix) { prefixPointer, prefixCount in
                    if prefixCount > 0 { ZSTD_DCtx_refPrefix(context, prefixPointer, prefixCount) }
                    return ZSTD_decompressDCtx(context, out.baseAddress, size, input.baseAddress, input.count)
                }
            }
        }
        if ZSTD_isError(written) != 0 {
            throw RecordingError.damaged("a recorded body does not decompress (zstd: \(String(cString: ZSTD_getErrorName(written))))")
        }
        guard written == size else {
            throw RecordingError.damaged("a recorded body decompressed to \(written) bytes, not the \(size) recorded")
        }
        output.removeSubrange(size...)
        return output
    }
}

private func withPrefix<R>(_ prefix: [UInt8]?, _ body: (UnsafeRawPointer?, Int) -> R) -> R {
    guard let prefix, !prefix.isEmpty else { return body(nil, 0) }
    return prefix.withUnsafeBytes { body($0.baseAddress, $0.count) }
}
