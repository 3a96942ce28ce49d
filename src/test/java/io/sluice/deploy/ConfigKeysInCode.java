package io.sluice.deploy;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithName;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * The configuration keys sluice's code reads, from its {@code @ConfigMapping} interfaces (found among
 * the compiled main classes): {@code sluice.git.token-file} from {@code GitConfig.tokenFile()}, a
 * {@code Map} member as {@code sluice.aws.quota.rates.*}.
 */
final class ConfigKeysInCode {
    private ConfigKeysInCode() {
    }

    static Set<String> keys(Path mainClasses) {
        Set<String> keys = new TreeSet<>();
        try (Stream<Path> files = Files.walk(mainClasses)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".class") && !f.toString().contains("$")).toList()) {
                String name = mainClasses.relativize(file).toString().replace('/', '.').replace('\\', '.')
                        .replaceFirst("\\.class$", "");
                Class<?> type;
                try {
                    type = Class.forName(name, false, ConfigKeysInCode.class.getClassLoader());
                } catch (ClassNotFoundException | LinkageError e) {
                    continue;
                }
                ConfigMapping mapping = type.getAnnotation(ConfigMapping.class);
                if (mapping != null) {
                    collect(type, mapping.prefix(), keys);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return keys;
    }

    private static void collect(Class<?> type, String prefix, Set<String> keys) {
        for (Method m : type.getMethods()) {
            if (m.isDefault() || Modifier.isStatic(m.getModifiers()) || m.getParameterCount() > 0) {
                continue;
            }
            WithName withName = m.getAnnotation(WithName.class);
            String key = prefix + "." + (withName != null ? withName.value() : kebab(m.getName()));
            Class<?> result = m.getReturnType();
            if (Map.class.isAssignableFrom(result)) {
                keys.add(key + ".*");
            } else if (result.isInterface() && result.getName().startsWith("io.sluice.")) {
                collect(result, key, keys);
            } else {
                keys.add(key);
            }
        }
    }

    /** The environment variable MicroProfile Config maps to a key: upper case, every other character {@code _}. */
    static String envVar(String key) {
        return key.toUpperCase(java.util.Locale.ROOT).replaceAll("[^A-Z0-9*]", "_");
    }

    private static String kebab(String camel) {
        return camel.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(java.util.Locale.ROOT);
    }
}
