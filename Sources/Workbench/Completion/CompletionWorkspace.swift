/// What completion knows of a session's workspace: its names, and the members of each value and
/// of its elements, captured before the prompt so that Tab evaluates nothing.
///
/// Capturing is one pass over the workspace that asks each value for its member names (a
/// switch on its kind), so it costs microseconds for hundreds of names.
public struct CompletionWorkspace: Sendable, Equatable {
    /// Workspace names, in the order they were first assigned.
    public var names: [String]
    /// The members of each name's value (`model` → `history`, `layers`, …).
    public var members: [String: [String]]
    /// The members of `name[i]` (`model[0]` → `W`, `b`, …).
    public var elementMembers: [String: ElementMembers]

    /// Members of a value's elements.
    public enum ElementMembers: Sendable, Equatable {
        /// Every element has these (the slices of a tensor).
        case same([String])
        /// Element by element (the layers of a model, the items of a list).
        case each([[String]])
    }

    public init(names: [String] = [], members: [String: [String]] = [:], elementMembers: [String: ElementMembers] = [:]) {
        self.names = names
        self.members = members
        self.elementMembers = elementMembers
    }

    /// The members of `base`, empty when it has none or is out of range.
    public func members(of base: MemberBase) -> [String] {
        switch base {
        case .name(let name):
            return members[name] ?? []
        case .element(let name, let index):
            switch elementMembers[name] {
            case .same(let all): return all
            case .each(let items):
                let i = index < 0 ? index + items.count : index
                return items.indices.contains(i) ? items[i] : []
            case nil: return []
            }
        }
    }
}

extension Session {
    /// The most list items whose members completion captures (`list[i].`).
    static let completionItemLimit = 256

    /// A snapshot of the workspace for tab completion (see `Completer`).
    public var completionWorkspace: CompletionWorkspace {
        var snapshot = CompletionWorkspace(names: variableNames)
        for name in snapshot.names {
            guard let value = workspace[name] else { continue }
            snapshot.members[name] = Session.members(of: value)
            switch value {
            case .model(let m):
                snapshot.elementMembers[name] = .each(m.layers.map { Session.members(of: .layer($0)) })
            case .list(let items):
                snapshot.elementMembers[name] = .each(items.prefix(Session.completionItemLimit).map(Session.members(of:)))
            case .tensor(let t) where t.rank > 0:
                snapshot.elementMembers[name] = .same(Session.members(of: value))
            default:
                break
            }
        }
        if let last = cells.last(where: { $0.value != nil })?.value {
            snapshot.members["_"] = Session.members(of: last)
        }
        return snapshot
    }
}
