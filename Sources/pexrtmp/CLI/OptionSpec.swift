/// One option a command accepts, as shown in its `--help`.
struct OptionSpec: Sendable {
    enum Kind: Sendable {
        /// `--flag`
        case flag
        /// `--name VALUE` or `--name=VALUE`
        case value(placeholder: String)
        /// Like `.value`, but may be given several times.
        case repeated(placeholder: String)
    }

    let name: String
    let kind: Kind
    let help: String

    static func flag(_ name: String, _ help: String) -> OptionSpec {
        OptionSpec(name: name, kind: .flag, help: help)
    }

    static func value(_ name: String, _ placeholder: String, _ help: String) -> OptionSpec {
        OptionSpec(name: name, kind: .value(placeholder: placeholder), help: help)
    }

    static func repeated(_ name: String, _ placeholder: String, _ help: String) -> OptionSpec {
        OptionSpec(name: name, kind: .repeated(placeholder: placeholder), help: help)
    }

    var takesValue: Bool {
        if case .flag = kind { return false }
        return true
    }

    /// `--node HOST` as printed in help.
    var synopsis: String {
        switch kind {
        case .flag: return "--\(name)"
        case .value(let placeholder), .repeated(let placeholder): return "--\(name) \(placeholder)"
        }
    }
}
