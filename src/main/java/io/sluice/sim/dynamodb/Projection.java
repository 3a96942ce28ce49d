package io.sluice.sim.dynamodb;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A ProjectionExpression: document paths separated by commas; the item keeps only what they name. */
final class Projection extends ExprParser {
    private final List<DocPath> paths = new ArrayList<>();

    private Projection(String text, Placeholders placeholders) {
        super("ProjectionExpression", text, placeholders);
    }

    static Projection parse(String text, Placeholders placeholders) {
        Projection p = new Projection(text, placeholders);
        do {
            p.paths.add(p.path());
        } while (p.accept(","));
        p.expectEnd();
        for (int i = 0; i < p.paths.size(); i++) {
            for (int j = i + 1; j < p.paths.size(); j++) {
                if (p.paths.get(i).overlaps(p.paths.get(j))) {
                    throw DynamoErrors.invalidExpression(p.which, "Two document paths overlap with each other;"
                            + " must remove or rewrite one of these paths; path one: " + p.paths.get(i)
                            + ", path two: " + p.paths.get(j));
                }
            }
        }
        return p;
    }

    Map<String, Object> of(Map<String, Object> item) {
        Map<String, Object> out = new LinkedHashMap<>();
        paths.forEach(p -> p.project(item, out));
        return out;
    }
}
