/// Every subcommand, in the order `pexrtmp --help` lists them.
enum CommandRegistry {
    static let all: [any Command] = [
        RecordCommand(),
        WatchCommand(),
        ControlCommand(),
        SlidesCommand(),
        PullHelpEntry(),
        ConcatCommand(),
        InjectCommand(),
        PushCommand(),
    ]
}
