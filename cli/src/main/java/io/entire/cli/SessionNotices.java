package io.entire.cli;

import static java.util.Objects.requireNonNull;

import io.entire.core.LinkedPathException;
import io.entire.core.OwnFiles;
import io.entire.core.id.SessionId;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * The problems a session's hooks told the user about, one per line in
 * {@code <git common dir>/entire-notices/<session id>.txt}: a hook failing the same way at every prompt says so on
 * the terminal once per session and only logs afterwards.
 */
final class SessionNotices {
    static final String DIRECTORY = "entire-notices";

    private final Path commonDir;
    private final String fileName;

    SessionNotices(Path commonDir, SessionId sessionId) {
        this.commonDir = requireNonNull(commonDir, "commonDir is null");
        requireNonNull(sessionId, "sessionId is null");
        this.fileName = sessionId.value() + ".txt";
    }

    /**
     * Whether the session has not been told {@code notice} yet; records it as told. When the record cannot be read
     * or written the answer is yes: a repeated line is better than a problem nobody hears of.
     */
    boolean firstTime(String notice) {
        String line = notice.replaceAll("\\R", " ");
        try {
            // Owner-only, and no link followed on the way: the same rule as every file a hook writes.
            Path file = OwnFiles.directory(commonDir, DIRECTORY, OwnFiles.Access.PRIVATE).resolve(fileName);
            OwnFiles.requireNoLink(commonDir, file);
            if (Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)
                    && Files.readAllLines(file, StandardCharsets.UTF_8).contains(line)) {
                return false;
            }
            try {
                OwnFiles.createPrivateFile(file);
            } catch (FileAlreadyExistsException exists) {
                // appended to below; a link put there meanwhile is refused by NOFOLLOW_LINKS
            }
            Files.writeString(file, line + "\n", StandardCharsets.UTF_8, StandardOpenOption.APPEND,
                    LinkOption.NOFOLLOW_LINKS);
        } catch (IOException | LinkedPathException e) {
            return true;
        }
        return true;
    }
}
