package io.entire.core.agent.external;

import static java.util.Objects.requireNonNull;

import io.entire.core.git.Deadline;
import io.entire.core.git.ExternalProgram;
import io.entire.core.git.ExternalProgramException;
import io.entire.core.git.GitResult;
import io.entire.core.json.JsonBoolean;
import io.entire.core.json.JsonFormatException;
import io.entire.core.json.JsonNull;
import io.entire.core.json.JsonObject;
import io.entire.core.json.JsonReader;
import io.entire.core.json.JsonValue;
import io.entire.core.model.TokenCount;
import io.entire.core.model.TokenUsage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/**
 * The Go tool's external agent protocol, spoken to one {@code entire-agent-<name>} binary: each call runs the binary
 * with a subcommand and its flags, writes the input (if any) to its stdin and reads one JSON answer from its stdout.
 * A call that exits non-zero (its stderr says why), outlives its time or answers something else is an
 * {@link ExternalAgentException}.
 */
public final class ExternalAgentBinary {
    /** How long one call may take; the Go tool allows the same, so a hung binary cannot hold a git hook forever. */
    static final Duration CALL_TIME = Duration.ofSeconds(30);

    private final ExternalProgram program;

    public ExternalAgentBinary(ExternalProgram program) {
        this.program = requireNonNull(program, "program is null");
    }

    public Path path() {
        return program.executable();
    }

    /** {@code info}: who the agent is and which parts of the protocol it implements. */
    public ExternalAgentInfo info(Duration time) {
        return ExternalAgentInfo.parse(path(), object(call(List.of("info"), null, time)));
    }

    /**
     * {@code parse-hook --hook <name>}: the agent's hook payload, forwarded as it came, turned into a normalized event;
     * empty when the agent says the hook means nothing ({@code null}).
     */
    public Optional<JsonObject> parseHook(String hookName, byte[] payload) {
        JsonValue answer = json(call(List.of("parse-hook", "--hook", hookName), payload, CALL_TIME));
        if (answer instanceof JsonObject event) {
            return Optional.of(event);
        }
        if (answer instanceof JsonNull) {
            return Optional.empty();
        }
        throw new ExternalAgentException(path(), "parse-hook answered neither an event nor null");
    }

    /** {@code install-hooks [--force]}: how many hooks it installed. */
    public long installHooks(boolean force) {
        List<String> args = force ? List.of("install-hooks", "--force") : List.of("install-hooks");
        return number(object(call(args, null, CALL_TIME)), "hooks_installed");
    }

    public void uninstallHooks() {
        call(List.of("uninstall-hooks"), null, CALL_TIME);
    }

    public boolean hooksInstalled() {
        return object(call(List.of("are-hooks-installed"), null, CALL_TIME)).find("installed")
                .filter(JsonBoolean.class::isInstance).map(JsonBoolean.class::cast).map(JsonBoolean::value)
                .orElse(false);
    }

    /** {@code get-session-dir --repo-path <work tree>}: where the agent keeps this work tree's transcripts. */
    public Optional<Path> sessionDirectory(Path workTree) {
        return object(call(List.of("get-session-dir", "--repo-path", workTree.toString()), null, CALL_TIME))
                .findString("session_dir").filter(dir -> !dir.isBlank()).map(Path::of);
    }

    /** {@code resolve-session-file}: the transcript of {@code sessionId} in {@code sessionDirectory}. */
    public Optional<Path> sessionFile(Path sessionDirectory, String sessionId) {
        return object(call(List.of("resolve-session-file", "--session-dir", sessionDirectory.toString(),
                "--session-id", sessionId), null, CALL_TIME)).findString("session_file")
                .filter(file -> !file.isBlank()).map(Path::of);
    }

    /** {@code format-resume-command --session-id <id>}. */
    public String resumeCommand(String sessionId) {
        return object(call(List.of("format-resume-command", "--session-id", sessionId), null, CALL_TIME))
                .findString("command").orElse("");
    }

    /** {@code get-transcript-position --path <transcript>}: where the transcript ends now. */
    public long transcriptPosition(Path transcript) {
        return number(object(call(List.of("get-transcript-position", "--path", transcript.toString()), null,
                CALL_TIME)), "position");
    }

    /** {@code extract-modified-files}: the files the part after {@code offset} wrote. */
    public List<String> modifiedFiles(Path transcript, long offset) {
        return object(call(List.of("extract-modified-files", "--path", transcript.toString(), "--offset",
                Long.toString(offset)), null, CALL_TIME)).strings("files");
    }

    /** {@code extract-prompts}: the prompts of the part after {@code offset}. */
    public List<String> prompts(Path transcript, long offset) {
        return object(call(List.of("extract-prompts", "--session-ref", transcript.toString(), "--offset",
                Long.toString(offset)), null, CALL_TIME)).strings("prompts");
    }

    /** {@code calculate-tokens --offset <offset>}, the transcript on stdin: the part's token usage. */
    public TokenUsage tokens(byte[] transcript, long offset) {
        return tokenUsage(object(call(List.of("calculate-tokens", "--offset", Long.toString(offset)), transcript,
                CALL_TIME)));
    }

    /**
     * {@code compact-transcript --session-ref <transcript>}: the transcript's compact form (FORMATS.md 2.4), which the
     * binary answers in base64 ({@code transcript}); assets it may add are not stored.
     */
    public byte[] compactTranscript(Path transcript) {
        String encoded = object(call(List.of("compact-transcript", "--session-ref", transcript.toString()), null,
                CALL_TIME)).findString("transcript").orElse("");
        try {
            return Base64.getDecoder().decode(encoded);
        } catch (IllegalArgumentException e) {
            throw new ExternalAgentException(path(), "compact-transcript: its transcript is not base64: "
                    + e.getMessage());
        }
    }

    private static TokenUsage tokenUsage(JsonObject json) {
        Optional<TokenUsage> subagents = json.findObject("subagent_tokens").map(ExternalAgentBinary::tokenUsage);
        return new TokenUsage(count(json, "input_tokens"), count(json, "cache_creation_tokens"),
                count(json, "cache_read_tokens"), count(json, "output_tokens"), count(json, "api_call_count"),
                subagents);
    }

    private static long count(JsonObject json, String key) {
        return TokenCount.of(json.member(key));
    }

    private long number(JsonObject json, String key) {
        return json.findLong(key).filter(value -> value >= 0)
                .orElseThrow(() -> new ExternalAgentException(path(), "its answer has no count '" + key + "'"));
    }

    private byte[] call(List<String> args, byte[] stdin, Duration time) {
        GitResult result;
        try {
            result = program.run(args, stdin, Deadline.after(time));
        } catch (ExternalProgramException e) {
            throw new ExternalAgentException(path(), args.get(0) + ": " + e.problem(), e);
        }
        if (!result.succeeded()) {
            String stderr = result.stderr().strip();
            throw new ExternalAgentException(path(), args.get(0) + " exited with " + result.exitCode()
                    + (stderr.isEmpty() ? "" : ": " + firstLine(stderr)));
        }
        return result.stdout();
    }

    private JsonValue json(byte[] stdout) {
        try {
            return new JsonReader().parse(stdout);
        } catch (JsonFormatException e) {
            throw new ExternalAgentException(path(), "its answer is not JSON: " + e.getMessage()
                    + " (" + firstLine(new String(stdout, StandardCharsets.UTF_8)) + ")");
        }
    }

    private JsonObject object(byte[] stdout) {
        if (json(stdout) instanceof JsonObject object) {
            return object;
        }
        throw new ExternalAgentException(path(), "its answer is not a JSON object");
    }

    private static String firstLine(String text) {
        String first = text.lines().findFirst().orElse("");
        return first.length() > 200 ? first.substring(0, 200) + "..." : first;
    }
}
