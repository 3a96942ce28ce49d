package io.sluice.sim;

import io.sluice.sim.quota.QuotaSettings;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * A scenario file: one section per service under its signing name ({@code elasticloadbalancing},
 * {@code sts}, ...), plus {@code clock: {start}}, {@code faults: [...]}, {@code events: [...]} and {@code quotas: {...}}.
 * Read with SnakeYAML's safe constructor (plain maps, lists and scalars only); JSON is valid YAML,
 * so the admin API takes either. The format is described in {@code src/main/resources/sim/SCENARIO.md}.
 */
public record Scenario(Map<String, Object> sections, Optional<Instant> clockStart, List<Map<String, Object>> faults,
        List<Map<String, Object>> events, Object quotas) {

    private static final List<String> CORE_KEYS = List.of("clock", "faults", "events", "quotas");

    /** A scenario without a {@code quotas} section (API rate limits off). */
    public Scenario(Map<String, Object> sections, Optional<Instant> clockStart, List<Map<String, Object>> faults,
            List<Map<String, Object>> events) {
        this(sections, clockStart, faults, events, null);
    }

    @SuppressWarnings("unchecked")
    public static Scenario parse(String text) {
        Object root;
        try {
            LoaderOptions options = new LoaderOptions();
            options.setAllowDuplicateKeys(false);
            root = new Yaml(new SafeConstructor(options)).load(text);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("scenario is not valid YAML: " + e.getMessage());
        }
        ScenarioFields top = ScenarioFields.of("", root == null ? Map.of() : root);
        Map<String, Object> sections = new LinkedHashMap<>();
        top.keys().stream().filter(k -> !CORE_KEYS.contains(k)).forEach(k -> sections.put(k, top.raw(k)));
        ScenarioFields clock = top.mapping("clock").only("start");
        List<Map<String, Object>> faults = new ArrayList<>();
        top.mappings("faults").forEach(f -> faults.add(f.asMap()));
        List<Map<String, Object>> events = new ArrayList<>();
        top.mappings("events").forEach(e -> events.add(e.asMap()));
        QuotaSettings.parse(ScenarioFields.of("quotas", top.raw("quotas")));
        return new Scenario(sections, clock.instant("start"), faults, events, top.raw("quotas"));
    }

    /**
     * Makes this scenario the server's whole state: every service reloads (a service without a
     * section is emptied), faults and events are replaced, and a manual clock moves to
     * {@code clock.start} (forward only).
     */
    @SuppressWarnings("unchecked")
    public void applyTo(SimServer server) {
        Map<String, SimService> services = server.services();
        for (String key : sections.keySet()) {
            if (!services.containsKey(key)) {
                throw new IllegalArgumentException(key + ": unknown section (services: "
                        + String.join(", ", services.keySet()) + "; also clock, faults, events, quotas)");
            }
            if (sections.get(key) != null && !(sections.get(key) instanceof Map<?, ?>)) {
                throw new IllegalArgumentException(key + ": expected a mapping");
            }
        }
        List<Fault> parsedFaults = new ArrayList<>();
        for (int i = 0; i < faults.size(); i++) {
            parsedFaults.add(Fault.parse(ScenarioFields.of("faults[" + i + "]", faults.get(i))));
        }
        QuotaSettings quotaSettings =
                QuotaSettings.parse(ScenarioFields.of("quotas", quotas));
        SimClock clock = server.clock();
        if (clockStart.isPresent()) {
            if (!clock.isManual()) {
                throw new IllegalArgumentException("clock.start: the simulator runs on the real clock");
            }
            if (clockStart.get().isBefore(clock.now())) {
                throw new IllegalArgumentException("clock.start: " + clockStart.get()
                        + " is before the simulator's current time " + clock.now() + "; time only moves forward");
            }
            clock.advance(java.time.Duration.between(clock.now(), clockStart.get()));
        }
        List<ScheduledEvents.Event> parsedEvents = new ArrayList<>();
        for (int i = 0; i < events.size(); i++) {
            parsedEvents.add(ScheduledEvents.parse(ScenarioFields.of("events[" + i + "]", events.get(i)), services,
                    clock.now()));
        }
        Map<String, Object> serviceSections = new LinkedHashMap<>();
        sections.forEach((k, v) -> serviceSections.put(k, v == null ? Map.of() : (Map<String, Object>) v));
        server.loadScenario(serviceSections);
        server.control().faults().replaceAll(parsedFaults);
        server.control().events().replaceAll(parsedEvents);
        server.control().quotas().configure(quotaSettings);
    }
}
