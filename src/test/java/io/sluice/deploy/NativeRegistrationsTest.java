package io.sluice.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.runtime.annotations.RegisterForReflection;
import io.sluice.NativeRegistrations;
import io.sluice.api.RolloutResource;
import io.sluice.api.RolloutView;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * Every sluice type the JSON API writes through Jackson is registered for reflection, so that a native
 * image serialises the same JSON as the JVM: a new field of a new record type fails here until
 * {@link NativeRegistrations} lists it.
 */
class NativeRegistrationsTest {
    /** The types the API's resources hand to Jackson. */
    private static final List<Class<?>> API_ROOTS = List.of(RolloutView.class, RolloutView.Detail.class,
            RolloutResource.NotFound.class);

    @Test
    void everyTypeTheJsonApiWritesIsRegisteredForReflection() {
        Set<String> registered = new TreeSet<>();
        Arrays.stream(NativeRegistrations.class.getAnnotation(RegisterForReflection.class).targets())
                .forEach(c -> registered.add(c.getName()));
        Set<String> reached = reachable(API_ROOTS);
        assertTrue(reached.size() > 10, reached.toString());
        Set<String> missing = new TreeSet<>(reached);
        missing.removeAll(registered);
        assertEquals(Set.of(), missing, "types the JSON API writes that NativeRegistrations does not register");
        Set<String> extra = new TreeSet<>(registered);
        extra.removeAll(reached);
        assertEquals(Set.of(), extra, "types NativeRegistrations registers that the JSON API never writes");
    }

    /** sluice's own types reachable from the roots through record components, generics unwrapped. */
    static Set<String> reachable(List<Class<?>> roots) {
        Set<String> seen = new TreeSet<>();
        Deque<Type> todo = new ArrayDeque<>(roots);
        while (!todo.isEmpty()) {
            Type t = todo.pop();
            if (t instanceof ParameterizedType p) {
                todo.addAll(Arrays.asList(p.getActualTypeArguments()));
                todo.push(p.getRawType());
                continue;
            }
            if (!(t instanceof Class<?> c) || !c.getName().startsWith("io.sluice.") || !seen.add(c.getName())) {
                continue;
            }
            if (c.isRecord()) {
                for (RecordComponent rc : c.getRecordComponents()) {
                    todo.push(rc.getGenericType());
                }
            }
        }
        return seen;
    }
}
