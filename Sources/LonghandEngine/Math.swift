#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

// The engine needs only a handful of elementary functions. They are offered as static members of
// `Double` (`Double.exp(x)`, as Swift Numerics names them), so no other file imports the platform's
// C library; the file-level functions below only reach it from inside the extension, where a plain
// `exp(x)` would mean the member itself.

@usableFromInline func cExp(_ x: Double) -> Double { exp(x) }
@usableFromInline func cExpm1(_ x: Double) -> Double { expm1(x) }
@usableFromInline func cLog1p(_ x: Double) -> Double { log1p(x) }
@usableFromInline func cLog(_ x: Double) -> Double { log(x) }
@usableFromInline func cLog10(_ x: Double) -> Double { log10(x) }
@usableFromInline func cTanh(_ x: Double) -> Double { tanh(x) }
@usableFromInline func cCos(_ x: Double) -> Double { cos(x) }
@usableFromInline func cPow(_ x: Double, _ y: Double) -> Double { pow(x, y) }

extension Double {
    /// e^x.
    @inlinable public static func exp(_ x: Double) -> Double { cExp(x) }
    /// e^x − 1, accurate for small x.
    @inlinable public static func expm1(_ x: Double) -> Double { cExpm1(x) }
    /// log(1 + x), accurate for small x.
    @inlinable public static func log1p(_ x: Double) -> Double { cLog1p(x) }
    /// The natural logarithm.
    @inlinable public static func log(_ x: Double) -> Double { cLog(x) }
    /// The base-10 logarithm.
    @inlinable public static func log10(_ x: Double) -> Double { cLog10(x) }
    /// The hyperbolic tangent.
    @inlinable public static func tanh(_ x: Double) -> Double { cTanh(x) }
    /// The cosine.
    @inlinable public static func cos(_ x: Double) -> Double { cCos(x) }
    /// x to the power y.
    @inlinable public static func pow(_ x: Double, _ y: Double) -> Double { cPow(x, y) }
}
