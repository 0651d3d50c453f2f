import Companion
import Foundation
import PexipClient

/// Participant functions (and the two call functions, through `--call`). A participant is named
/// by uuid or display name; see ``ParticipantResolver``.
extension ControlRequests {
    static let callOption = OptionSpec.value(
        "call", "CALL_UUID", "Act on this call element of the participant instead of the participant.")

    static let participant: [ControlRequest] = [
        onParticipant("mute", "Mute a participant's audio.", done: "muted") { try await $0.mute() },
        onParticipant("unmute", "Unmute a participant's audio.", done: "unmuted") { try await $0.unmute() },
        ControlRequest(
            "disconnect", "Disconnect a participant, or one of its calls with --call.",
            arguments: [.participant], options: [callOption],
            examples: [example("disconnect Bob"),
                       example("disconnect Bob --call 50ed679d-c622-4c0e-b251-e217f2aa030b")]
        ) { context in
            let target = try await context.participant()
            let client = context.client.participant(target.uuid)
            if let call = context.arguments.value("call") {
                return try context.finish(try await client.call(call).disconnect(),
                                          "disconnected call \(call) of \(ControlContext.label(target))")
            }
            return try context.finish(try await client.disconnect(), "disconnected \(ControlContext.label(target))")
        },
        ControlRequest(
            "spotlight", "Spotlight a participant (on) or release the spotlight (off).",
            arguments: [.participant, .choice("STATE", ["on", "off"])],
            examples: [example("spotlight Alice on")]
        ) { context in
            let target = try await context.participant()
            let client = context.client.participant(target.uuid)
            let on = context.values[1] == "on"
            let accepted = on ? try await client.spotlightOn() : try await client.spotlightOff()
            return try context.finish(accepted, "spotlight \(on ? "on" : "off") for \(ControlContext.label(target))")
        },
        ControlRequest(
            "presentation", "Allow or deny a participant receiving the presentation stream.",
            arguments: [.participant, .choice("POLICY", ["allow", "deny"])],
            examples: [example("presentation Bob deny")]
        ) { context in
            let target = try await context.participant()
            let client = context.client.participant(target.uuid)
            let allow = context.values[1] == "allow"
            let accepted = allow ? try await client.allowRxPresentation() : try await client.denyRxPresentation()
            return try context.finish(accepted, "presentation \(allow ? "allowed" : "denied") for \(ControlContext.label(target))")
        },
        onParticipant("admit", "Let a participant in from the waiting room of a locked conference.",
                      done: "admitted") { try await $0.unlock() },
        ControlRequest(
            "dtmf", "Send DTMF digits to a participant, or to one of its calls with --call.",
            arguments: [.participant, .value("DIGITS")], options: [callOption],
            examples: [example("dtmf \"Conference room\" 1234#")],
            check: { arguments throws(UsageError) in
                if arguments.positionals.count > 2 { try checkDigits(arguments.positionals[2], option: "DIGITS") }
            }
        ) { context in
            let target = try await context.participant()
            let client = context.client.participant(target.uuid)
            let digits = context.values[1]
            if let call = context.arguments.value("call") {
                return try context.finish(try await client.call(call).dtmf(digits),
                                          "sent DTMF to call \(call) of \(ControlContext.label(target))")
            }
            return try context.finish(try await client.dtmf(digits), "sent DTMF to \(ControlContext.label(target))")
        },
        ControlRequest(
            "role", "Make a participant a Host (chair) or a Guest.",
            arguments: [.participant, .choice("ROLE", ["chair", "guest", "host"])],
            examples: [example("role Bob chair")]
        ) { context in
            let target = try await context.participant()
            let role = Role(rawValue: context.values[1])
            return try context.finish(try await context.client.participant(target.uuid).setRole(role),
                                      "\(ControlContext.label(target)) is now \(role == .host ? "a Host (chair)" : "a Guest")")
        },
        ControlRequest(
            "transfer", "Move a participant to another conference.",
            arguments: [.participant, .value("ALIAS")],
            details: """
                The PIN for the target conference comes from --target-pin-env or --target-pin-file
                (--pin-env and --pin-file are this tool's own PIN for joining).
                """,
            options: [
                .value("role", "chair|guest", "The role in the target conference (default guest)."),
                .value("target-pin-env", "VAR", "Read the target conference's PIN from environment variable VAR."),
                .value("target-pin-file", "FILE", "Read the target conference's PIN from the first line of FILE."),
            ],
            examples: [
                example("transfer Bob meet.bob --role guest"),
                "BOB_PIN=5678 " + example("transfer Bob meet.bob --target-pin-env BOB_PIN"),
            ],
            check: { arguments throws(UsageError) in
                _ = try roleOption(arguments)
                _ = try transferPIN(arguments)
            }
        ) { context in
            let target = try await context.participant()
            let pin = try transferPIN(context.arguments)
            KnownSecrets.remember(pin)
            let request = TransferRequest(conferenceAlias: context.values[1],
                                          role: try roleOption(context.arguments) ?? .guest, pin: pin?.value)
            return try context.finish(try await context.client.participant(target.uuid).transfer(request),
                                      "transferred \(ControlContext.label(target)) to \(context.values[1])")
        },
        ControlRequest(
            "avatar", "Save a participant's avatar image (JPEG) to a file.",
            arguments: [.participant],
            options: [.value("output", "FILE", "Where to write the image (-o FILE; - for standard output).")],
            examples: [example("avatar Alice -o alice.jpg")],
            check: { arguments throws(UsageError) in _ = try arguments.required("output") }
        ) { context in
            let target = try await context.participant()
            let image = try await context.client.participant(target.uuid).avatar()
            let output = try context.arguments.required("output")
            if output == "-" {
                FileHandle.standardOutput.write(image)
                return .ok
            }
            do {
                try image.write(to: URL(fileURLWithPath: output), options: .atomic)
            } catch {
                throw CommandFailure("cannot write \(output): \(error.localizedDescription)")
            }
            Console.out("wrote \(image.count) bytes to \(output)")
            return .ok
        },
    ]

    /// A request on one participant whose result is the node's true/false.
    private static func onParticipant(_ name: String, _ summary: String, done: String,
                                      _ call: @escaping @Sendable (ParticipantClient) async throws -> Bool) -> ControlRequest {
        ControlRequest(name, summary, arguments: [.participant], examples: [example("\(name) Bob")]) { context in
            let target = try await context.participant()
            return try context.finish(try await call(context.client.participant(target.uuid)),
                                      "\(done) \(ControlContext.label(target))")
        }
    }

    /// The target conference's PIN for `transfer`, only when an option names it.
    static func transferPIN(_ arguments: ParsedArguments) throws(UsageError) -> Secret? {
        let variable = arguments.value("target-pin-env")
        let file = arguments.value("target-pin-file")
        if variable == nil, file == nil { return nil }
        do {
            return try Secret.pin(envVariable: variable, file: file, environment: ProcessInfo.processInfo.environment)
        } catch {
            throw UsageError(error.message.replacingOccurrences(of: "--pin-", with: "--target-pin-"))
        }
    }
}
