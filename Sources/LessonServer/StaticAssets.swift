import Foundation
import LessonKit
import Hummingbird

/// The files the server sends as they are: KaTeX (read once at start-up from the system copy) and
/// the panel's and the walkthrough editor's scripts and style sheets. Requests are answered from this table by exact path, so no
/// part of a URL ever reaches the file system.
struct StaticAssets: Sendable {
    struct Asset: Sendable {
        let bytes: ByteBuffer
        let contentType: String
    }

    /// URL path → file.
    let files: [String: Asset]

    /// Reads KaTeX's script, style sheet and fonts from `katexFolder` (symlinks resolved here, at
    /// start-up) and adds the panel's files.
    init(katexFolder: String) {
        var files: [String: Asset] = [:]
        func add(_ path: String, _ data: Data) {
            files[path] = Asset(bytes: ByteBuffer(bytes: data), contentType: ContentType.of(path))
        }
        let fm = FileManager.default
        let source = URL(fileURLWithPath: katexFolder)
        for name in ["katex.min.js", "katex.min.css"] {
            if let data = fm.contents(atPath: source.appendingPathComponent(name).resolvingSymlinksInPath().path) {
                add("/assets/katex/\(name)", data)
            }
        }
        let fonts = source.appendingPathComponent("fonts").resolvingSymlinksInPath()
        for name in ((try? fm.contentsOfDirectory(atPath: fonts.path)) ?? []) where name.hasPrefix("KaTeX_") {
            if let data = fm.contents(atPath: fonts.appendingPathComponent(name).resolvingSymlinksInPath().path) {
                add("/assets/katex/fonts/\(name)", data)
            }
        }
        add("/" + PanelAssets.scriptPath, Data(PanelAssets.script.utf8))
        add("/" + PanelAssets.stylePath, Data(PanelAssets.style.utf8))
        add("/" + EditorAssets.scriptPath, Data(EditorAssets.script.utf8))
        add("/" + EditorAssets.stylePath, Data(EditorAssets.style.utf8))
        self.files = files
    }

    /// Whether KaTeX was found (pages show TeX source without it).
    var hasKaTeX: Bool { files["/assets/katex/katex.min.js"] != nil }
}
