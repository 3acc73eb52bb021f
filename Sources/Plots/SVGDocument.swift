import Foundation

/// A standalone SVG 1.1 document, built element by element as text.
///
/// Standalone means no external references (no fonts, images, stylesheets or scripts), only
/// presentation attributes, and no `id`s, so that several plots can sit inline in one HTML
/// page without clashing. Numbers are written with at most two decimals and attributes in a
/// fixed order, so the same plot is the same text every time.
public struct SVGDocument {
    let width: Double, height: Double
    private var body: [String] = []

    init(width: Double, height: Double) {
        self.width = width
        self.height = height
    }

    /// Appends `<name a="v" …/>`, or `<name …>content</name>` with `content` already escaped.
    mutating func element(_ name: String, _ attributes: [(String, String)], content: String? = nil) {
        body.append(SVGDocument.tag(name, attributes, content: content))
    }

    /// Appends `<text …>` with `text` escaped.
    mutating func text(_ text: String, x: Double, y: Double, anchor: String = "start", _ extra: [(String, String)] = []) {
        element("text", [("x", SVGDocument.number(x)), ("y", SVGDocument.number(y)), ("text-anchor", anchor)] + extra,
                content: SVGDocument.escape(text))
    }

    /// Opens a group; close it with `close()`.
    mutating func open(_ name: String = "g", _ attributes: [(String, String)]) {
        body.append("<\(name)" + SVGDocument.attributeText(attributes) + ">")
    }

    mutating func close(_ name: String = "g") {
        body.append("</\(name)>")
    }

    /// Appends markup that is already SVG (a whole chart nested as a panel).
    mutating func raw(_ markup: String) {
        body.append(markup)
    }

    /// The whole document with an accessible title.
    func rendered(title: String) -> String {
        let w = SVGDocument.number(width), h = SVGDocument.number(height)
        return #"<svg xmlns="http://www.w3.org/2000/svg" version="1.1" width="\#(w)" height="\#(h)" "#
            + #"viewBox="0 0 \#(w) \#(h)" font-family="DejaVu Sans, Helvetica, Arial, sans-serif" font-size="12">"#
            + "\n<title>\(SVGDocument.escape(title))</title>\n"
            + ##"<rect class="background" x="0" y="0" width="\##(w)" height="\##(h)" fill="#ffffff"/>"## + "\n"
            + body.joined(separator: "\n") + "\n</svg>\n"
    }

    static func tag(_ name: String, _ attributes: [(String, String)], content: String? = nil) -> String {
        let open = "<\(name)" + attributeText(attributes)
        guard let content else { return open + "/>" }
        return open + ">" + content + "</\(name)>"
    }

    private static func attributeText(_ attributes: [(String, String)]) -> String {
        attributes.map { " \($0.0)=\"\(escape($0.1))\"" }.joined()
    }

    /// Text safe inside an element or a double-quoted attribute.
    public static func escape(_ text: String) -> String {
        var out = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            // XML 1.0 cannot carry most control characters at all, even escaped.
            case _ where scalar.value < 0x20 && scalar != "\n" && scalar != "\t": out += "\u{FFFD}"
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    /// A coordinate with at most two decimals and no trailing zeros: `12`, `12.5`, `-0.25`.
    static func number(_ x: Double) -> String {
        guard x.isFinite else { return "0" }
        let rounded = (x * 100).rounded() / 100
        if rounded == 0 { return "0" }
        var text = String(format: "%.2f", rounded)
        while text.hasSuffix("0") { text.removeLast() }
        if text.hasSuffix(".") { text.removeLast() }
        return text
    }

    /// `x1,y1 x2,y2 …` for a polyline.
    static func points(_ points: [(x: Double, y: Double)]) -> String {
        points.map { number($0.x) + "," + number($0.y) }.joined(separator: " ")
    }
}
