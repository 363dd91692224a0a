package io.entire.core.testing;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Random;

/**
 * Texts of up to {@code maxPieces - 1} pieces picked at random from a seeded source: inputs on which a hand-written
 * reader is compared with the regular expression it replaced.
 */
public final class PieceText {
    private final Random random;
    private final List<String> pieces;
    private final int maxPieces;

    public PieceText(long seed, List<String> pieces, int maxPieces) {
        this.random = new Random(seed);
        this.pieces = List.copyOf(requireNonNull(pieces, "pieces is null"));
        if (this.pieces.isEmpty() || maxPieces < 1) {
            throw new IllegalArgumentException("no pieces, or fewer than 1 at the most: " + maxPieces);
        }
        this.maxPieces = maxPieces;
    }

    /** Each character of {@code characters} a piece. */
    public static PieceText ofCharacters(long seed, String characters, int maxLength) {
        return new PieceText(seed, List.of(characters.split("")), maxLength);
    }

    public String next() {
        StringBuilder text = new StringBuilder();
        int count = random.nextInt(maxPieces);
        for (int i = 0; i < count; i++) {
            text.append(pieces.get(random.nextInt(pieces.size())));
        }
        return text.toString();
    }
}
