package io.sluice.notify;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** The {@code sluice.notify.*} keys. */
@ConfigMapping(prefix = "sluice.notify")
public interface NotifyConfig {

    /** Where events are POSTed as JSON (Slack-compatible {@code text} plus fields); none: no notifications. */
    Optional<URI> webhookUrl();

    /** History events that are sent. */
    @WithDefault("start,setWeight,rollback,completed,approval,drift,driftCleared,heal,corrected")
    List<String> events();

    /** Time one delivery attempt may take. */
    @WithDefault("5s")
    Duration timeout();
}
