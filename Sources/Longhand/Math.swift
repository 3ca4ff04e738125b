#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

// The engine needs only a handful of elementary functions; these thin wrappers keep the
// platform C library out of every other file.

/// e^x.
@inlinable public func _exp(_ x: Double) -> Double { exp(x) }
/// e^x − 1, accurate for small x.
@inlinable public func _expm1(_ x: Double) -> Double { expm1(x) }
/// Natural logarithm.
@inlinable public func _log(_ x: Double) -> Double { log(x) }
/// log(1 + x), accurate for small x.
@inlinable public func _log1p(_ x: Double) -> Double { log1p(x) }
/// Hyperbolic tangent.
@inlinable public func _tanh(_ x: Double) -> Double { tanh(x) }
/// Cosine.
@inlinable public func _cos(_ x: Double) -> Double { cos(x) }
/// Base-10 logarithm.
@inlinable public func _log10(_ x: Double) -> Double { log10(x) }
/// x to the power y.
@inlinable public func _pow(_ x: Double, _ y: Double) -> Double { pow(x, y) }
