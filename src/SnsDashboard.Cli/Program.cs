using SnsDashboard.Cli.Commands;

// `sns <verb> ...` — each verb lives in Commands/<Verb>Command.cs and returns an exit code.
return args switch
{
    ["analyze", .. var rest] => await AnalyzeCommand.RunAsync(rest, Console.Out, Console.Error),
    ["replay", .. var rest] => await ReplayCommand.RunAsync(rest, Console.Out, Console.Error),
    ["fake", .. var rest] => await FakeCommand.RunAsync(rest, Console.Out, Console.Error),
    ["auth", .. var rest] => AuthCommand.Run(rest, Console.In, Console.Out, Console.Error),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine("""
        usage:
          sns analyze <in.jsonl> [--out <out.jsonl>] [--config <appsettings.json>]
          sns replay generate --rate <posts/s> --minutes <m> [--seed <n>] [--start <RFC3339>] [--out <file>]
          sns replay compose kumamoto|kyushu [--out <file>]
          sns fake jetstream|mastodon|misskey|x [--port <n>] [--rate <posts/s>] [--scenario <file.jsonl>]
          sns auth hash-password            (reads the password from standard input)
        """);
    return 2;
}
