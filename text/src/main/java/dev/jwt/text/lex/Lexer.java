package dev.jwt.text.lex;

/**
 * Splits source text into {@link Tokens} by the longest-match rule of the spec's lexical format:
 * white space, nested block comments, line comments and annotations are dropped (except the
 * {@code @custom}, {@code @name} and branch hint annotations, which the parser reads); everything between
 * delimiters is one token, classified as keyword, id, number or reserved. Strings are checked here
 * (escapes, control characters) and decoded later on demand.
 */
public final class Lexer {
    /** The branch hinting proposal's annotation, read by the instruction parser. */
    public static final String BRANCH_HINT = "metadata.code.branch_hint";

    private final String src;
    private final Tokens tokens;
    private int pos;
    /** While skipping an uninterpreted annotation: how many parentheses are open inside it. */
    private int skipDepth;

    private Lexer(String src, String fileName) {
        this.src = src;
        this.tokens = new Tokens(src, fileName);
    }

    public static Tokens lex(String source, String fileName) {
        Lexer l = new Lexer(source, fileName);
        l.run();
        return l.tokens;
    }

    private void emit(TokenKind kind, int start, int end) {
        if (skipDepth == 0) {
            tokens.add(kind, start, end);
        }
    }

    private void run() {
        int n = src.length();
        int annotationStart = -1;
        while (true) {
            skipSpace();
            if (pos >= n) {
                break;
            }
            char c = src.charAt(pos);
            int start = pos;
            if (c == '(') {
                if (pos + 1 < n && src.charAt(pos + 1) == '@') {
                    pos += 2;
                    int nameStart = pos;
                    scanRun();
                    String name = src.substring(nameStart, pos);
                    if (name.isEmpty() || name.equals("\"\"")) {
                        if (skipDepth == 0) {
                            throw tokens.errorAt(start, "empty annotation id");
                        }
                        // Inside a skipped annotation any tokens may appear: this is just '(' and '@'.
                        pos = start + 1;
                        skipDepth++;
                        continue;
                    }
                    if (name.startsWith("\"")) {
                        if (stringEnd(nameStart) != pos) {
                            throw tokens.errorAt(start, "malformed annotation id");
                        }
                        if (Utf8.decode(Tokens.decodeString(src, nameStart, pos)) == null) {
                            throw tokens.errorAt(start, "malformed UTF-8 encoding");
                        }
                    }
                    if (skipDepth == 0 && (name.equals("custom") || name.equals("name") || name.equals("producers")
                            || name.equals(BRANCH_HINT))) {
                        emit(TokenKind.ANNOTATION, start, pos);
                    } else {
                        if (skipDepth == 0) {
                            annotationStart = start;
                            tokens.skippedAnnotations = true;
                        }
                        skipDepth++;
                    }
                    continue;
                }
                pos++;
                if (skipDepth > 0) {
                    skipDepth++;
                }
                emit(TokenKind.LPAREN, start, pos);
                continue;
            }
            if (c == ')') {
                pos++;
                if (skipDepth > 0) {
                    skipDepth--;
                    continue;
                }
                emit(TokenKind.RPAREN, start, pos);
                continue;
            }
            boolean stringOnly = c == '"';
            int strings = scanRun();
            if (pos == start) {
                // A lone ';' (not starting a comment) is a reserved token of its own.
                pos++;
                emit(TokenKind.RESERVED, start, pos);
                continue;
            }
            TokenKind kind = classify(start, pos, stringOnly, strings);
            emit(kind, start, pos);
        }
        if (skipDepth > 0) {
            throw tokens.errorAt(annotationStart, "unclosed annotation");
        }
        tokens.add(TokenKind.EOF, n, n);
    }

    private void skipSpace() {
        int n = src.length();
        while (pos < n) {
            char c = src.charAt(pos);
            if (c == ' ' || c == '\n' || c == '\t' || c == '\r') {
                pos++;
            } else if (c == ';' && pos + 1 < n && src.charAt(pos + 1) == ';') {
                // A line comment ends at a newline: LF, CR or CRLF.
                while (pos < n && src.charAt(pos) != '\n' && src.charAt(pos) != '\r') {
                    pos++;
                }
            } else if (c == '(' && pos + 1 < n && src.charAt(pos + 1) == ';') {
                skipBlockComment();
            } else {
                return;
            }
        }
    }

    private void skipBlockComment() {
        int start = pos;
        int depth = 0;
        int n = src.length();
        while (pos < n) {
            char c = src.charAt(pos);
            if (c == '(' && pos + 1 < n && src.charAt(pos + 1) == ';') {
                depth++;
                pos += 2;
            } else if (c == ';' && pos + 1 < n && src.charAt(pos + 1) == ')') {
                depth--;
                pos += 2;
                if (depth == 0) {
                    return;
                }
            } else {
                pos++;
            }
        }
        throw tokens.errorAt(start, "unclosed block comment");
    }

    private static boolean isDelimiter(char c) {
        return c == ' ' || c == '\n' || c == '\t' || c == '\r' || c == '(' || c == ')' || c == ';';
    }

    /** Scans one run of non-delimiter characters (strings included); returns how many strings it held. */
    private int scanRun() {
        int n = src.length();
        int strings = 0;
        while (pos < n) {
            char c = src.charAt(pos);
            if (c == '"') {
                scanString();
                strings++;
            } else if (isDelimiter(c)) {
                break;
            } else if (c < 0x20 || c >= 0x7F) {
                throw tokens.errorAt(pos, "unexpected character " + describe(src.codePointAt(pos)));
            } else {
                pos++;
            }
        }
        return strings;
    }

    private static String describe(int cp) {
        return String.format("'\\u{%x}'", cp);
    }

    private void scanString() {
        int start = pos;
        int n = src.length();
        pos++;
        while (true) {
            if (pos >= n) {
                throw tokens.errorAt(start, "unexpected end of input: unterminated string");
            }
            char c = src.charAt(pos);
            if (c == '"') {
                pos++;
                return;
            }
            if (c == '\\') {
                if (pos + 1 >= n) {
                    throw tokens.errorAt(start, "unexpected end of input: unterminated string");
                }
                char e = src.charAt(pos + 1);
                switch (e) {
                    case 't', 'n', 'r', '"', '\'', '\\' -> pos += 2;
                    case 'u' -> scanUnicodeEscape();
                    default -> {
                        if (pos + 2 < n && hex(e) >= 0 && hex(src.charAt(pos + 2)) >= 0) {
                            pos += 3;
                        } else {
                            throw tokens.errorAt(pos, "malformed string escape");
                        }
                    }
                }
                continue;
            }
            if (c < 0x20 || c == 0x7F) {
                throw tokens.errorAt(pos, "malformed string: control character in string");
            }
            if (Character.isSurrogate(c)) {
                if (Character.isHighSurrogate(c) && pos + 1 < n && Character.isLowSurrogate(src.charAt(pos + 1))) {
                    pos += 2;
                    continue;
                }
                throw tokens.errorAt(pos, "malformed UTF-8 encoding");
            }
            pos++;
        }
    }

    private void scanUnicodeEscape() {
        int at = pos;
        int n = src.length();
        pos += 2;
        if (pos >= n || src.charAt(pos) != '{') {
            throw tokens.errorAt(at, "malformed unicode escape");
        }
        pos++;
        long value = 0;
        int digits = 0;
        boolean underscoreOk = false;
        while (pos < n && src.charAt(pos) != '}') {
            char c = src.charAt(pos);
            if (c == '_' && underscoreOk) {
                underscoreOk = false;
                pos++;
                continue;
            }
            int d = hex(c);
            if (d < 0) {
                throw tokens.errorAt(at, "malformed unicode escape");
            }
            value = Math.min(value * 16 + d, 0x7FFFFFFFL);
            digits++;
            underscoreOk = true;
            pos++;
        }
        if (pos >= n || digits == 0 || !underscoreOk) {
            throw tokens.errorAt(at, "malformed unicode escape");
        }
        pos++;
        if (value >= 0x110000 || (value >= 0xD800 && value < 0xE000)) {
            throw tokens.errorAt(at, "malformed unicode escape: invalid character");
        }
    }

    static int hex(char c) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        if (c >= 'a' && c <= 'f') {
            return c - 'a' + 10;
        }
        if (c >= 'A' && c <= 'F') {
            return c - 'A' + 10;
        }
        return -1;
    }

    private TokenKind classify(int start, int end, boolean startsWithString, int strings) {
        if (startsWithString) {
            return strings == 1 && end == stringEnd(start) ? TokenKind.STRING : TokenKind.RESERVED;
        }
        char c = src.charAt(start);
        if (c == '$') {
            if (end - start < 2) {
                return TokenKind.RESERVED;
            }
            if (src.charAt(start + 1) == '"') {
                // $"name": exactly one string right after the dollar.
                return strings == 1 && stringEnd(start + 1) == end && end - start > 3 ? TokenKind.ID : TokenKind.RESERVED;
            }
            return strings == 0 ? TokenKind.ID : TokenKind.RESERVED;
        }
        if (strings > 0) {
            return TokenKind.RESERVED;
        }
        if (Literals.isNumber(src, start, end)) {
            return TokenKind.NUMBER;
        }
        if (c >= 'a' && c <= 'z') {
            return TokenKind.KEYWORD;
        }
        return TokenKind.RESERVED;
    }

    /** Where the string starting at {@code quote} ends (one past its closing quote); it is known to be closed. */
    private int stringEnd(int quote) {
        int i = quote + 1;
        while (true) {
            char c = src.charAt(i);
            if (c == '\\') {
                i += 2;
            } else if (c == '"') {
                return i + 1;
            } else {
                i++;
            }
        }
    }
}
