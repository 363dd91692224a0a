package io.entire.core;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.UserPrincipal;
import java.nio.file.attribute.UserPrincipalNotFoundException;
import java.util.OptionalInt;

/**
 * Whether files belong to the user this process runs as, compared by user id where {@code /proc} tells this process's
 * id, and by name with {@code user.name} elsewhere: each name looked up reads the user database ({@code /etc/passwd}),
 * and a hook looks several times.
 */
public final class ProcessUser {
    private ProcessUser() {
    }

    /** Whether {@code path} belongs to this process's user. */
    public static boolean owns(Path path) throws IOException {
        OptionalInt uid = ThisProcess.UID;
        if (uid.isPresent()) {
            return uid.getAsInt() == (Integer) Files.getAttribute(path, "unix:uid");
        }
        return Files.getOwner(path).getName().equals(System.getProperty("user.name"));
    }

    /**
     * Whether {@code file} itself (a symbolic link is not followed) belongs to this process's user; where the user is
     * known by name only and the name has no account (some containers), whether it belongs to {@code folder}'s owner.
     */
    public static boolean owns(Path file, Path folder) throws IOException {
        OptionalInt uid = ThisProcess.UID;
        if (uid.isPresent()) {
            return uid.getAsInt() == (Integer) Files.getAttribute(file, "unix:uid", LinkOption.NOFOLLOW_LINKS);
        }
        UserPrincipal user;
        try {
            user = folder.getFileSystem().getUserPrincipalLookupService()
                    .lookupPrincipalByName(System.getProperty("user.name"));
        } catch (UserPrincipalNotFoundException unknown) {
            user = Files.getOwner(folder);
        }
        return Files.getOwner(file, LinkOption.NOFOLLOW_LINKS).equals(user);
    }

    /** Read once per process, when first asked: the id a process runs as does not change. */
    private static final class ThisProcess {
        static final OptionalInt UID = read();

        private static OptionalInt read() {
            try {
                return OptionalInt.of((Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid"));
            } catch (IOException | UnsupportedOperationException | IllegalArgumentException | ClassCastException e) {
                return OptionalInt.empty();
            }
        }
    }
}
