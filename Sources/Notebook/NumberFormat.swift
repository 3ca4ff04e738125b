import Foundation

/// Locale-independent number formatting for pages, SVG and JSON.
///
/// Foundation's `formatted()` inserts thousands separators and local decimal marks; this never does.
public enum NumberFormat {
    /// A number with `significant` significant digits, trailing zeros dropped: 0.999089, 46, 0.0474259.
    /// Very small or very large magnitudes use scientific form "1.5e-7".
    public static func short(_ x: Double, significant: Int = 6) -> String {
        if x.isNaN { return "NaN" }
        if x.isInfinite { return x > 0 ? "inf" : "-inf" }
        if x == 0 { return "0" }
        let magnitude = abs(x)
        if magnitude >= 1e-4 && magnitude < 1e12 {
            let exponent = Int(_floorLog10(magnitude))
            let decimals = max(0, min(15, significant - 1 - exponent))
            return trim(fixed(x, decimals: decimals))
        }
        return scientific(x, significant: significant).plain
    }

    /// The fewest significant digits, at least `significant`, at which `x` does not print as a whole number it is not:
    /// a probability of 0.99999997 needs 8, where 6 print "1" (and a page would then say p = 1 beside a loss −ln p ≠ 0).
    public static func digitsShowing(_ x: Double, atLeast significant: Int = 6) -> Int {
        guard x.isFinite, x != x.rounded() else { return significant }
        var digits = significant
        while digits < 17, let shown = Double(short(x, significant: digits)), shown == shown.rounded() { digits += 1 }
        return digits
    }

    /// Two numbers with the same count of significant digits, at least `significant`, and enough for them to print
    /// differently when they differ: a cost that fell from 0.16733812 to 0.16733809 is not "fell from 0.167338 to 0.167338".
    public static func apart(_ a: Double, _ b: Double, significant: Int = 6) -> (String, String) {
        var digits = significant
        while digits < 17, a != b, short(a, significant: digits) == short(b, significant: digits) { digits += 1 }
        return (short(a, significant: digits), short(b, significant: digits))
    }

    /// A number as a reader sees it on a page or a figure: `short`, with a true minus sign (−) and
    /// powers of ten written ×10ⁿ instead of e-notation: −0.5, 1.5×10⁻⁷.
    public static func display(_ x: Double, significant: Int = 6) -> String {
        if x.isNaN { return "NaN" }
        if x.isInfinite { return x > 0 ? "∞" : "−∞" }
        let magnitude = abs(x)
        if x != 0 && !(magnitude >= 1e-4 && magnitude < 1e12) {
            let sci = scientific(x, significant: significant)
            let mantissa = withMinusSign(sci.mantissa)
            return (mantissa == "1" ? "" : mantissa == "−1" ? "−" : mantissa + "×") + power(sci.exponent)
        }
        return withMinusSign(short(x, significant: significant))
    }

    /// 10 to an integer power with superscript digits: 10⁻³.
    public static func power(_ exponent: Int) -> String {
        let superscripts: [Character] = ["⁰", "¹", "²", "³", "⁴", "⁵", "⁶", "⁷", "⁸", "⁹"]
        let digits = String(abs(exponent)).map { superscripts[Int(String($0))!] }
        return "10" + (exponent < 0 ? "⁻" : "") + String(digits)
    }

    /// A number with a fixed count of decimals, trailing zeros kept: fixed(0.5, 3) = "0.500".
    public static func fixed(_ x: Double, decimals: Int) -> String {
        if x.isNaN { return "NaN" }
        if x.isInfinite { return x > 0 ? "inf" : "-inf" }
        let places = max(0, min(17, decimals))
        let s = scaledFixed(x, decimals: places) ?? printf("%.*f", places, x)
        // "-0.000" reads as a sign error to a learner: show it as zero.
        if s.hasPrefix("-"), s.dropFirst().allSatisfy({ $0 == "0" || $0 == "." }) { return String(s.dropFirst()) }
        return s
    }

    /// A number rounded to `decimals` places with trailing zeros dropped: rounded(0.5000, 4) = "0.5".
    public static func rounded(_ x: Double, decimals: Int) -> String {
        trim(fixed(x, decimals: decimals))
    }

    /// Mantissa and exponent for scientific notation, e.g. ("1.5", -7), and the plain "1.5e-7".
    public static func scientific(_ x: Double, significant: Int) -> (mantissa: String, exponent: Int, plain: String) {
        let s = printf("%.*e", max(0, significant - 1), x)
        let parts = s.split(separator: "e")
        let mantissa = trim(String(parts[0]))
        let exponent = Int(parts[1]) ?? 0
        return (mantissa, exponent, "\(mantissa)e\(exponent)")
    }

    /// The shortest text that reads back as exactly the same Double (JSON and tests).
    /// Whole numbers print without ".0"; NaN and infinities, which JSON cannot hold, print as null.
    public static func exact(_ x: Double) -> String {
        if !x.isFinite { return "null" }
        if x == x.rounded() && abs(x) < 1e15 { return String(Int64(x)) }
        return "\(x)"
    }

    /// A coordinate for SVG: at most two decimals, no exponent.
    public static func coordinate(_ x: Double) -> String {
        guard x.isFinite else { return "0" }
        return trim(fixed(x, decimals: 2))
    }

    /// `%.<decimals>f` by integer arithmetic, or nil where that could differ from printf's exact rounding.
    ///
    /// Figures format thousands of coordinates per page and printf's exact decimal conversion was a
    /// fifth of a page's render time. x·10ᵈ is computed with one rounding (error < 10⁻⁷ while it stays
    /// below 2³⁰), so rounding it to an integer agrees with rounding the exact value everywhere except
    /// within 10⁻⁶ of a half, which is left to printf (ties there are decided on the exact binary value).
    static func scaledFixed(_ x: Double, decimals: Int) -> String? {
        guard decimals <= 9, x.isFinite else { return nil }
        var scale: UInt64 = 1
        for _ in 0..<decimals { scale *= 10 }
        let scaled = abs(x) * Double(scale)
        guard scaled < 1_073_741_824 else { return nil }
        let fraction = scaled - scaled.rounded(.down)
        guard abs(fraction - 0.5) > 1e-6 else { return nil }
        let n = UInt64(scaled.rounded())
        var s = x < 0 ? "-" : ""
        s += String(n / scale)
        if decimals > 0 {
            let digits = String(n % scale)
            s += "." + String(repeating: "0", count: decimals - digits.count) + digits
        }
        return s
    }

    /// C's printf of one number with a precision: what `String(format:)` prints, without its trip
    /// through NSString (figures format thousands of coordinates per page; that trip was a fifth of
    /// a page's render time).
    static func printf(_ format: String, _ precision: Int, _ x: Double) -> String {
        withUnsafeTemporaryAllocation(of: CChar.self, capacity: 400) { buffer in
            let written = withVaList([Int32(precision), x]) { vsnprintf(buffer.baseAddress!, buffer.count, format, $0) }
            guard written >= 0, Int(written) < buffer.count else {
                return String(format: format.replacingOccurrences(of: "*", with: "\(precision)"), x)
            }
            return String(cString: buffer.baseAddress!)
        }
    }

    /// `s` with every hyphen-minus written as a true minus sign (−). Tables hold thousands of numbers;
    /// this skips Foundation's string bridging for the common case of nothing to replace.
    public static func withMinusSign(_ s: String) -> String {
        guard s.utf8.contains(UInt8(ascii: "-")) else { return s }
        return String(s.map { $0 == "-" ? "−" : $0 })
    }

    private static func trim(_ s: String) -> String {
        // On bytes: called for every number on a page.
        let bytes = Array(s.utf8)
        guard let dot = bytes.firstIndex(of: UInt8(ascii: ".")) else { return s }
        var end = bytes.count
        while end > dot + 1 && bytes[end - 1] == UInt8(ascii: "0") { end -= 1 }
        if end == dot + 1 { end = dot }
        let t = String(decoding: bytes[..<end], as: UTF8.self)
        return t == "-0" ? "0" : t
    }

    private static func _floorLog10(_ x: Double) -> Double {
        // Avoid libm rounding at exact powers of ten by correcting with a comparison.
        var e = 0.0
        var v = x
        while v >= 10 { v /= 10; e += 1 }
        while v < 1 { v *= 10; e -= 1 }
        return e
    }
}
