extension GradientCheck.Entry {
    /// |a − n| / max(|a|, |n|, 1): the relative error for gradients larger than 1 and the absolute
    /// error for smaller ones.
    ///
    /// Plain relative error calls an exact analytic 0 against a difference quotient of 3e-10 (pure
    /// rounding) a 100 % error; with the denominator floored at 1 it reads 3e-10, as it should.
    public var scaledError: Double {
        abs(analytic - numeric) / max(abs(analytic), abs(numeric), 1)
    }
}
