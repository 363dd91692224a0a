package io.entire.core.agent.codex;

import static java.util.Objects.requireNonNull;

import io.entire.core.EntireException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Codex's record that the user trusts a hook, kept in the user's {@code $CODEX_HOME/config.toml}: Codex runs a
 * project hook only when the project is trusted ({@code [projects."<root>"] trust_level = "trusted"}) and the table
 * {@code [hooks.state."<hooks.json path>:<event label>:<group>:<handler>"]} holds {@code trusted_hash}, the SHA-256 of
 * the handler's identity (event label, matcher if any, and the handler with its timeout and {@code async} flag) as
 * JSON with sorted keys and no spaces, prefixed {@code sha256:}. Otherwise {@code codex exec} skips the hook without a
 * word. The file is edited line by line, keeping everything else in it.
 */
public final class CodexHookTrust {
    static final String CONFIG = "config.toml";
    private static final Pattern HEADER = Pattern.compile("\\s*\\[\\[?.*\\]\\]?\\s*(?:#.*)?");
    private static final Pattern INLINE_HOOKS = Pattern.compile("\\s*(?:hooks\\s*[.=]|\\[\\s*hooks\\s*\\.\\s*state"
            + "\\s*\\]).*");

    /** How the project itself stands in Codex's trust list. */
    public enum ProjectTrust {
        /** It was trusted already. */
        TRUSTED,
        /** Entire recorded it as trusted now, since Codex runs no project hook otherwise. */
        TRUSTED_NOW,
        /** The user marked it untrusted; left so: Codex will not run the hooks until the user changes that. */
        UNTRUSTED_BY_USER
    }

    /** What an {@link Edit} does: how many hooks it trusts anew and where the project stands. */
    public record Outcome(int hooksTrusted, ProjectTrust projectTrust) {
        public Outcome {
            requireNonNull(projectTrust, "projectTrust is null");
        }
    }

    private final Path config;

    /** The trust record in {@code codexHome} ({@code $CODEX_HOME}, else {@code ~/.codex}). */
    public CodexHookTrust(Path codexHome) {
        this.config = requireNonNull(codexHome, "codexHome is null").resolve(CONFIG);
    }

    public Path config() {
        return config;
    }

    /** The hash Codex computes for a handler without matcher or status message. */
    public static String hash(CodexHookEvent event, String command, int timeoutSeconds) {
        String identity = "{\"event_name\":" + quote(event.trustLabel()) + ",\"hooks\":[{\"async\":false,\"command\":"
                + quote(command) + ",\"timeout\":" + timeoutSeconds + ",\"type\":\"command\"}]}";
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(identity.getBytes(StandardCharsets.UTF_8));
            return "sha256:" + HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    /** The key Codex files a handler's state under. */
    public static String key(Path hooksJson, EntireHookEntry entry) {
        return hooksJson + ":" + entry.event().trustLabel() + ":" + entry.groupIndex() + ":" + entry.handlerIndex();
    }

    /**
     * An edit of the trust record, checked: the text to write (none when the file already says it all) and what it
     * does. {@link #write} applies it.
     */
    public record Edit(Optional<String> text, Outcome outcome) {
        public Edit {
            requireNonNull(text, "text is null");
            requireNonNull(outcome, "outcome is null");
        }
    }

    /**
     * The edit that trusts {@code entries} of {@code hooksJson} (a real path) and, unless the user said otherwise, the
     * project at {@code projectRoot}, made and checked without writing anything: an {@link EntireException} naming
     * the file when it is not valid TOML, or keeps what the edit changes in a form a line-by-line edit cannot change
     * (the edited text would not read as intended).
     */
    public Edit plan(Path projectRoot, Path hooksJson, List<EntireHookEntry> entries) {
        String before = read();
        CodexConfigToml current = CodexConfigToml.read(config, before);
        List<String> lines = new ArrayList<>(before.lines().toList());
        requireEditable(lines);
        Map<List<String>, String> intended = new LinkedHashMap<>();
        int trusted = 0;
        for (EntireHookEntry entry : entries) {
            String hash = hash(entry.event(), entry.command(), entry.timeoutSeconds());
            List<String> keys = List.of("hooks", "state", key(hooksJson, entry), "trusted_hash");
            if (!current.string(keys).equals(Optional.of(hash))) {
                setValue(lines, "hooks.state." + quote(key(hooksJson, entry)), "trusted_hash", hash);
                intended.put(keys, hash);
                trusted++;
            }
        }
        List<String> trustLevel = List.of("projects", projectRoot.toString(), "trust_level");
        ProjectTrust project = switch (current.string(trustLevel).orElse("")) {
            case "trusted" -> ProjectTrust.TRUSTED;
            case "untrusted" -> ProjectTrust.UNTRUSTED_BY_USER;
            default -> {
                setValue(lines, "projects." + quote(projectRoot.toString()), "trust_level", "trusted");
                intended.put(trustLevel, "trusted");
                yield ProjectTrust.TRUSTED_NOW;
            }
        };
        Outcome outcome = new Outcome(trusted, project);
        if (intended.isEmpty()) {
            return new Edit(Optional.empty(), outcome);
        }
        String after = text(lines);
        CodexConfigToml.problem(after, intended).ifPresent(problem -> {
            throw new EntireException(EntireException.Category.STATE, config + " keeps Codex's trust of this project"
                    + " or of hooks in a form Entire does not edit (edited, it would not read right: " + problem
                    + "); trust Entire's hooks in Codex instead: run codex and type /hooks");
        });
        return new Edit(Optional.of(after), outcome);
    }

    /** Writes {@code edit}, made by {@link #plan}; returns what it does. */
    public Outcome write(Edit edit) {
        edit.text().ifPresent(this::write);
        return edit.outcome();
    }

    /**
     * Removes the trust of {@code entries} of {@code hooksJson}; returns how many tables it removed. A file that is not
     * valid TOML is an {@link EntireException} naming it, and is left as it is.
     */
    public int forget(Path hooksJson, List<EntireHookEntry> entries) {
        if (!Files.exists(config)) {
            return 0;
        }
        String before = read();
        CodexConfigToml.read(config, before);
        List<String> lines = new ArrayList<>(before.lines().toList());
        int removed = 0;
        for (EntireHookEntry entry : entries) {
            int header = find(lines, "hooks.state." + quote(key(hooksJson, entry)));
            if (header >= 0) {
                int end = tableEnd(lines, header);
                lines.subList(header, end).clear();
                removed++;
            }
        }
        if (removed > 0) {
            String after = text(lines);
            CodexConfigToml.problem(after, Map.of()).ifPresent(problem -> {
                throw new EntireException(EntireException.Category.STATE, config + " keeps Codex's trust of hooks in"
                        + " a form Entire does not edit (edited, it would not read right: " + problem + "); remove"
                        + " Entire's hooks in Codex instead: run codex and type /hooks");
            });
            write(after);
        }
        return removed;
    }

    private void requireEditable(List<String> lines) {
        for (String line : lines) {
            if (INLINE_HOOKS.matcher(line).matches()) {
                throw new EntireException(EntireException.Category.STATE, config + " keeps its hooks in a form Entire"
                        + " does not edit (" + line.strip() + "); trust Entire's hooks in Codex instead: run codex and"
                        + " type /hooks");
            }
        }
    }

    /** Sets {@code name = "value"} in {@code table}, creating either. */
    private static void setValue(List<String> lines, String table, String name, String text) {
        String assignment = name + " = " + quote(text);
        int header = find(lines, table);
        if (header < 0) {
            if (!lines.isEmpty() && !lines.get(lines.size() - 1).isBlank()) {
                lines.add("");
            }
            lines.add("[" + table + "]");
            lines.add(assignment);
            return;
        }
        int end = tableEnd(lines, header);
        for (int index = header + 1; index < end; index++) {
            if (isAssignment(lines.get(index), name)) {
                lines.set(index, assignment);
                return;
            }
        }
        lines.add(header + 1, assignment);
    }

    private static boolean isAssignment(String line, String name) {
        Matcher matcher = Pattern.compile("\\s*" + Pattern.quote(name) + "\\s*=.*").matcher(line);
        return matcher.matches();
    }

    private static int find(List<String> lines, String table) {
        String header = "[" + table + "]";
        for (int index = 0; index < lines.size(); index++) {
            if (lines.get(index).strip().replaceFirst("\\s*#.*$", "").equals(header)) {
                return index;
            }
        }
        return -1;
    }

    private static int tableEnd(List<String> lines, int header) {
        for (int index = header + 1; index < lines.size(); index++) {
            if (HEADER.matcher(lines.get(index)).matches()) {
                return index;
            }
        }
        return lines.size();
    }

    /** A TOML basic string, escaped as serde_json escapes (the two agree on every character a path holds). */
    static String quote(String text) {
        StringBuilder out = new StringBuilder(text.length() + 2).append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                default -> {
                    if (c < 0x20 || c == 0x7f) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }

    private String read() {
        try {
            return Files.exists(config) ? Files.readString(config, StandardCharsets.UTF_8) : "";
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + config, e);
        }
    }

    private static String text(List<String> lines) {
        return lines.isEmpty() ? "" : String.join("\n", lines) + "\n";
    }

    // Codex follows a symbolic link at config.toml, so the record goes where the link points.
    private void write(String text) {
        try {
            Path target = Files.isSymbolicLink(config) ? config.toRealPath() : config;
            Files.createDirectories(target.getParent());
            Path temporary = Files.createTempFile(target.getParent(), ".config.toml", ".entire");
            try {
                Files.setPosixFilePermissions(temporary, Files.exists(target) ? Files.getPosixFilePermissions(target)
                        : PosixFilePermissions.fromString("rw-------"));
                Files.writeString(temporary, text, StandardCharsets.UTF_8);
                try {
                    Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                } catch (AtomicMoveNotSupportedException e) {
                    Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING);
                }
            } finally {
                Files.deleteIfExists(temporary);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + config, e);
        }
    }
}
