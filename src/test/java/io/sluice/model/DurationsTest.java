package io.sluice.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class DurationsTest {

    @Test
    void readsEveryUnitAndTheirSums() {
        assertEquals(Optional.of(Duration.ofMillis(500)), Durations.parse("500ms"));
        assertEquals(Optional.of(Duration.ofSeconds(90)), Durations.parse("90s"));
        assertEquals(Optional.of(Duration.ofMinutes(90)), Durations.parse("1h30m"));
        assertEquals(Optional.of(Duration.ofMillis(3_723_004)), Durations.parse("1h2m3s4ms"));
        assertEquals(Optional.of(Duration.ofHours(1)), Durations.parse("0000000000000000000000001h"));
    }

    @Test
    void refusesTextThatIsNoDuration() {
        for (String text : new String[] {null, "", "h", "1d", "1h1h", "10 m", "-1s", "PT1H", "1.5h", "1m1h"}) {
            assertEquals(Optional.empty(), Durations.parse(text), text);
        }
        assertFalse(Durations.isDurationForm("1d"));
    }

    @Test
    void aDurationTooLongToCountIsEmptyInsteadOfThrowingOrWrappingAround() {
        assertEquals(Optional.empty(), Durations.parse("99999999999999999999999ms"));
        assertEquals(Optional.empty(), Durations.parse("9999999999999999h"), "hours times 3600000 overflow a long");
        assertEquals(Optional.empty(), Durations.parse("9223372036854775807ms1h"), "the sum overflows a long");
        assertEquals(Optional.empty(), Durations.parse("9223372036854775808ms"));
        assertEquals(Optional.empty(), Durations.parse("1".repeat(100_000) + "s"));
        assertTrue(Durations.isDurationForm("9999999999999999h"));
    }

    @Test
    void theLongestCountableDurationIsRead() {
        assertEquals(Optional.of(Duration.ofMillis(Long.MAX_VALUE)), Durations.parse("9223372036854775807ms"));
        assertEquals(Optional.of(Duration.ofHours(2_562_047_788_015L)), Durations.parse("2562047788015h"));
    }

    @Test
    void formatReadsBackAsTheSameDuration() {
        for (String text : new String[] {"0s", "500ms", "1h", "1h30m", "720h", "24h1s", "1m1ms"}) {
            assertEquals(text, Durations.format(Durations.parse(text).orElseThrow()));
        }
    }
}
