package dev.jwt.text.lex;

import dev.jwt.text.TextException;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The tokens of one source text, as parallel arrays (no object per token): kind, start and end
 * offset into the source. Line and column are computed on demand from a table of line starts, so
 * lexing a multi-megabyte file stays linear and cheap.
 */
public final class Tokens {
    private final String source;
    private final String fileName;
    private TokenKind[] kinds = new TokenKind[256];
    private int[] starts = new int[256];
    private int[] ends = new int[256];
    private int count;
    private int[] lineStarts;
    boolean skippedAnnotations;

    Tokens(String source, String fileName) {
        this.source = source;
        this.fileName = fileName;
    }

    void add(TokenKind kind, int start, int end) {
        if (count == kinds.length) {
            int n = count * 2;
            kinds = Arrays.copyOf(kinds, n);
            starts = Arrays.copyOf(starts, n);
            ends = Arrays.copyOf(ends, n);
        }
        kinds[count] = kind;
        starts[count] = start;
        ends[count] = end;
        count++;
    }

    public String source() { return source; }

    /** True when the lexer dropped annotations it does not interpret (so the text was not empty). */
    public boolean skippedAnnotations() { return skippedAnnotations; }

    public String fileName() { return fileName; }

    /** The number of tokens, the final EOF included. */
    public int size() { return count; }

    public TokenKind kind(int i) { return kinds[i]; }

    public int start(int i) { return starts[i]; }

    public int end(int i) { return ends[i]; }

    public String text(int i) { return source.substring(starts[i], ends[i]); }

    /** True when token {@code i} is exactly {@code s}. */
    public boolean is(int i, String s) {
        int len = ends[i] - starts[i];
        return len == s.length() && source.startsWith(s, starts[i]);
    }

    /** The index of the token closing the parenthesis opened at {@code i} (an LPAREN or ANNOTATION). */
    public int matching(int i) {
        int depth = 0;
        for (int j = i; j < count; j++) {
            TokenKind k = kinds[j];
            if (k == TokenKind.LPAREN || k == TokenKind.ANNOTATION) {
                depth++;
            } else if (k == TokenKind.RPAREN) {
                if (--depth == 0) {
                    return j;
                }
            } else if (k == TokenKind.EOF) {
                return j;
            }
        }
        return count - 1;
    }

    /** The bytes a STRING token denotes, escapes decoded (the lexer has checked them). */
    public byte[] stringBytes(int i) {
        return decodeString(source, starts[i], ends[i]);
    }

    /** A STRING token as UTF-8 text; malformed when its bytes are not valid UTF-8. */
    public String stringText(int i) {
        byte[] b = stringBytes(i);
        String s = Utf8.decode(b);
        if (s == null) {
            throw error(i, "malformed UTF-8 encoding");
        }
        return s;
    }

    /** The name of an ID token, without the {@code $} (and without quotes for {@code $"..."}). */
    public String idName(int i) {
        int s = starts[i] + 1;
        if (source.charAt(s) == '"') {
            String name = Utf8.decode(decodeString(source, s, ends[i]));
            if (name == null) {
                throw error(i, "malformed UTF-8 encoding");
            }
            return name;
        }
        return source.substring(s, ends[i]);
    }

    static byte[] decodeString(String src, int start, int end) {
        // start is the opening quote, end - 1 the closing one.
        int i = start + 1;
        int stop = end - 1;
        boolean plain = true;
        for (int j = i; j < stop; j++) {
            char c = src.charAt(j);
            if (c == '\\' || c >= 0x80) {
                plain = false;
                break;
            }
        }
        if (plain) {
            byte[] out = new byte[stop - i];
            for (int j = 0; j < out.length; j++) {
                out[j] = (byte) src.charAt(i + j);
            }
            return out;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(stop - i);
        while (i < stop) {
            char c = src.charAt(i);
            if (c != '\\') {
                int cp = src.codePointAt(i);
                i += Character.charCount(cp);
                if (cp < 0x80) {
                    out.write(cp);
                } else {
                    byte[] b = new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8);
                    out.write(b, 0, b.length);
                }
                continue;
            }
            char e = src.charAt(i + 1);
            switch (e) {
                case 't' -> { out.write('\t'); i += 2; }
                case 'n' -> { out.write('\n'); i += 2; }
                case 'r' -> { out.write('\r'); i += 2; }
                case '"' -> { out.write('"'); i += 2; }
                case '\'' -> { out.write('\''); i += 2; }
                case '\\' -> { out.write('\\'); i += 2; }
                case 'u' -> {
                    int close = src.indexOf('}', i);
                    int cp = Integer.parseInt(src.substring(i + 3, close).replace("_", ""), 16);
                    byte[] b = new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8);
                    out.write(b, 0, b.length);
                    i = close + 1;
                }
                default -> {
                    out.write(Character.digit(e, 16) * 16 + Character.digit(src.charAt(i + 2), 16));
                    i += 3;
                }
            }
        }
        return out.toByteArray();
    }

    private void computeLines() {
        if (lineStarts != null) {
            return;
        }
        int[] ls = new int[64];
        int n = 0;
        ls[n++] = 0;
        for (int i = 0; i < source.length(); i++) {
            if (source.charAt(i) == '\n') {
                if (n == ls.length) {
                    ls = Arrays.copyOf(ls, n * 2);
                }
                ls[n++] = i + 1;
            }
        }
        lineStarts = Arrays.copyOf(ls, n);
    }

    /** The 1-based line of source offset {@code offset}. */
    public int lineOf(int offset) {
        computeLines();
        int idx = Arrays.binarySearch(lineStarts, offset);
        return idx >= 0 ? idx + 1 : -idx - 1;
    }

    /** The 1-based column of source offset {@code offset}. */
    public int columnOf(int offset) {
        int line = lineOf(offset);
        return offset - lineStarts[line - 1] + 1;
    }

    /** The text of 1-based line {@code line}, without its line break. */
    public String lineText(int line) {
        computeLines();
        int s = lineStarts[line - 1];
        int e = line < lineStarts.length ? lineStarts[line] - 1 : source.length();
        if (e > s && source.charAt(e - 1) == '\r') {
            e--;
        }
        return source.substring(s, Math.max(s, e));
    }

    /** A malformed-text error at source offset {@code offset}. */
    public TextException errorAt(int offset, String message) {
        int line = lineOf(offset);
        return new TextException(message, fileName, line, columnOf(offset), lineText(line));
    }

    /** A malformed-text error at token {@code i}. */
    public TextException error(int i, String message) {
        return errorAt(starts[Math.min(i, count - 1)], message);
    }
}
