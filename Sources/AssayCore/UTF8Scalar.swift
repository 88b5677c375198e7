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

    /// The scalar value of the sequence at `offset` of valid UTF-8 (a Swift string's storage), ASCII included, and
    /// `offset` moved past it.
    @inlinable @inline(__always)
    public static func value(_ bytes: UnsafePointer<UInt8>, at offset: inout Int) -> UInt32 {
        let lead = UInt32(bytes[offset])
        if lead < 0x80 {
            offset += 1
            return lead
        }
        let second = UInt32(bytes[offset + 1]) & 0x3F
        if lead < 0xE0 {
            offset += 2
            return (lead & 0x1F) << 6 | second
        }
        let third = UInt32(bytes[offset + 2]) & 0x3F
        if lead < 0xF0 {
            offset += 3
            return (lead & 0x0F) << 12 | second << 6 | third
        }
        let fourth = UInt32(bytes[offset + 3]) & 0x3F
        offset += 4
        return (lead & 0x07) << 18 | second << 12 | third << 6 | fourth
    }
}
