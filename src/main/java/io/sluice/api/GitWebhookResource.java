package io.sluice.api;

import io.micrometer.core.instrument.MeterRegistry;
import io.sluice.git.GitConfig;
import io.sluice.git.PollTrigger;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.jboss.logging.Logger;

/**
 * {@code POST /api/webhook/git}: a push notification from GitHub or GitLab asks for a poll now
 * instead of at the next interval. The body is not trusted for anything but the signature: the poll
 * reads the repository itself. Refused (401) without a valid signature or token, and counted.
 */
@Path("/api/webhook/git")
public class GitWebhookResource {
    static final String REQUESTS = "sluice.webhook.requests";
    private static final Logger LOG = Logger.getLogger(GitWebhookResource.class);

    private final Optional<String> secret;
    private final PollTrigger trigger;
    private final MeterRegistry registry;

    public GitWebhookResource(GitConfig config, PollTrigger trigger, MeterRegistry registry) {
        this.secret = config.webhookSecret().filter(s -> !s.isBlank());
        this.trigger = trigger;
        this.registry = registry;
    }

    @POST
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.TEXT_PLAIN)
    public Response receive(byte[] body,
                            @HeaderParam("X-Hub-Signature-256") String githubSignature,
                            @HeaderParam("X-Gitlab-Token") String gitlabToken) {
        Optional<String> refusal = refusal(secret, body == null ? new byte[0] : body, githubSignature, gitlabToken);
        if (refusal.isPresent()) {
            registry.counter(REQUESTS, "outcome", "rejected").increment();
            LOG.warnf("git webhook refused: %s", refusal.get());
            return Response.status(Response.Status.UNAUTHORIZED).entity(refusal.get() + "\n").build();
        }
        registry.counter(REQUESTS, "outcome", "accepted").increment();
        trigger.request();
        return Response.accepted("poll requested\n").build();
    }

    /** Why the request is refused, or empty when it carries a valid GitHub signature or GitLab token. */
    static Optional<String> refusal(Optional<String> secret, byte[] body, String githubSignature, String gitlabToken) {
        if (secret.isEmpty()) {
            return Optional.of("no webhook secret is configured (sluice.git.webhook-secret); every request is refused");
        }
        byte[] key = secret.get().getBytes(StandardCharsets.UTF_8);
        if (githubSignature != null) {
            if (!githubSignature.startsWith("sha256=")) {
                return Optional.of("X-Hub-Signature-256 must be sha256=<hex>");
            }
            byte[] given;
            try {
                given = HexFormat.of().parseHex(githubSignature.substring("sha256=".length()).trim());
            } catch (IllegalArgumentException e) {
                return Optional.of("X-Hub-Signature-256 is not hexadecimal");
            }
            return MessageDigest.isEqual(hmacSha256(key, body), given) ? Optional.empty()
                    : Optional.of("X-Hub-Signature-256 does not match the body signed with the configured secret");
        }
        if (gitlabToken != null) {
            return MessageDigest.isEqual(sha256(gitlabToken.getBytes(StandardCharsets.UTF_8)), sha256(key))
                    ? Optional.empty() : Optional.of("X-Gitlab-Token does not match the configured secret");
        }
        return Optional.of("unsigned: expected X-Hub-Signature-256 (GitHub) or X-Gitlab-Token (GitLab)");
    }

    static byte[] hmacSha256(byte[] key, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(body);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }

    /** Hashing both sides first makes the comparison constant-time even when the lengths differ. */
    private static byte[] sha256(byte[] value) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(value);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
