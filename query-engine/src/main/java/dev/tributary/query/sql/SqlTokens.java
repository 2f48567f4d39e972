package dev.tributary.query.sql;

import java.util.ArrayList;
import java.util.List;

/**
 * Postgres SQL read as tokens, as Postgres's own lexer would split it: words (lowercased), quoted names,
 * strings (plain, E'', dollar-quoted), numbers, {@code $n} parameters and one-character symbols, with
 * comments dropped. Nothing is parsed: this is enough to tell statements apart and to see every name
 * that is called, however it is quoted or commented.
 */
final class SqlTokens {

    enum Kind { WORD, NAME, STRING, NUMBER, PARAMETER, SYMBOL }

    /** @param start where it begins in the text */
    record Token(Kind kind, String text, int start) {

        boolean is(String symbol) {
            return kind == Kind.SYMBOL && text.equals(symbol);
        }
    }

    /** The text cannot be read as SQL: what is wrong, for the analyst. */
    static final class Unreadable extends Exception {
        Unreadable(String message) {
            super(message, null, false, false);
        }
    }

    private static final java.util.regex.Pattern DOLLAR_TAG = java.util.regex.Pattern.compile("\\$([A-Za-z_][A-Za-z0-9_]*)?\\$");

    private final String sql;
    private final List<Token> tokens = new ArrayList<>();
    private int at;

    private SqlTokens(String sql) {
        this.sql = sql;
    }

    static List<Token> read(String sql) throws Unreadable {
        var reader = new SqlTokens(sql);
        reader.readAll();
        return reader.tokens;
    }

    private void readAll() throws Unreadable {
        while (at < sql.length()) {
            char c = sql.charAt(at);
            int start = at;
            if (c > 0x7E || c < 0x20 && "\t\n\r\f".indexOf(c) < 0) {
                throw new Unreadable(String.format("U+%04X at character %d: outside quotes, write SQL in plain ASCII"
                        + " (any text may go in '...' strings and \"...\" names)", (int) c, at));
            } else if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f') {
                at++;
            } else if (sql.startsWith("--", at)) {
                while (at < sql.length() && sql.charAt(at) != '\n' && sql.charAt(at) != '\r') {
                    at++;
                }
            } else if (sql.startsWith("/*", at)) {
                blockComment();
            } else if (c == '\'') {
                string(false);
                add(Kind.STRING, start);
            } else if ((c == 'e' || c == 'E') && next(1) == '\'') {
                at++;
                string(true);
                add(Kind.STRING, start);
            } else if ((c == 'u' || c == 'U') && next(1) == '&' && (next(2) == '"' || next(2) == '\'')) {
                throw new Unreadable("U& escapes are not accepted here; write the name or string plainly");
            } else if (c == '"') {
                tokens.add(new Token(Kind.NAME, quotedName(), start));
            } else if (c == '$' && asciiDigit(next(1))) {
                do {
                    at++;
                } while (at < sql.length() && asciiDigit(sql.charAt(at)));
                add(Kind.PARAMETER, start);
            } else if (c == '$' && dollarString()) {
                add(Kind.STRING, start);
            } else if (asciiLetter(c) || c == '_') {
                do {
                    at++;
                } while (at < sql.length() && (asciiLetter(sql.charAt(at)) || asciiDigit(sql.charAt(at))
                        || sql.charAt(at) == '_' || sql.charAt(at) == '$'));
                tokens.add(new Token(Kind.WORD, sql.substring(start, at).toLowerCase(java.util.Locale.ROOT), start));
            } else if (asciiDigit(c) || (c == '.' && asciiDigit(next(1)))) {
                do {
                    at++;
                } while (at < sql.length() && (asciiLetter(sql.charAt(at)) || asciiDigit(sql.charAt(at))
                        || sql.charAt(at) == '.' || sql.charAt(at) == '_'));
                add(Kind.NUMBER, start);
            } else {
                at++;
                add(Kind.SYMBOL, start);
            }
        }
    }

    private static boolean asciiLetter(char c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z';
    }

    private static boolean asciiDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private char next(int ahead) {
        return at + ahead < sql.length() ? sql.charAt(at + ahead) : 0;
    }

    private void add(Kind kind, int start) {
        tokens.add(new Token(kind, sql.substring(start, at), start));
    }

    private void blockComment() throws Unreadable {
        int depth = 0;
        do {
            if (sql.startsWith("/*", at)) {
                depth++;
                at += 2;
            } else if (sql.startsWith("*/", at)) {
                depth--;
                at += 2;
            } else if (at >= sql.length()) {
                throw new Unreadable("a /* comment is not closed");
            } else {
                at++;
            }
        } while (depth > 0);
    }

    private void string(boolean escapes) throws Unreadable {
        at++;
        while (at < sql.length()) {
            char c = sql.charAt(at++);
            if (escapes && c == '\\') {
                at++;
            } else if (c == '\'') {
                if (next(0) != '\'') {
                    return;
                }
                at++;
            }
        }
        throw new Unreadable("a string is not closed");
    }

    private String quotedName() throws Unreadable {
        var name = new StringBuilder();
        at++;
        while (at < sql.length()) {
            char c = sql.charAt(at++);
            if (c == '"') {
                if (next(0) != '"') {
                    return name.toString();
                }
                at++;
            }
            name.append(c);
        }
        throw new Unreadable("a quoted name is not closed");
    }

    /** Reads a $tag$...$tag$ string; false, having read nothing, when no tag starts here. */
    private boolean dollarString() throws Unreadable {
        var tag = DOLLAR_TAG.matcher(sql).region(at, sql.length());
        if (!tag.lookingAt()) {
            return false;
        }
        int end = sql.indexOf(tag.group(), tag.end());
        if (end < 0) {
            throw new Unreadable("a " + tag.group() + " string is not closed");
        }
        at = end + tag.group().length();
        return true;
    }
}
