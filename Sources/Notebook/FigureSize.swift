/// The size a figure is shown at on a page: large enough that its smallest text is 12 px.
///
/// A drawing declares its natural size (`width`/`height` on the `<svg>`) and its font sizes; a page
/// that squeezed it into the text column made labels 3–7 px tall. Instead the figure is scaled up
/// until its smallest text reaches 12 px, and the page lets it scroll when that is wider than the window.
public enum FigureSize {
    /// The smallest text a reader is asked to read, in CSS pixels.
    public static let minimumText = 12.0

    /// The SVG with its outer `width` and `height` scaled so its smallest `font-size` shows at
    /// `minimumText` (never scaled down); the `viewBox`, and so the drawing, is unchanged.
    public static func readable(_ svg: String) -> String {
        guard let smallest = smallestFont(svg), smallest < minimumText,
              let tagEnd = svg.firstIndex(of: ">") else { return svg }
        let scale = minimumText / smallest
        var tag = String(svg[..<tagEnd])
        for name in ["width", "height"] {
            guard let range = tag.range(of: " \(name)=\""), let close = tag[range.upperBound...].firstIndex(of: "\""),
                  let value = Double(tag[range.upperBound..<close]) else { continue }
            tag.replaceSubrange(range.upperBound..<close, with: SVG.n((value * scale).rounded(.up)))
        }
        return tag + svg[tagEnd...]
    }

    /// The smallest `font-size="…"` in the SVG text.
    static func smallestFont(_ svg: String) -> Double? {
        let bytes = Array(svg.utf8), attribute = Array("font-size=\"".utf8)
        var smallest: Double?
        var from = 0
        while let start = UTF8Search.first(attribute, in: bytes, from: from) {
            let valueStart = start + attribute.count
            guard let close = bytes[valueStart...].firstIndex(of: UInt8(ascii: "\"")) else { break }
            if let size = Double(String(decoding: bytes[valueStart..<close], as: UTF8.self)), size > 0 { smallest = min(smallest ?? size, size) }
            from = close
        }
        return smallest
    }
}
