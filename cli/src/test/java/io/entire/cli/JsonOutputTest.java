package io.entire.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.entire.core.git.Git;
import io.entire.core.json.JsonArray;
import io.entire.core.json.JsonObject;
import io.entire.core.json.JsonReader;
import io.entire.core.json.JsonValue;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every {@code --json} output parses and carries exactly the keys {@code docs/json.md} documents for it, run against
 * a real repository with a checkpoint, a live session and a remote.
 */
class JsonOutputTest {
    private static final Path DOCUMENT = Sandbox.FIXTURES.getParent().resolve("docs/json.md");
    private static final Pattern HEADING = Pattern.compile("^### `entire (.+)`$");
    private static final Pattern KEY = Pattern.compile("`([a-z_]+)`");
    private static final Pattern TRAILER = Pattern.compile("Entire-Checkpoint: ([0-9A-Z]{26})");

    @TempDir
    Path temp;

    @Test
    void everyJsonOutputMatchesItsDocumentation() throws IOException {
        Map<String, Section> sections = sections();
        Sandbox workspace = new Sandbox(temp.resolve("alice"));
        Path remote = temp.resolve("remote.git");
        new Git(temp).run("init", "-q", "--bare", "-b", "main", remote.toString());
        workspace.git.run("remote", "add", "origin", remote.toUri().toString());
        workspace.commit("initial");
        assertThat(workspace.run("enable").exitCode()).isZero();
        // the ref store, so that the remote has checkpoint refs to list
        Files.writeString(workspace.repo.resolve(".entire/settings.json"),
                "{\"enabled\": true, \"strategy_options\": {\"checkpoint_store\": \"refs-v1-mirror\"}}");
        workspace.fixtureTranscript(Sandbox.SESSION_A);
        workspace.commit("agent work");
        assertThat(workspace.run("attach", Sandbox.SESSION_A, "--force").exitCode()).isZero();
        Matcher trailer = TRAILER.matcher(workspace.headMessage());
        assertThat(trailer.find()).isTrue();
        String checkpoint = trailer.group(1);
        assertThat(workspace.run("checkpoint", "push").exitCode()).isZero();
        CliRun prompt = CliRun.run(workspace.repo, workspace.env(),
                workspace.userPromptPayload(Sandbox.SESSION_B).getBytes(StandardCharsets.UTF_8),
                "hooks", "claude-code", "user-prompt-submit");
        assertThat(prompt.err()).isEmpty();

        Map<String, JsonValue> outputs = new LinkedHashMap<>();
        outputs.put("status --json", json(workspace, "status", "--json"));
        outputs.put("checkpoint list --json", json(workspace, "checkpoint", "list", "--json"));
        outputs.put("checkpoint list --remote --json", json(workspace, "checkpoint", "list", "--remote", "--json"));
        outputs.put("explain --json", json(workspace, "explain", "--json"));
        outputs.put("trace export --json", json(workspace, "trace", "export", "--json"));
        outputs.put("rewind --list --json", json(workspace, "rewind", "--list", "--json"));
        outputs.put("session list --json", json(workspace, "session", "list", "--json"));
        outputs.put("clean --json", json(workspace, "clean", "--json"));
        outputs.put("doctor --json", json(workspace, "doctor", "--json"));
        outputs.put("doctor verify --json", json(workspace, "doctor", "verify", "--json"));
        outputs.put("session stop --json", json(workspace, "session", "stop", "--all", "--json"));
        outputs.put("rewind --to <point> --json", json(workspace, "rewind", "--to", checkpoint, "--yes", "--json"));
        outputs.put("resume <target> --json", json(workspace, "resume", checkpoint, "--force", "--json"));
        outputs.put("import --dry-run --json", json(workspace, "import", "--dry-run", "--json"));

        assertThat(outputs.keySet()).as("every documented output is run").containsExactlyInAnyOrderElementsOf(
                sections.keySet());
        outputs.forEach((command, output) -> sections.get(command).check(command, output, sections));
        JsonObject listed = (JsonObject) ((JsonArray) outputs.get("checkpoint list --json")).elements().get(0);
        JsonObject explained = (JsonObject) ((JsonObject) outputs.get("explain --json")).findArray("sessions")
                .orElseThrow().elements().get(0);
        assertThat(listed.findString("first_prompt")).as("never shortened")
                .contains(explained.strings("prompts").get(0)).get().asString().hasSizeGreaterThan(200);
    }

    private static JsonValue json(Sandbox workspace, String... args) {
        CliRun run = workspace.run(args);
        assertThat(run.out()).as(String.join(" ", args) + ": " + run.err()).isNotEmpty();
        return new JsonReader().parse(run.out().getBytes(StandardCharsets.UTF_8));
    }

    /** The documented keys of one output: of the document itself, and of the elements under named keys. */
    private record Section(List<String> topLevel, boolean array, Map<String, List<String>> elements,
            Set<String> allKeys) {
        void check(String command, JsonValue output, Map<String, Section> sections) {
            List<JsonObject> top = new ArrayList<>();
            if (array) {
                ((JsonArray) output).elements().forEach(element -> top.add((JsonObject) element));
                assertThat(top).as(command + ": an array with something in it").isNotEmpty();
            } else {
                top.add((JsonObject) output);
            }
            top.forEach(object -> assertThat(object.members().keySet()).as(command)
                    .containsExactlyElementsOf(topLevel));
            elements.forEach((name, keys) -> top.forEach(object -> object.findArray(name).ifPresent(found ->
                    found.elements().forEach(element -> assertThat(((JsonObject) element).members().keySet())
                            .as(command + " " + name + "[]").containsExactlyElementsOf(keys)))));
            Set<String> documented = new LinkedHashSet<>(allKeys);
            elements.values().forEach(documented::addAll);
            assertThat(keysIn(output)).as(command + ": every key documented").isSubsetOf(documented);
        }
    }

    private static Set<String> keysIn(JsonValue value) {
        Set<String> keys = new LinkedHashSet<>();
        if (value instanceof JsonObject object) {
            object.members().forEach((key, member) -> {
                keys.add(key);
                keys.addAll(keysIn(member));
            });
        } else if (value instanceof JsonArray array) {
            array.elements().forEach(element -> keys.addAll(keysIn(element)));
        }
        return keys;
    }

    /** The sections of docs/json.md by command; bullets may continue on indented lines. */
    private static Map<String, Section> sections() throws IOException {
        Map<String, List<String>> bullets = new LinkedHashMap<>();
        List<String> current = null;
        for (String line : Files.readAllLines(DOCUMENT)) {
            Matcher heading = HEADING.matcher(line);
            if (heading.matches()) {
                current = new ArrayList<>();
                bullets.put(heading.group(1), current);
            } else if (current != null && line.startsWith("- ")) {
                current.add(line.substring(2));
            } else if (current != null && line.startsWith("  ") && !current.isEmpty()) {
                current.set(current.size() - 1, current.get(current.size() - 1) + " " + line.strip());
            }
        }
        Map<String, List<String>> arrays = new LinkedHashMap<>();
        bullets.forEach((command, lines) -> lines.stream().filter(line -> line.startsWith("array of:"))
                .forEach(line -> arrays.put(command, keys(line))));
        Map<String, Section> sections = new LinkedHashMap<>();
        bullets.forEach((command, lines) -> {
            List<String> topLevel = List.of();
            boolean array = false;
            Map<String, List<String>> elements = new LinkedHashMap<>();
            Set<String> all = new LinkedHashSet<>();
            for (String line : lines) {
                String label = line.substring(0, line.indexOf(':'));
                String rest = line.substring(line.indexOf(':') + 1).strip();
                if (rest.startsWith("as in `")) {
                    String other = rest.substring("as in `".length(), rest.indexOf('`', "as in `".length()));
                    elements.put(label.replace("`", "").replace("[]", ""), arrays.get(other));
                    continue;
                }
                List<String> keys = keys(line);
                all.addAll(keys);
                if (label.equals("object") || label.equals("array of")) {
                    topLevel = keys;
                    array = label.equals("array of");
                } else if (label.endsWith("[]`")) {
                    elements.put(label.substring(1, label.length() - 3), keys);
                } else {
                    all.add(label.replace("`", ""));
                }
            }
            sections.put(command, new Section(topLevel, array, elements, all));
        });
        return sections;
    }

    /** The keys a bullet names after its label, leaving out what parentheses say about them. */
    private static List<String> keys(String bullet) {
        String listed = bullet.substring(bullet.indexOf(':') + 1).replaceAll("\\([^)]*\\)", "");
        List<String> keys = new ArrayList<>();
        Matcher key = KEY.matcher(listed);
        while (key.find()) {
            keys.add(key.group(1));
        }
        return keys;
    }
}
