package io.entire.core;

import java.io.IOException;
import java.io.InputStream;
import java.lang.System.Logger.Level;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;

/** Where new ids get their random bits: the system's, or a given source in tests. */
@FunctionalInterface
public interface RandomSource {
    /** Fills {@code bytes} with random bits. */
    void nextBytes(byte[] bytes);

    /**
     * The kernel's randomness read from {@code /dev/urandom}, where there is one: the same bits a default
     * {@link SecureRandom} reads on Unix, without its security-provider set-up, which cost prepare-commit-msg ~15 ms
     * of a hook budgeted at 40. Elsewhere, or when the device cannot be read, a {@link SecureRandom}.
     */
    static RandomSource system() {
        return new RandomSource() {
            @Override
            public void nextBytes(byte[] bytes) {
                try (InputStream in = Files.newInputStream(Path.of("/dev/urandom"))) {
                    if (in.readNBytes(bytes, 0, bytes.length) == bytes.length) {
                        return;
                    }
                } catch (IOException | UnsupportedOperationException e) {
                    Log.of(RandomSource.class).log(Level.DEBUG, "no /dev/urandom (" + e + "); using SecureRandom");
                }
                new SecureRandom().nextBytes(bytes);
            }
        };
    }
}
