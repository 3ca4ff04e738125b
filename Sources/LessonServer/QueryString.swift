import LessonKit
import Notebook

/// A URL query (`weights=0.5,-1&bias=2`) read into one text per option name, within fixed limits.
///
/// Names must be options the lesson describes, each at most once; every refusal comes back as an
/// `OptionError` in both languages, shown next to the panel's fields like the CLI's own messages.
enum QueryString {
    /// The longest query accepted, in bytes, and the most parameters and the longest value.
    static let maxParameters = 64
    static let maxValueLength = 1_000

    /// Percent-decoded name/value pairs in order, or nil when the encoding is broken.
    static func pairs(_ query: String) -> [(String, String)]? {
        var pairs: [(String, String)] = []
        for part in query.split(separator: "&", omittingEmptySubsequences: true) {
            let pieces = part.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            guard let name = decode(pieces[0]), let value = decode(pieces.count > 1 ? pieces[1] : "") else { return nil }
            pairs.append((name, value))
        }
        return pairs
    }

    /// Decodes `%XX` escapes and `+` (a space in forms); nil for a broken escape or bytes that are not UTF-8.
    static func decode(_ text: Substring) -> String? {
        var bytes: [UInt8] = []
        var utf8 = text.utf8.makeIterator()
        while let byte = utf8.next() {
            switch byte {
            case UInt8(ascii: "+"): bytes.append(UInt8(ascii: " "))
            case UInt8(ascii: "%"):
                guard let high = utf8.next().flatMap(hexValue), let low = utf8.next().flatMap(hexValue) else { return nil }
                bytes.append(high << 4 | low)
            default: bytes.append(byte)
            }
        }
        return String(validating: bytes, as: UTF8.self)
    }

    private static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): return byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): return byte - UInt8(ascii: "A") + 10
        default: return nil
        }
    }

    /// The option values of a lesson's query, or the refusal: broken encoding, too many or too long
    /// values, an option the lesson does not have, or one given twice.
    static func values(_ query: String, descriptions: [OptionDescription]) -> Result<OptionValues, OptionError> {
        guard let pairs = pairs(query) else {
            return .failure(OptionError(option: nil, message: Localized(
                "the address has a broken %-escape; the numbers could not be read",
                zh: "地址里有损坏的 % 转义，读不出数字")))
        }
        guard pairs.count <= maxParameters else {
            return .failure(OptionError(option: nil, message: Localized(
                "too many values in the address (at most \(maxParameters))",
                zh: "地址里的值太多（最多 \(maxParameters) 个）")))
        }
        var given: [String: String] = [:]
        let names = descriptions.map(\.name)
        for (name, value) in pairs {
            guard names.contains(name) else {
                let shown = String(name.prefix(40))
                let accepted = names.isEmpty ? "none" : names.joined(separator: ", ")
                return .failure(OptionError(option: nil, message: Localized(
                    "unknown option '\(shown)'; accepted: \(accepted)",
                    zh: "没有名为“\(shown)”的选项；可用的选项：\(names.isEmpty ? "无" : names.joined(separator: "、"))")))
            }
            guard given[name] == nil else {
                return .failure(OptionError(option: name, message: Localized(
                    "--\(name): given twice; give it once",
                    zh: "--\(name)：给了两次，请只给一次")))
            }
            guard value.count <= maxValueLength else {
                return .failure(OptionError(option: name, message: Localized(
                    "--\(name): the value is longer than \(maxValueLength) characters",
                    zh: "--\(name)：值超过了 \(maxValueLength) 个字符")))
            }
            given[name] = value
        }
        return .success(OptionValues(given))
    }
}
