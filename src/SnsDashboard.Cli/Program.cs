using SnsDashboard.Cli.Commands;

// `sns <verb> ...` — each verb lives in Commands/<Verb>Command.cs and returns an exit code.
return args switch
{
    ["analyze", .. var rest] => await AnalyzeCommand.RunAsync(rest, Console.Out, Console.Error),
    ["gazetteer", "import", .. var rest] => await GazetteerCommand.ImportAsync(rest, Console.Out, Console.Error),
    ["replay", .. var rest] => await ReplayCommand.RunAsync(rest, Console.Out, Console.Error),
    ["glossary", .. var rest] => await GlossaryCommand.RunAsync(rest, Console.Out, Console.Error),
    ["fake", .. var rest] => await FakeCommand.RunAsync(rest, Console.Out, Console.Error),
    ["auth", .. var rest] => AuthCommand.Run(rest, Console.In, Console.Out, Console.Error),
    ["layers", .. var rest] => await LayersCommand.RunAsync(rest, Console.Out, Console.Error),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine("""
        usage:
          sns analyze <in.jsonl> [--out <out.jsonl>] [--config <appsettings.json>]
          sns gazetteer import [--config <appsettings.json>] [--abr <dir>] [--towns <api/ja dir>] [--boundaries <file>]
                               [--stations <file>] [--shelters <dir>] [--cache <file>]
          sns replay generate --rate <posts/s> --minutes <m> [--seed <n>] [--start <RFC3339>] [--out <file>]
          sns replay compose kumamoto|kyushu [--out <file>]
          sns glossary validate <dir> | export [--format json|csv|csv-sjis|tsv] [--out <path>] | rules [--max-rules n] [--max-length n]
          sns fake jetstream|mastodon|misskey|x [--port <n>] [--rate <posts/s>] [--scenario <file.jsonl>]
          sns auth hash-password            (reads the password from standard input)
          sns layers import <file> [--title <t>] [--theme <theme>] [--source <org>] [--licence <l>] [--valid-at <date>] ...
          sns layers list [--all]
        """);
    return 2;
}
