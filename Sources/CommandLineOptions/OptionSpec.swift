/// One option a command accepts, as shown in its `--help`.
public struct OptionSpec: Sendable {
    public enum Kind: Sendable {
        /// `--flag`
        case flag
        /// `--name VALUE` or `--name=VALUE`
        case value(placeholder: String)
        /// Like `.value`, but may be given several times.
        case repeated(placeholder: String)
    }

    public let name: String
    public let kind: Kind
    public let help: String

    public init(name: String, kind: Kind, help: String) {
        self.name = name
        self.kind = kind
        self.help = help
    }

    public static func flag(_ name: String, _ help: String) -> OptionSpec {
        OptionSpec(name: name, kind: .flag, help: help)
    }

    public static func value(_ name: String, _ placeholder: String, _ help: String) -> OptionSpec {
        OptionSpec(name: name, kind: .value(placeholder: placeholder), help: help)
    }

    public static func repeated(_ name: String, _ placeholder: String, _ help: String) -> OptionSpec {
        OptionSpec(name: name, kind: .repeated(placeholder: placeholder), help: help)
    }

    public var takesValue: Bool {
        if case .flag = kind { return false }
        return true
    }

    /// `--node HOST` as printed in help.
    public var synopsis: String {
        switch kind {
        case .flag: return "--\(name)"
        case .value(let placeholder), .repeated(let placeholder): return "--\(name) \(placeholder)"
        }
    }
}
