import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif

/// Checks that a plot handed to a notebook writer is a standalone SVG document that is safe
/// to put inline in a page: well-formed XML whose root is `svg`, with no scripts, no event
/// handlers, no foreign objects and no references to other files or the network.
enum SVGCheck {
    /// The SVG without an XML declaration or doctype, ready to inline; throws when it fails a check.
    static func inlineable(_ svg: String, cell: Int) throws(ExportError) -> String {
        var text = Substring(svg)
        while let start = text.firstIndex(where: { !$0.isWhitespace }), text[start...].hasPrefix("<?") || text[start...].hasPrefix("<!DOCTYPE") {
            guard let end = text[start...].firstIndex(of: ">") else { break }
            text = text[text.index(after: end)...]
        }
        let body = text.trimmingCharacters(in: .whitespacesAndNewlines)
        let inspector = Inspector()
        let parser = XMLParser(data: Data(body.utf8))
        parser.delegate = inspector
        guard parser.parse() else {
            throw .invalidSVG(cell: cell, message: "not well-formed XML (\(parser.parserError.map { "\($0.localizedDescription)" } ?? "parse error"))")
        }
        if let problem = inspector.problem { throw .invalidSVG(cell: cell, message: problem) }
        // swift-corelibs' XMLParser accepts a document that ends with elements still open.
        guard inspector.depth == 0, inspector.sawRoot else { throw .invalidSVG(cell: cell, message: "not well-formed XML (unclosed elements)") }
        return body
    }

    private final class Inspector: NSObject, XMLParserDelegate {
        var problem: String?
        private(set) var depth = 0, sawRoot = false

        func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?,
                    qualifiedName: String?, attributes: [String: String] = [:]) {
            defer { depth += 1; sawRoot = true }
            guard problem == nil else { return }
            if depth == 0, name != "svg" { problem = "the root element is <\(name)>, not <svg>"; return }
            if ["script", "foreignObject", "iframe", "object", "embed"].contains(name) {
                problem = "it contains a <\(name)> element"; return
            }
            for (key, value) in attributes {
                if key.lowercased().hasPrefix("on") { problem = "the attribute \(key) would run code"; return }
                if key.hasSuffix("href"), !value.hasPrefix("#") { problem = "it refers to \(value)"; return }
                if value.contains("url("), !value.contains("url(#") { problem = "it refers to another resource in \(key)"; return }
            }
        }

        func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
            depth -= 1
        }
    }
}
