/// Literal substring search over UTF-8 bytes.
///
/// The server renders a whole page (100–300 kB) per uncached request and scans it several times
/// (figure sizes, source citations, the security policy). Foundation's `range(of:)` bridges every
/// scan through NSString; measured in a release build it was a fifth of a page's render time.
public enum UTF8Search {
    /// Where `needle` first occurs in `bytes` at or after `from`, or nil.
    public static func first(_ needle: [UInt8], in bytes: [UInt8], from: Int = 0) -> Int? {
        guard let head = needle.first, needle.count <= bytes.count, from >= 0 else { return nil }
        let last = bytes.count - needle.count
        var i = from
        while i <= last {
            if bytes[i] == head && matches(needle, in: bytes, at: i) { return i }
            i += 1
        }
        return nil
    }

    /// Whether `needle` occurs in `bytes` starting exactly at `at`.
    public static func matches(_ needle: [UInt8], in bytes: [UInt8], at: Int) -> Bool {
        guard at >= 0, at + needle.count <= bytes.count else { return false }
        var k = 0
        while k < needle.count {
            if bytes[at + k] != needle[k] { return false }
            k += 1
        }
        return true
    }
}
