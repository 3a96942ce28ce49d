package io.sluice.git;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.git.servers.GitCli;
import io.sluice.git.servers.GitHttpServer;
import io.sluice.git.servers.UserClone;
import io.sluice.model.status.Phase;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Smart HTTP with a token as the basic-auth password, against git http-backend. */
class HttpTokenAuthTest {
    static final String TOKEN = "glpat-s3cr3t-t0ken";

    @TempDir
    Path tmp;
    GitHttpServer server;
    UserClone user;

    @BeforeEach
    void start() throws IOException {
        Path served = tmp.resolve("served");
        Files.createDirectories(served);
        GitCli.seededBareRepo(served, "config.git", Fixtures.threeRollouts());
        server = new GitHttpServer(served, "sluice", TOKEN).start();
        user = new UserClone(tmp, server.urlWithToken("config.git"));
    }

    @AfterEach
    void stop() {
        server.close();
    }

    LocalClone cloneWith(String token) {
        return new LocalClone(tmp.resolve("clone-" + token.hashCode()), new Remote(server.url("config.git"),
                new Credentials.Token("sluice", token, "file /run/secrets/git-token"), Duration.ofSeconds(10)));
    }

    @Test
    void pollsAndPushesStatusWithTheToken() throws IOException {
        LocalClone clone = cloneWith(TOKEN);
        GitSource source = new GitSource(clone, "main", "rollouts", Fixtures.CLOCK);
        assertEquals(3, source.poll().snapshot().orElseThrow().rollouts().size());

        user.write("rollouts/payments.yaml", Fixtures.rollout("payments", "green")).commit("Add payments");
        user.push();
        assertEquals(4, source.poll().snapshot().orElseThrow().rollouts().size());

        StatusPush push = new StatusWriter(clone, new StatusWriter.Settings("main", "status", "sluice", "sluice@localhost",
                3, Duration.ofMillis(10)), Fixtures.CLOCK)
                .write(List.of(Fixtures.status("payments", Phase.Progressing, "step 1/5")), "payments Progressing");
        assertEquals(StatusPush.Outcome.Pushed, push.outcome(), push::toString);
        user.pull();
        assertTrue(user.git("show", "HEAD:status/payments.yaml").contains("phase: Progressing"));
        clone.close();
    }

    @Test
    void aRevokedTokenIsAClearAuthErrorAndTheLastGoodSnapshotIsKept() {
        LocalClone clone = cloneWith(TOKEN);
        GitSource source = new GitSource(clone, "main", "rollouts", Fixtures.CLOCK);
        DesiredSnapshot good = source.poll().snapshot().orElseThrow();

        server.acceptToken("rotated-token");
        PollResult refused = source.poll();

        GitTrouble trouble = refused.trouble().orElseThrow();
        assertEquals(GitTrouble.Reason.AuthenticationFailed, trouble.reason(), trouble::toString);
        assertEquals(GitTrouble.Kind.STALLED, trouble.kind());
        assertTrue(trouble.message().contains("file /run/secrets/git-token"), trouble::message);
        assertTrue(trouble.message().contains(server.url("config.git")), trouble::message);
        assertFalse(trouble.toString().contains(TOKEN), "the token never appears in a message");
        assertEquals(good, refused.snapshot().orElseThrow());
        clone.close();
    }

    @Test
    void aWrongTokenFromTheStartIsRefusedWithoutASnapshot() {
        LocalClone clone = cloneWith("wrong-token");
        PollResult refused = new GitSource(clone, "main", "rollouts", Fixtures.CLOCK).poll();
        assertEquals(GitTrouble.Reason.AuthenticationFailed, refused.trouble().orElseThrow().reason());
        assertTrue(refused.snapshot().isEmpty());
        assertFalse(refused.toString().contains("wrong-token"));
        clone.close();
    }

    @Test
    void theTokenIsNeverShownByTheCredentials() {
        Credentials token = new Credentials.Token("sluice", TOKEN, "SLUICE_GIT_TOKEN");
        assertFalse(token.toString().contains(TOKEN));
        assertFalse(new Remote("https://sluice:" + TOKEN + "@git.example.com/config.git", token, Duration.ofSeconds(1))
                .shownUrl().contains(TOKEN));
    }
}
