package io.sluice.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The signature rules without HTTP, including GitHub's published test vector. */
class WebhookRefusalTest {
    static final byte[] BODY = "Hello, World!".getBytes(StandardCharsets.UTF_8);

    @Test
    void acceptsGitHubsDocumentedExampleSignature() {
        // secret and expected signature from GitHub's "Validating webhook deliveries" page
        assertEquals(Optional.empty(), GitWebhookResource.refusal(Optional.of("It's a Secret to Everybody"), BODY,
                "sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17", null));
    }

    @Test
    void refusesEverythingWhenNoSecretIsConfigured() {
        Optional<String> refusal = GitWebhookResource.refusal(Optional.empty(), BODY, null, "anything");
        assertTrue(refusal.orElseThrow().contains("sluice.git.webhook-secret"));
    }

    @Test
    void refusesASignatureWithoutTheAlgorithmPrefix() {
        assertTrue(GitWebhookResource.refusal(Optional.of("s"), BODY,
                "757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17", null).isPresent());
    }
}
