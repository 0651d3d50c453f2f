/// Every subcommand, in the order `pexrtmp --help` lists them.
enum CommandRegistry {
    static let all: [any Command] = [
        RecordCommand(),
        WatchCommand(),
        ControlCommand(),
        SlidesCommand(),
        PullCommand(),
        ConcatCommand(),
        InjectCommand(),
        PushCommand(),
    ]
}
