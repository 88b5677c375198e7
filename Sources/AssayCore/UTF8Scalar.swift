/// Decoding of Unicode scalars straight from UTF-8 bytes, for tokenizers that scan a string's storage.
public enum UTF8Scalar {
    /// Decodes the scalar starting at `index` of valid UTF-8 (a Swift string's storage).
    @inlinable @inline(__always)
    public static func decode(_ bytes: UnsafeBufferPointer<UInt8>, at index: Int) -> (
        scalar: Unicode.Scalar, length: Int
    ) {
        let lead = UInt32(bytes[index])
        var value: UInt32
        let length: Int
        if lead < 0xE0 {
            value = lead & 0x1F
            length = 2
        } else if lead < 0xF0 {
            value = lead & 0x0F
            length = 3
        } else {
            value = lead & 0x07
            length = 4
        }
        for k in 1..<length { value = (value << 6) | (UInt32(bytes[index + k]) & 0x3F) }
        return (Unicode.Scalar(value) ?? "\u{FFFD}", length)
    }
}
