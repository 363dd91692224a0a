package io.entire.core.redact;

/** What a redacted piece of text was taken for; named to the user in place of the secret itself. */
public enum SecretKind {
    AWS_ACCESS_KEY_ID("AWS access key id"),
    AWS_SECRET_KEY("AWS secret access key"),
    GITHUB_TOKEN("GitHub token"),
    GITLAB_TOKEN("GitLab token"),
    SLACK_TOKEN("Slack token"),
    SLACK_WEBHOOK("Slack webhook"),
    STRIPE_KEY("Stripe key"),
    GOOGLE_API_KEY("Google API key"),
    SUPABASE_KEY("Supabase key"),
    NPM_TOKEN("npm token"),
    PYPI_TOKEN("PyPI token"),
    TWILIO_KEY("Twilio key"),
    SENDGRID_KEY("SendGrid key"),
    JWT("JSON web token"),
    OPENAI_OR_ANTHROPIC_KEY("OpenAI or Anthropic key"),
    BEARER_TOKEN("bearer token"),
    URL_PASSWORD("password in a URL"),
    SECRET_VALUE("value of a secret-named field"),
    PRIVATE_KEY("private key"),
    RANDOM_TOKEN("random-looking token"),
    BASE64_SECRET("secret inside base64"),
    PROJECT_PATTERN("match of redaction.patterns");

    private final String description;

    SecretKind(String description) {
        this.description = description;
    }

    /** A few words a person reads: "GitHub token". */
    public String description() {
        return description;
    }
}
