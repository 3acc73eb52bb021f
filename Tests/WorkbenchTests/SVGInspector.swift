import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif

/// Parses an SVG (or any XML) document with Foundation's XMLParser and records its elements,
/// so tests can check it is well-formed and count its parts.
final class SVGInspector: NSObject, XMLParserDelegate {
    struct Element {
        let name: String
        let attributes: [String: String]
        /// Names of the enclosing elements, outermost first.
        let ancestors: [String]
        let ancestorClasses: [String]
    }

    private(set) var elements: [Element] = []
    private(set) var texts: [String] = []
    private var stack: [(name: String, className: String)] = []
    private(set) var error: String?

    /// Parses `text`; `error` is set when it is not well-formed.
    init(_ text: String) {
        super.init()
        let parser = XMLParser(data: Data(text.utf8))
        parser.delegate = self
        if !parser.parse() { error = parser.parserError.map { "\($0)" } ?? "parse failed" }
        // swift-corelibs' XMLParser accepts a document that ends with elements still open.
        if error == nil, !stack.isEmpty || elements.isEmpty { error = "unclosed elements" }
    }

    var wellFormed: Bool { error == nil }

    func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?,
                qualifiedName: String?, attributes: [String: String] = [:]) {
        elements.append(Element(name: name, attributes: attributes, ancestors: stack.map(\.name),
                                ancestorClasses: stack.map(\.className)))
        stack.append((name, attributes["class"] ?? ""))
    }

    func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
        stack.removeLast()
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) {
        texts.append(string)
    }

    /// Elements named `name`, optionally with a class.
    func all(_ name: String, class className: String? = nil) -> [Element] {
        elements.filter { $0.name == name && (className == nil || $0.attributes["class"] == className) }
    }

    /// Elements named `name` inside the n-th element of class `groupClass` … counted by ancestry.
    func count(_ name: String, inside groupClass: String) -> Int {
        elements.filter { $0.name == name && $0.ancestorClasses.contains(groupClass) }.count
    }

    /// The text content, joined.
    var allText: String { texts.joined() }
}
