package io.entire.core.id;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.f4b6a3.ulid.Ulid;
import io.entire.core.RandomSource;
import java.time.Instant;
import java.util.HashSet;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CheckpointIdTest {
    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 42, 1000, 31337})
    void ourUlidsDecodeWithTheReferenceLibrary(long seed) {
        Random seeds = new Random(seed);
        for (int i = 0; i < 200; i++) {
            long millis = Math.floorMod(seeds.nextLong(), 1L << 48);
            RandomSource random = new Random(seeds.nextLong())::nextBytes;
            String ours = io.entire.core.id.Ulid.generate(Instant.ofEpochMilli(millis), random);
            Ulid reference = Ulid.from(ours);
            assertThat(reference.toString()).isEqualTo(ours);
            assertThat(reference.getTime()).isEqualTo(millis);
            assertThat(CheckpointId.of(ours).createdAt()).contains(Instant.ofEpochMilli(millis));
        }
    }

    @ParameterizedTest
    @ValueSource(longs = {7, 8, 9})
    void referenceUlidsAreValidIdsWithTheirTime(long seed) {
        Random random = new Random(seed);
        for (int i = 0; i < 200; i++) {
            Ulid reference = new Ulid(Math.floorMod(random.nextLong(), 1L << 48), randomBytes(random));
            CheckpointId id = CheckpointId.of(reference.toString());
            assertThat(id.kind()).isEqualTo(CheckpointId.Kind.ULID);
            assertThat(id.createdAt()).contains(Instant.ofEpochMilli(reference.getTime()));
        }
    }

    @Test
    void randomBitsMatchTheReferenceEncoding() {
        byte[] entropy = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10};
        RandomSource fixed = bytes -> System.arraycopy(entropy, 0, bytes, 0, bytes.length);
        long millis = 1_760_000_000_000L;
        byte[] full = new byte[16];
        for (int i = 0; i < 6; i++) {
            full[i] = (byte) (millis >>> (40 - 8 * i));
        }
        System.arraycopy(entropy, 0, full, 6, 10);
        assertThat(io.entire.core.id.Ulid.generate(Instant.ofEpochMilli(millis), fixed))
                .isEqualTo(Ulid.from(full).toString());
    }

    @Test
    void strictUlidValidation() {
        String valid = "01KVBJCWYA4YW6J5M9GP655HZN";
        assertThat(CheckpointId.parse(valid)).isPresent();
        assertThat(CheckpointId.parse(valid.toLowerCase())).isEmpty();
        assertThat(CheckpointId.parse("81KVBJCWYA4YW6J5M9GP655HZN")).as("first character above 7").isEmpty();
        assertThat(CheckpointId.parse("01KVBJCWYA4YW6J5M9GP655HZI")).as("I is not Crockford").isEmpty();
        assertThat(CheckpointId.parse("01KVBJCWYA4YW6J5M9GP655HZ")).isEmpty();
    }

    @Test
    void legacyIdsAndSharding() {
        CheckpointId legacy = CheckpointId.of("a3b2c4d5e6f7");
        assertThat(legacy.kind()).isEqualTo(CheckpointId.Kind.LEGACY_HEX);
        assertThat(legacy.treePath()).isEqualTo("a3/b2c4d5e6f7");
        assertThat(legacy.refShard()).as("the last two, as the Go tool shards every id").isEqualTo("f7");
        assertThat(legacy.createdAt()).isEmpty();
        assertThat(CheckpointId.of("01KVBJCWYA4YW6J5M9GP655HZN").refShard()).isEqualTo("ZN");
        assertThat(CheckpointId.newLegacy(RandomSource.system()).value()).matches("[0-9a-f]{12}");
        Set<CheckpointId> ids = new HashSet<>();
        for (int i = 0; i < 1000; i++) {
            ids.add(CheckpointId.newUlid(Instant.EPOCH, RandomSource.system()));
        }
        assertThat(ids).as("80 random bits each, from /dev/urandom").hasSize(1000);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "A3B2C4D5E6F7", "a3b2c4d5e6f", "a3b2c4d5e6f7a", "../../etc/pa", "a3b2c4d5e6g7",
            "a3b2c4d5e6f7\n", " a3b2c4d5e6f"})
    void rejectsWhatIsNotAnId(String text) {
        assertThatThrownBy(() -> CheckpointId.of(text)).isInstanceOf(InvalidIdException.class)
                .hasMessageContaining("invalid checkpoint id");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "a/b", "..", "../x", "x/../y", ".hidden", "a b", "a\nb", "a..b"})
    void rejectsUnsafeSessionIds(String text) {
        assertThatThrownBy(() -> SessionId.of(text)).isInstanceOf(InvalidIdException.class);
    }

    @Test
    void acceptsRealSessionIds() {
        assertThat(SessionId.of("75c838dd-10e3-40cf-8df3-17f9955149f8").value()).hasSize(36);
        assertThat(SessionId.of("2026-01-06-3a782158-6c7c-4d4d-9c73-eae031da5b18")).isNotNull();
    }

    private static byte[] randomBytes(Random random) {
        byte[] bytes = new byte[10];
        random.nextBytes(bytes);
        return bytes;
    }
}
