import Notebook

/// The "Try your own numbers" panel of a lesson page: one field per option, built from the lesson's
/// option descriptions and pre-filled with the page's current values.
///
/// It is a plain GET form, so it works without JavaScript. On a static page (`.static`) it shows the
/// command line that writes the page with the reader's numbers and how to start the live server; on
/// the live server (`.live`) it submits to the server, shows each refused value's message next to
/// its field, and offers a link back to the source's numbers. `assets/longhand-try.js` adds live
/// re-rendering (or, on a static page, a command line that follows the fields).
public struct OptionsPanel: Sendable {
    /// Where the page is shown.
    public enum Mode: Sendable, Equatable {
        /// A generated file: file:// or any static host.
        case `static`
        /// The local server, which renders the page per request.
        case live
    }

    /// The marker comments around the panel: everything between them is the panel, the rest of
    /// the page is the lesson.
    public static let begin = "<!-- try-panel -->"
    public static let end = "<!-- /try-panel -->"

    /// The lesson's id (file and executable name).
    public let lesson: String
    /// The option descriptions, in declaration order.
    public let descriptions: [OptionDescription]
    /// The values as typed.
    public let values: OptionValues
    /// Static page or live server.
    public let mode: Mode
    /// A refused value's message, shown beside the field it names (or above the fields).
    public let error: OptionError?

    /// A panel for `lesson` with these values.
    public init(lesson: String, descriptions: [OptionDescription], values: OptionValues, mode: Mode, error: OptionError? = nil) {
        self.lesson = lesson
        self.descriptions = descriptions
        self.values = values
        self.mode = mode
        self.error = error
    }

    /// The panel in both languages; nil when the lesson has no options to try.
    public var html: Localized? {
        guard !descriptions.isEmpty else { return nil }
        return Localized(html(.en), zh: html(.zh))
    }

    /// The panel in one language.
    public func html(_ language: Language) -> String {
        let command = OptionValues.commandLine(lesson: lesson, changed: values.changed(descriptions: descriptions), descriptions: descriptions)
        var out = OptionsPanel.begin + "\n"
        out += "<link rel=\"stylesheet\" href=\"../assets/longhand-try.css\">\n"
        // Live, the script shows `data-working` in the status line while a slow recompute is under way.
        let working = mode == .live ? " data-working=\"\(HTML.escape(Words.working[language]))\"" : ""
        out += "<section class=\"try\" id=\"try\" data-lesson=\"\(HTML.escape(lesson))\" data-mode=\"\(mode == .live ? "live" : "static")\"\(working) aria-labelledby=\"try-title\">\n"
        out += "<h2 id=\"try-title\">\(HTML.escape(Words.title[language]))</h2>\n"
        out += "<form class=\"try-form\" method=\"get\" action=\"\(HTML.escape(lesson)).html#try\">\n"
        if mode == .live {
            // A message about no single field (or a field the panel does not show) goes above the fields.
            let general = error.flatMap { e in (e.option.map { name in descriptions.contains { $0.name == name } } ?? false) ? nil : e }
            out += "<p class=\"try-status\" role=\"status\" aria-live=\"polite\">\(general.map { HTML.escape($0.message[language]) } ?? "")</p>\n"
        }
        for description in descriptions {
            out += field(description, language: language)
        }
        if mode == .live {
            out += "<div class=\"try-actions\"><button type=\"submit\">\(HTML.escape(Words.show[language]))</button> "
            out += "<a class=\"try-reset\" href=\"\(HTML.escape(lesson)).html#try\">\(HTML.escape(Words.reset[language]))</a></div>\n"
        } else {
            out += "<div class=\"try-actions\" hidden><button type=\"button\" class=\"try-reset\">\(HTML.escape(Words.reset[language]))</button></div>\n"
        }
        out += "</form>\n"
        out += "<p class=\"try-cli\">\(HTML.escape(Words.commandLine[language])) <code class=\"try-command\">\(HTML.escape(command))</code>"
        out += " <button type=\"button\" class=\"try-copy\" hidden>\(HTML.escape(Words.copy[language]))</button></p>\n"
        if mode == .static {
            out += "<p class=\"try-serve\">\(Words.serve(lesson: lesson, language))</p>\n"
        }
        out += "</section>\n"
        out += "<script src=\"../assets/longhand-try.js\" defer></script>\n"
        out += OptionsPanel.end + "\n"
        return out
    }

    /// One labelled field with its help, what it accepts and (live) its error message.
    func field(_ description: OptionDescription, language: Language) -> String {
        let name = HTML.escape(description.name)
        let id = "try-\(name)"
        let text = values.text(of: description)
        let refused = mode == .live && error?.option == description.name
        let described = "\(id)-help" + (refused ? " \(id)-error" : "")
        var control: String
        let common = "id=\"\(id)\" name=\"\(name)\" aria-describedby=\"\(described)\"" + (refused ? " aria-invalid=\"true\"" : "")
        switch description.kind {
        case .choice(let choices):
            control = "<select \(common) data-default=\"\(HTML.escape(description.defaultValue))\">"
            for choice in choices {
                control += "<option value=\"\(HTML.escape(choice))\"\(choice == text ? " selected" : "")>\(HTML.escape(choice))</option>"
            }
            control += "</select>"
        case .flag:
            let on = OptionValues.isOn(text)
            control = "<input type=\"checkbox\" \(common) value=\"true\"\(on ? " checked" : "") data-default=\"\(OptionValues.isOn(description.defaultValue) ? "true" : "false")\">"
        case .number, .integer, .numberList, .integerList:
            let mode: String
            switch description.kind {
            case .integer, .integerList: mode = "numeric"
            default: mode = "decimal"
            }
            control = "<input type=\"text\" \(common) value=\"\(HTML.escape(text))\" data-default=\"\(HTML.escape(description.defaultValue))\" inputmode=\"\(mode)\" spellcheck=\"false\" autocomplete=\"off\">"
        }
        var out = "<div class=\"try-field\" data-option=\"\(name)\">"
        out += "<label for=\"\(id)\">\(HTML.escape(description.label[language]))</label> \(control)\n"
        let accepted = Words.accepted(description.accepted[language], language)
        out += "<p class=\"try-help\" id=\"\(id)-help\">\(HTML.escape(Words.joined(description.help[language], accepted, language)))</p>\n"
        if mode == .live {
            out += "<p class=\"try-error\" id=\"\(id)-error\" role=\"alert\">\(refused ? HTML.escape(error!.message[language]) : "")</p>\n"
        }
        out += "</div>\n"
        return out
    }

    /// The panel's own words in both languages.
    enum Words {
        static let title = Localized("Try your own numbers", zh: "换上你自己的数字")
        static let show = Localized("Work the page out with these numbers", zh: "用这些数字重算本页")
        static let reset = Localized("Source's numbers", zh: "恢复原文的数字")
        static let commandLine = Localized("The same page from the command line:", zh: "在命令行得到同一页：")
        static let copy = Localized("Copy", zh: "复制")
        /// Shown while a recompute takes long (training lessons take seconds).
        static let working = Localized("Working out the page with these numbers…", zh: "正在用这些数字重算本页……")

        /// "Accepted: …" / "可取：…".
        static func accepted(_ text: String, _ language: Language) -> String {
            language == .en ? "Accepted: \(text)" : "可取：\(text)"
        }

        /// The help sentence and the accepted range as one line, punctuated for the language.
        static func joined(_ help: String, _ accepted: String, _ language: Language) -> String {
            let ends = language == .en ? [".", "!", "?"] : ["。", "！", "？"]
            let stop = ends.contains { help.hasSuffix($0) } || help.isEmpty ? "" : (language == .en ? "." : "。")
            return help + stop + (help.isEmpty || language == .zh ? "" : " ") + accepted + (accepted.hasSuffix(language == .en ? "." : "。") ? "" : (language == .en ? "." : "。"))
        }

        /// How to start the live server, with the address of this page.
        static func serve(lesson: String, _ language: Language) -> String {
            let url = "http://127.0.0.1:8080/\(language.rawValue)/\(HTML.escape(lesson)).html"
            if language == .en {
                return "To watch this page follow your numbers as you type, start the local server with <code>make serve</code> (or <code>swift run longhand serve</code>) in the Longhand folder and open <a href=\"\(url)\">\(url)</a>."
            }
            return "想让本页随着你输入的数字即时重算，请在 Longhand 文件夹里运行 <code>make serve</code>（或 <code>swift run longhand serve</code>）启动本地服务器，然后打开 <a href=\"\(url)\">\(url)</a>。"
        }
    }
}
