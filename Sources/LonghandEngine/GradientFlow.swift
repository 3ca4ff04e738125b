/// How much of a gradient survives on its way back through a stack of layers.
///
/// Backpropagation multiplies the error by f′(z) once per layer (besides the weights), so after
/// n layers the activation alone contributes f′(z₁)·f′(z₂)·…·f′(zₙ). With sigmoid every factor
/// is at most 0.25, which is why deep sigmoid stacks learn slowly in their first layers.
public enum GradientFlow {
    /// f′(z₁)·…·f′(zₙ), multiplied left to right.
    public static func product(_ activation: Activation, at z: [Double]) -> Double {
        z.reduce(1) { $0 * activation.derivative($1) }
    }

    /// The running products [f′(z), f′(z)², …, f′(z)ⁿ] for the same z in every layer.
    public static func runningProducts(_ activation: Activation, at z: Double, layers: Int) -> [Double] {
        let slope = activation.derivative(z)
        var out: [Double] = []
        var p = 1.0
        for _ in 0..<max(0, layers) {
            p *= slope
            out.append(p)
        }
        return out
    }
}
