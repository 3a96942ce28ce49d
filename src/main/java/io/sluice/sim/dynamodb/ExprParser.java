package io.sluice.sim.dynamodb;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What the condition, update and projection expression parsers share: the tokens, document paths
 * ({@code a.b[0]}, {@code #n}) and value placeholders ({@code :v}) resolved through the request's
 * ExpressionAttributeNames and ExpressionAttributeValues, and DynamoDB's wording for a syntax error.
 */
abstract class ExprParser {
    enum Kind { NAME, HASH, COLON, INDEX, SYM, EOF }

    record Token(Kind kind, String text, int at) {
        boolean is(String symbolOrKeyword) {
            return (kind == Kind.SYM || kind == Kind.NAME) && text.equalsIgnoreCase(symbolOrKeyword);
        }
    }

    final String which;
    final Placeholders placeholders;
    private final List<Token> tokens;
    private int next;

    ExprParser(String which, String text, Placeholders placeholders) {
        this.which = which;
        this.placeholders = placeholders;
        if (text.isBlank()) {
            throw DynamoErrors.invalidExpression(which, "The expression can not be empty;");
        }
        this.tokens = lex(text);
    }

    private List<Token> lex(String s) {
        List<Token> out = new ArrayList<>();
        int i = 0;
        while (i < s.length()) {
            char c = s.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
                continue;
            }
            int start = i;
            if (c == '#' || c == ':' || Character.isLetter(c) || c == '_') {
                i++;
                while (i < s.length() && (Character.isLetterOrDigit(s.charAt(i)) || s.charAt(i) == '_')) {
                    i++;
                }
                Kind kind = c == '#' ? Kind.HASH : c == ':' ? Kind.COLON : Kind.NAME;
                if (kind != Kind.NAME && i == start + 1) {
                    throw syntax(String.valueOf(c), s.substring(start, Math.min(s.length(), start + 2)));
                }
                out.add(new Token(kind, s.substring(start, i), start));
            } else if (Character.isDigit(c)) {
                while (i < s.length() && Character.isDigit(s.charAt(i))) {
                    i++;
                }
                out.add(new Token(Kind.INDEX, s.substring(start, i), start));
            } else if (s.startsWith("<>", i) || s.startsWith("<=", i) || s.startsWith(">=", i)) {
                out.add(new Token(Kind.SYM, s.substring(i, i + 2), start));
                i += 2;
            } else if ("=<>()[],.+-".indexOf(c) >= 0) {
                out.add(new Token(Kind.SYM, String.valueOf(c), start));
                i++;
            } else {
                throw DynamoErrors.invalidExpression(which, "Invalid character encountered; character: \"" + c + "\"");
            }
        }
        out.add(new Token(Kind.EOF, "<EOF>", s.length()));
        return out;
    }

    Token peek() {
        return tokens.get(next);
    }

    Token peek(int ahead) {
        return tokens.get(Math.min(tokens.size() - 1, next + ahead));
    }

    Token take() {
        Token t = tokens.get(next);
        if (t.kind() != Kind.EOF) {
            next++;
        }
        return t;
    }

    boolean accept(String symbolOrKeyword) {
        if (peek().is(symbolOrKeyword)) {
            next++;
            return true;
        }
        return false;
    }

    void expect(String symbol) {
        if (!accept(symbol)) {
            throw unexpected();
        }
    }

    void expectEnd() {
        if (peek().kind() != Kind.EOF) {
            throw unexpected();
        }
    }

    /** {@code Syntax error; token: "X", near: "A X B"}: the token that broke the parse and its neighbours. */
    RuntimeException unexpected() {
        Token t = peek();
        StringBuilder near = new StringBuilder();
        for (int i = Math.max(0, next - 1); i <= Math.min(tokens.size() - 1, next + 1); i++) {
            if (tokens.get(i).kind() != Kind.EOF) {
                near.append(tokens.get(i).text());
            }
        }
        return syntax(t.text(), near.toString());
    }

    private RuntimeException syntax(String token, String near) {
        return DynamoErrors.invalidExpression(which, "Syntax error; token: \"" + token + "\", near: \"" + near + "\"");
    }

    /** A document path: a name or {@code #name}, then {@code .name} and {@code [n]} steps. */
    DocPath path() {
        List<Object> steps = new ArrayList<>();
        steps.add(pathName());
        while (true) {
            if (accept(".")) {
                steps.add(pathName());
            } else if (accept("[")) {
                Token index = take();
                if (index.kind() != Kind.INDEX) {
                    next--;
                    throw unexpected();
                }
                steps.add(Integer.parseInt(index.text()));
                expect("]");
            } else {
                return new DocPath(steps);
            }
        }
    }

    private String pathName() {
        Token t = peek();
        if (t.kind() == Kind.HASH) {
            take();
            return placeholders.name(which, t.text());
        }
        if (t.kind() != Kind.NAME) {
            throw unexpected();
        }
        if (ReservedWords.is(t.text())) {
            throw DynamoErrors.invalidExpression(which,
                    "Attribute name is a reserved keyword; reserved keyword: " + t.text());
        }
        take();
        return t.text();
    }

    boolean atPath() {
        return peek().kind() == Kind.HASH || peek().kind() == Kind.NAME && !peek(1).is("(");
    }

    /** A {@code :value} placeholder's value. */
    Map<String, Object> value() {
        Token t = take();
        return placeholders.value(which, t.text());
    }

    static boolean isKeyword(Token t, String... words) {
        for (String w : words) {
            if (t.kind() == Kind.NAME && t.text().toUpperCase(Locale.ROOT).equals(w)) {
                return true;
            }
        }
        return false;
    }
}
