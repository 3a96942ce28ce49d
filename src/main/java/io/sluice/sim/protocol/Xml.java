package io.sluice.sim.protocol;

import java.util.ArrayDeque;
import java.util.Deque;

/** A tiny streaming XML writer for AWS response documents; escapes text and attribute values. */
public final class Xml {
    private final StringBuilder out = new StringBuilder(256);
    private final Deque<String> open = new ArrayDeque<>();

    public static Xml document() {
        Xml xml = new Xml();
        xml.out.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>");
        return xml;
    }

    /** Opens an element with an optional xmlns. */
    public Xml start(String name, String xmlns) {
        out.append('<').append(name);
        if (xmlns != null) {
            out.append(" xmlns=\"").append(escape(xmlns)).append('"');
        }
        out.append('>');
        open.push(name);
        return this;
    }

    public Xml start(String name) {
        return start(name, null);
    }

    public Xml end() {
        out.append("</").append(open.pop()).append('>');
        return this;
    }

    /** A leaf element with text; a null value writes nothing. */
    public Xml leaf(String name, Object value) {
        if (value != null) {
            out.append('<').append(name).append('>').append(escape(String.valueOf(value)))
                    .append("</").append(name).append('>');
        }
        return this;
    }

    @Override
    public String toString() {
        if (!open.isEmpty()) {
            throw new IllegalStateException("unclosed elements: " + open);
        }
        return out.toString();
    }

    public static String escape(String s) {
        StringBuilder b = new StringBuilder(s.length() + 8);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '&' -> b.append("&amp;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&apos;");
                default -> b.append(c);
            }
        }
        return b.toString();
    }
}
