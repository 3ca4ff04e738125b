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

    /// A number as a reader sees it on a page or a figure: `short`, with a true minus sign (−) and
    /// powers of ten written ×10ⁿ instead of e-notation: −0.5, 1.5×10⁻⁷.
    public static func display(_ x: Double, significant: Int = 6) -> String {
        if x.isNaN { return "NaN" }
        if x.isInfinite { return x > 0 ? "∞" : "−∞" }
        let magnitude = abs(x)
        if x != 0 && !(magnitude >= 1e-4 && magnitude < 1e12) {
            let sci = scientific(x, significant: significant)
            let mantissa = sci.mantissa.replacingOccurrences(of: "-", with: "−")
            return (mantissa == "1" ? "" : mantissa == "−1" ? "−" : mantissa + "×") + power(sci.exponent)
        }
        return short(x, significant: significant).replacingOccurrences(of: "-", with: "−")
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
        let s = String(format: "%.\(max(0, min(17, decimals)))f", x)
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
        let s = String(format: "%.\(max(0, significant - 1))e", x)
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

    private static func trim(_ s: String) -> String {
        guard s.contains(".") else { return s }
        var t = Substring(s)
        while t.hasSuffix("0") { t = t.dropLast() }
        if t.hasSuffix(".") { t = t.dropLast() }
        return t == "-0" ? "0" : String(t)
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
