package io.entire.core.redact;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Random;
import java.util.UUID;

/**
 * A deterministic corpus of every kind of secret the redactor must catch, each in the context it is written in, and
 * of benign look-alikes it must leave alone. Every value is synthesized from a seeded generator at run time, so no
 * real (or realistic-looking) credential is ever written into the repository.
 */
final class SecretCorpus {
    /** A secret written in its context: {@code secret} must not survive redaction of {@code text}. */
    record Seeded(String kind, String text, String secret) {
        Seeded {
            if (!text.contains(secret)) {
                throw new IllegalArgumentException(kind + ": the text does not hold the secret");
            }
        }

        /** Recognizable on its own, without the words around it, so it is a secret as a JSON key too. */
        boolean selfEvident() {
            return text.equals(secret);
        }
    }

    /** Text that looks like a secret and is not one: it must come out of redaction unchanged. */
    record Benign(String kind, String text) {
    }

    private static final String UPPER = "ABCDEFGHIJKLMNOPQRSTUVWXYZ";
    private static final String LOWER = "abcdefghijklmnopqrstuvwxyz";
    private static final String DIGITS = "0123456789";
    private static final String BASE62 = UPPER + LOWER + DIGITS;
    private static final String HEX = "0123456789abcdef";

    private final Random random;

    SecretCorpus(long seed) {
        random = new Random(seed);
    }

    List<Seeded> secrets() {
        List<Seeded> secrets = new ArrayList<>();
        String awsSecret = base62(18) + "/" + base62(10) + "+" + base62(10);
        String[] selfEvident = {
            "AKIA" + chars(UPPER + DIGITS, 16), "ASIA" + chars(UPPER + DIGITS, 16),
            "ghp_" + base62(36), "gho_" + base62(36), "ghu_" + base62(36), "ghs_" + base62(36), "ghr_" + base62(36),
            "github_pat_" + base62(22) + "_" + base62(59),
            "glpat-" + base62(20),
            "xoxb-" + chars(DIGITS, 11) + "-" + chars(DIGITS, 12) + "-" + base62(24),
            "xoxp-" + chars(DIGITS, 11) + "-" + chars(DIGITS, 12) + "-" + chars(DIGITS, 13) + "-" + chars(HEX, 32),
            "sk-" + base62(48), "sk-" + "proj-" + base62(40) + "_" + base62(40),
            "sk-" + "ant-api03-" + base62(93) + "AA",
            "sk_" + "live_" + base62(99), "rk_" + "live_" + base62(24), "sk_" + "test_" + base62(24),
            "AIza" + base62(35),
            "sb_" + "secret_" + base62(32), "sbp_" + chars(HEX, 40),
            "npm_" + base62(36),
            "pypi-" + "AgEIcHlwaS5vcmc" + chars(BASE62 + "-_", 120),
            "SK" + chars(HEX, 32),
            "SG." + chars(BASE62 + "-_", 22) + "." + chars(BASE62 + "-_", 43),
            jwt(),
            base62(40),
        };
        for (String token : selfEvident) {
            secrets.add(new Seeded(token.substring(0, Math.min(token.length(), 5)), token, token));
        }
        String webhook = "T" + chars(UPPER + DIGITS, 10) + "/B" + chars(UPPER + DIGITS, 10) + "/" + base62(24);
        secrets.add(new Seeded("slack webhook", "curl -X POST https://hooks.slack.com/services/" + webhook, webhook));
        for (String type : List.of("RSA PRIVATE KEY", "EC PRIVATE KEY", "DSA PRIVATE KEY", "OPENSSH PRIVATE KEY",
                "PRIVATE KEY", "ENCRYPTED PRIVATE KEY", "PGP PRIVATE KEY BLOCK")) {
            String body = pemBody(random.nextInt(180, 400));
            secrets.add(new Seeded(type, "-----BEGIN " + type + "-----\n" + body + "\n-----END " + type + "-----\n",
                    body));
        }
        String password = base62(10) + "!" + chars(LOWER, 4);
        String djangoKey = "django-insecure-" + chars(LOWER + DIGITS + "!@#%^&*(-_=+)", 50);
        String passphrase = "correct horse " + chars(LOWER, 7) + " staple";
        String hex40 = chars(HEX, 40);
        String hex64 = chars(HEX, 64);
        String twilioToken = chars(HEX, 32);
        String heroku = new UUID(random.nextLong(), random.nextLong()).toString();
        String bearer = base62(22) + "." + base62(12) + "~" + base62(8);
        String signature = base62(43) + "=";
        String yaml = chars(LOWER, 6) + chars(DIGITS, 3) + "$" + chars(LOWER, 3);
        String jsonSecret = base62(30);
        String urlPassword = chars(LOWER, 8) + chars(DIGITS, 2);
        String srvPassword = base62(16);
        secrets.addAll(List.of(
                new Seeded("aws secret key", "aws_secret_access_key = " + awsSecret, awsSecret),
                new Seeded("aws secret key json", "{\"SecretAccessKey\": \"" + awsSecret + "\"}", awsSecret),
                new Seeded("url password", "DATABASE_URL=postgres://app:" + urlPassword + "@db.internal:5432/app",
                        urlPassword),
                new Seeded("srv password", "mongodb+srv://admin:" + srvPassword + "@cluster0.mongodb.net/test",
                        srvPassword),
                new Seeded("django secret key", "DJANGO_SECRET_KEY=" + djangoKey, djangoKey),
                new Seeded("env password", "DB_PASSWORD=" + password, password),
                new Seeded("exported passphrase", "export SSH_KEY_PASSPHRASE=\"" + passphrase + "\"", passphrase),
                new Seeded("hex40 token in context", "GITHUB_TOKEN=" + hex40, hex40),
                new Seeded("hex64 secret in context", "WEBHOOK_SECRET=" + hex64, hex64),
                new Seeded("twilio auth token", "TWILIO_AUTH_TOKEN=" + twilioToken, twilioToken),
                new Seeded("heroku uuid key", "HEROKU_API_KEY=" + heroku, heroku),
                new Seeded("bearer with dot and tilde", "curl -H 'Authorization: Bearer " + bearer + "' api", bearer),
                new Seeded("signature field", "{\"payload\":\"ok\",\"signature\":\"" + signature + "\"}", signature),
                new Seeded("yaml password", "database:\n  password: " + yaml + "\n", yaml),
                new Seeded("json client secret", "{\"client_secret\": \"" + jsonSecret + "\"}", jsonSecret)));
        return secrets;
    }

    List<Benign> benign() {
        List<Benign> benign = new ArrayList<>();
        byte[] digest = bytes(64);
        benign.add(new Benign("npm integrity", "\"integrity\": \"sha512-" + b64(digest) + "\""));
        benign.add(new Benign("yarn integrity", "integrity sha1-" + b64(bytes(20))));
        benign.add(new Benign("pnpm integrity", "resolution: {integrity: sha384-" + b64(bytes(48)) + "}"));
        benign.add(new Benign("go.sum", "github.com/google/uuid v1.6.0 h1:" + b64(bytes(32))));
        benign.add(new Benign("go.sum go.mod", "github.com/google/uuid v1.6.0/go.mod h1:" + b64(bytes(32))));
        benign.add(new Benign("ssh-ed25519", "ssh-ed25519 " + sshKey("ssh-ed25519", 32) + " dev@laptop"));
        benign.add(new Benign("ssh-rsa", "ssh-rsa " + sshKey("ssh-rsa", 256) + " dev@laptop"));
        benign.add(new Benign("ecdsa", "ecdsa-sha2-nistp256 " + sshKey("ecdsa-sha2-nistp256", 72) + " ci"));
        benign.add(new Benign("certificate", pem("CERTIFICATE", 600)));
        benign.add(new Benign("public key", pem("PUBLIC KEY", 290)));
        benign.add(new Benign("pgp public key", pem("PGP PUBLIC KEY BLOCK", 500)));
        benign.add(new Benign("png data uri", "<img src=\"data:image/png;base64," + image(0x89, 'P', 'N', 'G')
                + "\">"));
        benign.add(new Benign("jpeg data uri", "url(data:image/jpeg;base64," + image(0xff, 0xd8, 0xff, 0xe0) + ")"));
        benign.add(new Benign("gif", "R0lGODlh" + image('G', 'I', 'F', '8').substring(8)));
        benign.add(new Benign("base64 text", b64(("The quick brown fox jumps over the lazy dog; " + "then it rests "
                + "under a tree until the evening, when the farmer comes home.").getBytes(UTF_8))));
        benign.add(new Benign("base64 json", b64("{\"name\":\"demo\",\"version\":\"1.0.0\",\"private\":true}"
                .getBytes(UTF_8))));
        benign.add(new Benign("aws example key id", "AKIAIOSFODNN7EXAMPLE"));
        benign.add(new Benign("aws example secret",
                "aws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"));
        benign.add(new Benign("24-character id", "\"id\": \"" + base62(24) + "\""));
        benign.add(new Benign("24-character id in a url", "https://app.example.com/items/" + base62(24) + "/edit"));
        benign.add(new Benign("object id", "ObjectId(\"" + chars(HEX, 24) + "\")"));
        benign.add(new Benign("cuid", "c" + chars(LOWER + DIGITS, 24)));
        benign.add(new Benign("git commit id", "commit " + chars(HEX, 40)));
        benign.add(new Benign("git sha-256 id", "tree " + chars(HEX, 64)));
        benign.add(new Benign("short id", "HEAD is now at " + chars(HEX, 7) + " Fix the build"));
        benign.add(new Benign("uuid", new UUID(random.nextLong(), random.nextLong()).toString()));
        benign.add(new Benign("upper uuid", new UUID(random.nextLong(), random.nextLong()).toString().toUpperCase()));
        benign.add(new Benign("ulid", "01" + chars("0123456789ABCDEFGHJKMNPQRSTVWXYZ", 24)));
        benign.add(new Benign("docker digest", "nginx@sha256:" + chars(HEX, 64)));
        benign.add(new Benign("cargo checksum", "checksum = \"" + chars(HEX, 64) + "\""));
        benign.add(new Benign("poetry hash", "{file = \"pkg-1.0.tar.gz\", hash = \"sha256:" + chars(HEX, 64) + "\"}"));
        benign.add(new Benign("pip hash", "--hash=sha256:" + chars(HEX, 64)));
        benign.add(new Benign("sri script", "<script integrity=\"sha384-" + b64(bytes(48)) + "\"></script>"));
        benign.add(new Benign("file path", "/Users/dev/src/project/node_modules/@babel/plugin-transform-modules-"
                + "commonjs/lib/index.js"));
        benign.add(new Benign("java path", "core/src/test/java/io/entire/core/redact/FixtureRedactionTest.java"));
        benign.add(new Benign("camel case", "shouldRedactSecretsInJsonEscapedStringsWhenPrefilterPasses"));
        benign.add(new Benign("constant", "MAX_CONCURRENT_CHECKPOINT_WRITERS_PER_REPOSITORY"));
        benign.add(new Benign("test name", "TestE2E_Scenario6_StashSecondPromptUnstashCommitAll"));
        benign.add(new Benign("token counts", "\"usage\": {\"input_tokens\": 1234, \"output_tokens\": 99}"));
        benign.add(new Benign("max tokens", "MAX_TOKENS=4096"));
        benign.add(new Benign("password type", "password: string;"));
        benign.add(new Benign("token from call", "token = get_token(session)"));
        benign.add(new Benign("secret from env", "const secret = process.env.SESSION_SECRET;"));
        benign.add(new Benign("env reference", "DB_PASSWORD=$DB_PASSWORD"));
        benign.add(new Benign("env braces", "API_KEY=${API_KEY}"));
        benign.add(new Benign("actions secret", "GITHUB_TOKEN: ${{ secrets.GITHUB_TOKEN }}"));
        benign.add(new Benign("placeholder", "OPENAI_API_KEY=<your-api-key>"));
        benign.add(new Benign("masked", "API_KEY=********"));
        benign.add(new Benign("already redacted", "GITHUB_TOKEN=REDACTED"));
        benign.add(new Benign("token type", "{\"token_type\": \"Bearer\", \"expires_in\": 3600}"));
        benign.add(new Benign("bearer variable", "Authorization: Bearer $TOKEN"));
        benign.add(new Benign("bearer prose", "Use bearer tokens for authentication."));
        benign.add(new Benign("sklearn", "sk-learn-compatible-estimator-wrapper"));
        benign.add(new Benign("message ids", "msg_01" + base62(22) + " toolu_01" + base62(22) + " req_011C"
                + base62(20)));
        benign.add(new Benign("url", "https://github.com/entireio/cli/blob/main/cmd/entire/cli/settings.go"));
        benign.add(new Benign("url user", "https://oauth2@github.com/org/repo.git and git@github.com:org/repo.git"));
        benign.add(new Benign("url port", "postgres://localhost:5432/app?sslmode=disable"));
        benign.add(new Benign("semver", "1.22.10-rc.1+build.20260205"));
        benign.add(new Benign("maven", "com.fasterxml.jackson.core:jackson-databind:2.17.2"));
        benign.add(new Benign("pod name", "checkout-api-7d4b9c8f6d-x2z9q"));
        benign.add(new Benign("chunk", "static/js/main." + chars(HEX, 8) + ".chunk.js"));
        benign.add(new Benign("css", "text-sm font-medium text-gray-900 dark:text-white hover:bg-gray-100"));
        benign.add(new Benign("color", "#A1B2C3"));
        benign.add(new Benign("ipv6", "2001:0db8:85a3:0000:0000:8a2e:0370:7334"));
        benign.add(new Benign("prose", "The secret to a fast redactor is a cheap pre-filter; password managers help."));
        benign.add(new Benign("thinking signature", "{\"type\":\"thinking\",\"thinking\":\"hm\",\"signature\":\""
                + b64(bytes(400)) + "\"}"));
        return benign;
    }

    private String jwt() {
        String header = b64url("{\"alg\":\"HS256\",\"typ\":\"JWT\"}".getBytes(UTF_8));
        String claims = b64url(("{\"sub\":\"" + chars(DIGITS, 10) + "\",\"name\":\"" + chars(LOWER, 8) + "\",\"iat\":"
                + chars(DIGITS, 10) + "}").getBytes(UTF_8));
        return header + "." + claims + "." + b64url(bytes(32));
    }

    private String pemBody(int length) {
        String body = b64(bytes(length));
        StringBuilder lines = new StringBuilder();
        for (int i = 0; i < body.length(); i += 64) {
            lines.append(i == 0 ? "" : "\n").append(body, i, Math.min(body.length(), i + 64));
        }
        return lines.toString();
    }

    private String pem(String type, int length) {
        return "-----BEGIN " + type + "-----\n" + pemBody(length) + "\n-----END " + type + "-----";
    }

    /** The base64 of an SSH public key blob: the key type as a length-prefixed string, then key material. */
    private String sshKey(String type, int material) {
        byte[] name = type.getBytes(UTF_8);
        byte[] key = bytes(material);
        ByteBuffer blob = ByteBuffer.allocate(8 + name.length + key.length);
        blob.putInt(name.length).put(name).putInt(key.length).put(key);
        return b64(blob.array());
    }

    private String image(int... magic) {
        byte[] image = bytes(300);
        for (int i = 0; i < magic.length; i++) {
            image[i] = (byte) magic[i];
        }
        return b64(image);
    }

    private String base62(int length) {
        while (true) {
            String token = chars(BASE62, length);
            if (token.chars().anyMatch(Character::isUpperCase) && token.chars().anyMatch(Character::isLowerCase)
                    && token.chars().anyMatch(Character::isDigit)) {
                return token;
            }
        }
    }

    private String chars(String alphabet, int length) {
        StringBuilder token = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            token.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return token.toString();
    }

    private byte[] bytes(int length) {
        byte[] bytes = new byte[length];
        random.nextBytes(bytes);
        return bytes;
    }

    static String b64(byte[] bytes) {
        return Base64.getEncoder().encodeToString(bytes);
    }

    private static String b64url(byte[] bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
