package io.sluice.sim.route53;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * A resource record set as Route 53 stores it: a simple one (no SetIdentifier) or a weighted one.
 * Names are kept lower case, fully qualified with a trailing dot, and a leading wildcard as {@code \052},
 * which is how ListResourceRecordSets returns them.
 */
record RecordSet(String name, String type, Optional<String> setIdentifier, Optional<Long> weight, Optional<Long> ttl,
        List<String> values, Optional<AliasTarget> aliasTarget, Optional<String> healthCheckId) {

    record AliasTarget(String hostedZoneId, String dnsName, boolean evaluateTargetHealth) {
    }

    RecordSet {
        values = List.copyOf(values);
    }

    boolean isWeighted() {
        return setIdentifier.isPresent();
    }

    Key key() {
        return new Key(name, type, setIdentifier.orElse(""));
    }

    /** How Route 53's messages name a record set: {@code [name='a.example.com.', type='A', set-identifier='blue']}. */
    String describe() {
        return "[name='" + name + "', type='" + type + "'"
                + setIdentifier.map(id -> ", set-identifier='" + id + "'").orElse("") + "]";
    }

    /** True when a DELETE naming {@code other} matches this record set value for value. */
    boolean sameValuesAs(RecordSet other) {
        return weight.equals(other.weight) && ttl.equals(other.ttl)
                && values.stream().sorted().toList().equals(other.values.stream().sorted().toList())
                && aliasTarget.map(RecordSet::normalisedAlias).equals(other.aliasTarget.map(RecordSet::normalisedAlias))
                && healthCheckId.equals(other.healthCheckId);
    }

    private static AliasTarget normalisedAlias(AliasTarget a) {
        return new AliasTarget(a.hostedZoneId(), normaliseName(a.dnsName()), a.evaluateTargetHealth());
    }

    static String normaliseName(String raw) {
        String name = raw.toLowerCase(Locale.ROOT);
        if (!name.endsWith(".")) {
            name = name + ".";
        }
        if (name.startsWith("*.") || name.equals("*.")) {
            name = "\\052" + name.substring(1);
        }
        return name;
    }

    /**
     * Identity of a record set within a zone, ordered as ListResourceRecordSets lists: by name with its
     * labels reversed ({@code com.example.www.}), then type, then set identifier.
     */
    record Key(String name, String type, String setIdentifier) implements Comparable<Key> {
        @Override
        public int compareTo(Key o) {
            int byName = reversedLabels(name).compareTo(reversedLabels(o.name));
            if (byName != 0) {
                return byName;
            }
            int byType = type.compareTo(o.type);
            return byType != 0 ? byType : setIdentifier.compareTo(o.setIdentifier);
        }

        static String reversedLabels(String name) {
            String[] labels = name.endsWith(".") ? name.substring(0, name.length() - 1).split("\\.") : name.split("\\.");
            StringBuilder out = new StringBuilder(name.length() + 1);
            for (int i = labels.length - 1; i >= 0; i--) {
                out.append(labels[i]).append('.');
            }
            return out.toString();
        }
    }
}
