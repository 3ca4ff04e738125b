import Foundation
import Notebook

/// The Content-Security-Policy of a page: only the page's own scripts, styles and fonts.
///
/// Pages carry one inline script (the KaTeX typesetting loop) and one inline style sheet; they are
/// allowed by their SHA-256 hashes, found in the page itself, so nothing else inline can run.
enum ContentSecurityPolicy {
    /// The policy for an HTML page with these contents.
    static func forPage(_ html: String) -> String {
        let scripts = inlineBlocks(html, tag: "script").map { "'sha256-\(hash($0))'" }
        let styles = inlineBlocks(html, tag: "style").map { "'sha256-\(hash($0))'" }
        // Figures and equations size themselves with style attributes; 'unsafe-hashes' admits exactly
        // those attribute values (by hash), never an attribute a reflected value could add.
        let attributes = styleAttributes(html).map { "'sha256-\(hash($0))'" }
        return policy(scripts: scripts, styles: styles + attributes, hashedAttributes: !attributes.isEmpty)
    }

    /// The value of every `style="…"` attribute, entities decoded as the browser reads them.
    static func styleAttributes(_ html: String) -> [String] {
        let bytes = Array(html.utf8)
        var values: [String] = []
        var from = 0
        while let start = UTF8Search.first(Array(" style=\"".utf8), in: bytes, from: from) {
            let valueStart = start + 8
            guard let end = bytes[valueStart...].firstIndex(of: UInt8(ascii: "\"")) else { break }
            let value = String(decoding: bytes[valueStart..<end], as: UTF8.self)
            values.append(value.contains("&") ? value
                .replacingOccurrences(of: "&quot;", with: "\"").replacingOccurrences(of: "&#39;", with: "'")
                .replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">")
                .replacingOccurrences(of: "&amp;", with: "&") : value)
            from = end
        }
        return values
    }

    /// Every page carries the same few inline blocks, so each is hashed once.
    private static let lock = NSLock()
    nonisolated(unsafe) private static var known: [String: String] = [:]

    private static func hash(_ block: String) -> String {
        if let hit = lock.withLock({ known[block] }) { return hit }
        let digest = SHA256.base64(block)
        lock.withLock { if known.count < 64 { known[block] = digest } }
        return digest
    }

    /// The policy for everything that is not a page (assets, JSON, SVG, errors): nothing inline.
    static let strict = policy(scripts: [], styles: [])

    private static func policy(scripts: [String], styles: [String], hashedAttributes: Bool = false) -> String {
        let scriptSources = (["'self'"] + Array(Set(scripts)).sorted()).joined(separator: " ")
        let styleSources = (["'self'"] + (hashedAttributes ? ["'unsafe-hashes'"] : []) + Array(Set(styles)).sorted()).joined(separator: " ")
        return "default-src 'none'; script-src \(scriptSources); style-src \(styleSources); font-src 'self'; "
            + "img-src 'self' data:; connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'"
    }

    /// The contents of every `<tag>` element without attributes (inline scripts carry none; a
    /// `<script src=…>` has attributes and is covered by 'self').
    static func inlineBlocks(_ html: String, tag: String) -> [String] {
        let bytes = Array(html.utf8)
        let open = Array("<\(tag)>".utf8), close = Array("</\(tag)>".utf8)
        var blocks: [String] = []
        var from = 0
        while let start = UTF8Search.first(open, in: bytes, from: from), let end = UTF8Search.first(close, in: bytes, from: start + open.count) {
            blocks.append(String(decoding: bytes[(start + open.count)..<end], as: UTF8.self))
            from = end + close.count
        }
        return blocks
    }
}
