/// Decoding of a `String`'s UTF-8, which Swift has validated, without checks.
enum UTF8Scalars {
    /// The scalar value of the sequence at `offset` of `bytes`, and `offset` moved past it.
    @inline(__always)
    static func decode(_ bytes: UnsafePointer<UInt8>, at offset: inout Int) -> UInt32 {
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
