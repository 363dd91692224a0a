package io.entire.core;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.OutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Our SHA-256 against the published test vectors and, as the judge for everything else, the JDK's. */
class Sha256Test {
    @Test
    void matchesTheFipsExamples() {
        assertThat(hex(Sha256.digest(new byte[0])))
                .isEqualTo("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
        assertThat(hex(Sha256.digest("abc".getBytes(US_ASCII))))
                .isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
        assertThat(hex(Sha256.digest("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq".getBytes(US_ASCII))))
                .isEqualTo("248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
        Sha256 million = new Sha256();
        byte[] a = "a".repeat(1000).getBytes(US_ASCII);
        for (int i = 0; i < 1000; i++) {
            million.update(a, 0, a.length);
        }
        assertThat(hex(million.digest()))
                .isEqualTo("cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
    }

    @Test
    void aMidstateWrittenAsTextAndResumedGivesTheDigestOfTheWholeAtEveryCut() {
        Random random = new Random(20261205);
        byte[] bytes = new byte[300];
        random.nextBytes(bytes);
        String whole = new Sha256().update(bytes, 0, bytes.length).contentHash();
        for (int cut = 0; cut <= bytes.length; cut++) {
            Sha256.Midstate midstate = new Sha256().update(bytes, 0, cut).midstate();
            Sha256.Midstate read = Sha256.Midstate.parse(midstate.encoded());
            assertThat(read).isEqualTo(midstate);
            assertThat(read.length()).isEqualTo(cut);
            assertThat(Sha256.resume(read).update(bytes, cut, bytes.length - cut).contentHash()).as("cut at " + cut)
                    .isEqualTo(whole);
        }
        assertThat(Sha256.resume(Sha256.Midstate.initial()).update(bytes, 0, bytes.length).contentHash())
                .isEqualTo(whole);
    }

    @Test
    void aDamagedMidstateIsRefused() {
        String encoded = new Sha256().update(new byte[70], 0, 70).midstate().encoded();
        assertThatThrownBy(() -> Sha256.Midstate.parse(encoded.replace("70:", "71:")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Sha256.Midstate.parse("70:00"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void agreesWithTheJdkOnEveryLengthAroundTheBlockAndPaddingEdgesFedInRandomPieces() throws Exception {
        Random random = new Random(20261121);
        for (int length = 0; length <= 300; length++) {
            assertAgrees(random, length);
        }
        for (int round = 0; round < 40; round++) {
            assertAgrees(random, random.nextInt(3 << 20));
        }
    }

    @Test
    void startsOverAfterEachDigest() {
        Sha256 sha256 = new Sha256();
        byte[] text = "Use strings.Contains".getBytes(US_ASCII);
        byte[] first = sha256.update(text, 0, text.length).digest();
        byte[] second = sha256.update(text, 0, text.length).digest();
        assertThat(second).isEqualTo(first).isEqualTo(Sha256.digest(text));
    }

    @Test
    void streamsAndContentHashesAsTheStoresWriteThem() throws IOException {
        Sha256 sha256 = new Sha256();
        try (OutputStream out = sha256.stream()) {
            out.write('a');
            out.write("bc".getBytes(US_ASCII));
        }
        assertThat(sha256.contentHash())
                .isEqualTo("sha256:ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
        assertThat(Sha256.contentHash("abc".getBytes(US_ASCII))).isEqualTo(new Sha256().update(
                "abc".getBytes(US_ASCII), 0, 3).contentHash());
    }

    @Test
    void refusesARangeOutsideTheArray() {
        assertThatThrownBy(() -> new Sha256().update(new byte[4], 2, 3)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> new Sha256().update(new byte[4], -1, 1))
                .isInstanceOf(IndexOutOfBoundsException.class);
    }

    private static void assertAgrees(Random random, int length) throws NoSuchAlgorithmException {
        byte[] bytes = new byte[length];
        random.nextBytes(bytes);
        Sha256 ours = new Sha256();
        for (int offset = 0; offset < length; ) {
            int piece = Math.min(length - offset, random.nextInt(random.nextBoolean() ? 70 : 200_000) + 1);
            ours.update(bytes, offset, piece);
            offset += piece;
        }
        assertThat(hex(ours.digest())).as("%d bytes", length)
                .isEqualTo(hex(MessageDigest.getInstance("SHA-256").digest(bytes)));
    }

    private static String hex(byte[] digest) {
        return HexFormat.of().formatHex(digest);
    }
}
