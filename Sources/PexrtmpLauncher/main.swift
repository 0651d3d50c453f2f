import Glibc
import RecorderService

// `pexrtmp`: a lean launcher. Recording streams (`pull`) runs right here, in a process that loads
// no Foundation and none of the meeting client's libraries; every other command is the full CLI,
// `pexrtmp-meeting` beside this binary, which replaces this process (same pid, same standard
// streams, signals and exit status).

let arguments = Array(CommandLine.arguments.dropFirst())

if let command = PullRoute.pullArguments(arguments) {
    exit(PullCommandLine.run(command))
}
MeetingCLI.exec(arguments)
