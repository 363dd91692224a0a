package io.entire.cli;

import java.util.List;
import java.util.Map;
import picocli.CommandLine.Model.CommandSpec;

/** The examples at the end of each command's help, by the command as typed ({@code checkpoint list}). */
final class HelpExamples {
    private static final Map<String, List<String>> EXAMPLES = Map.ofEntries(
            Map.entry("", List.of("entire enable", "entire explain", "entire help checkpoint list")),
            Map.entry("agent", List.of("entire agent list")),
            Map.entry("agent list", List.of("entire agent list")),
            Map.entry("agent add", List.of("entire agent add codex")),
            Map.entry("agent remove", List.of("entire agent remove gemini")),
            Map.entry("attach", List.of("entire attach 75c838dd-10e3-40cf-8df3-17f9955149f8 --force")),
            Map.entry("blame", List.of("entire blame src/Main.java -L 10,40")),
            Map.entry("checkpoint", List.of("entire checkpoint list --branch main")),
            Map.entry("checkpoint list", List.of("entire checkpoint list --branch main",
                    "entire checkpoint list --remote --json")),
            Map.entry("checkpoint push", List.of("entire checkpoint push origin")),
            Map.entry("clean", List.of("entire clean --dry-run")),
            Map.entry("completion", List.of("source <(entire completion bash)",
                    "entire completion fish > ~/.config/fish/completions/entire.fish")),
            Map.entry("disable", List.of("entire disable", "entire disable --uninstall --yes")),
            Map.entry("doctor", List.of("entire doctor --fix")),
            Map.entry("doctor verify", List.of("entire doctor verify --json")),
            Map.entry("enable", List.of("entire enable", "entire enable --agent codex --agent gemini")),
            Map.entry("explain", List.of("entire explain", "entire explain a3b2c4d5e6f7 --full",
                    "entire explain -c HEAD~2 --short")),
            Map.entry("help", List.of("entire help checkpoint list")),
            Map.entry("import", List.of("entire import --dry-run", "entire import --since 30d --link")),
            Map.entry("link", List.of("entire link HEAD a3b2c4d5e6f7")),
            Map.entry("migrate", List.of("entire migrate --checkpoints refs --dry-run")),
            Map.entry("redact", List.of("entire redact --rewrite a3b2c4d5e6f7", "entire redact --rewrite --all")),
            Map.entry("resume", List.of("entire resume feature/parser")),
            Map.entry("rewind", List.of("entire rewind --list", "entire rewind --to 1a2b3c4")),
            Map.entry("search", List.of("entire search \"retry loop\" --since 7d --agent claude-code")),
            Map.entry("session", List.of("entire session list")),
            Map.entry("session list", List.of("entire session list --json")),
            Map.entry("session info", List.of("entire session info 75c838dd")),
            Map.entry("session current", List.of("entire session current")),
            Map.entry("session stop", List.of("entire session stop --all")),
            Map.entry("status", List.of("entire status", "entire status --json")),
            Map.entry("trace", List.of("entire trace export main~10..main --out trace.jsonl")),
            Map.entry("trace export", List.of("entire trace export main~10..main --out trace.jsonl")),
            Map.entry("version", List.of("entire version")));

    private HelpExamples() {
    }

    /** Adds the examples of {@code spec}'s command to its help, unless it has its own. */
    static void add(CommandSpec spec) {
        String typed = spec.qualifiedName(" ").equals("entire") ? ""
                : spec.qualifiedName(" ").substring("entire ".length());
        List<String> examples = EXAMPLES.get(typed);
        if (examples != null && spec.usageMessage().footer().length == 0) {
            CommandSpecs.withExamples(spec, examples.toArray(String[]::new));
        }
    }
}
