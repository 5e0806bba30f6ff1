package dev.jwt.text.lex;

import dev.jwt.text.TextException;

/**
 * A position in a token list with the small reading vocabulary every parser of the text format
 * uses: peek at kinds and keywords, take ids, strings and numbers, expect parentheses. Each
 * failure is a {@link TextException} at the offending token.
 */
public class Cursor {
    protected final Tokens t;
    protected int pos;

    public Cursor(Tokens tokens, int pos) {
        this.t = tokens;
        this.pos = pos;
    }

    public Tokens tokens() { return t; }

    public int pos() { return pos; }

    public void seek(int p) { pos = p; }

    public TokenKind kind() { return t.kind(pos); }

    public TokenKind kind(int ahead) {
        int p = Math.min(pos + ahead, t.size() - 1);
        return t.kind(p);
    }

    public boolean at(TokenKind k) { return t.kind(pos) == k; }

    public boolean atKeyword(String kw) {
        return t.kind(pos) == TokenKind.KEYWORD && t.is(pos, kw);
    }

    /** True at {@code ( kw}. */
    public boolean atParen(String kw) {
        return t.kind(pos) == TokenKind.LPAREN && pos + 1 < t.size()
                && t.kind(pos + 1) == TokenKind.KEYWORD && t.is(pos + 1, kw);
    }

    /** True at {@code (@name}. */
    public boolean atAnnotation(String name) {
        return t.kind(pos) == TokenKind.ANNOTATION && t.end(pos) - t.start(pos) == name.length() + 2
                && t.source().startsWith(name, t.start(pos) + 2);
    }

    /** The keyword after an LPAREN at the current position, or null. */
    public String parenKeyword() {
        if (t.kind(pos) == TokenKind.LPAREN && pos + 1 < t.size() && t.kind(pos + 1) == TokenKind.KEYWORD) {
            return t.text(pos + 1);
        }
        return null;
    }

    public TextException error(String message) {
        return t.error(pos, message);
    }

    public TextException errorAt(int tokenIndex, String message) {
        return t.error(tokenIndex, message);
    }

    /** "unexpected token" with what was expected, in wasm-tools' words. */
    public TextException unexpected(String expected) {
        if (t.kind(pos) == TokenKind.EOF) {
            return error("unexpected end of input, expected " + expected);
        }
        if (t.kind(pos) == TokenKind.RESERVED) {
            return error("unknown operator: unexpected token `" + t.text(pos) + "`, expected " + expected);
        }
        return error("unexpected token, expected " + expected);
    }

    public void expectLParen() {
        if (t.kind(pos) != TokenKind.LPAREN) {
            throw unexpected("`(`");
        }
        pos++;
    }

    public void expectRParen() {
        if (t.kind(pos) != TokenKind.RPAREN) {
            throw unexpected("`)`");
        }
        pos++;
    }

    public void expectKeyword(String kw) {
        if (!atKeyword(kw)) {
            throw unexpected("`" + kw + "`");
        }
        pos++;
    }

    /** Consumes {@code ( kw} when present. */
    public boolean takeParen(String kw) {
        if (atParen(kw)) {
            pos += 2;
            return true;
        }
        return false;
    }

    public boolean takeKeyword(String kw) {
        if (atKeyword(kw)) {
            pos++;
            return true;
        }
        return false;
    }

    public String keyword() {
        if (t.kind(pos) != TokenKind.KEYWORD) {
            throw unexpected("a keyword");
        }
        return t.text(pos++);
    }

    /** The name of an optional {@code $id} (without the dollar), or null. */
    public String optionalId() {
        if (t.kind(pos) == TokenKind.ID) {
            return t.idName(pos++);
        }
        return null;
    }

    public byte[] stringBytes() {
        if (t.kind(pos) != TokenKind.STRING) {
            throw unexpected("a string");
        }
        return t.stringBytes(pos++);
    }

    /** A string that must be valid UTF-8 (a name). */
    public String name() {
        if (t.kind(pos) != TokenKind.STRING) {
            throw unexpected("a string");
        }
        return t.stringText(pos++);
    }

    public String numberText() {
        if (t.kind(pos) != TokenKind.NUMBER) {
            throw unexpected("a number");
        }
        return t.text(pos++);
    }

    /** A {@code u32} literal. */
    public int u32() {
        int at = pos;
        String s = numberText();
        Long v = Literals.parseUnsigned(s);
        if (v == null || Long.compareUnsigned(v, 0xFFFF_FFFFL) > 0) {
            throw t.error(at, v == null && !isUnsignedSyntax(s) ? "unexpected token, expected a u32" : "constant out of range");
        }
        return (int) (long) v;
    }

    /** A {@code u64} literal. */
    public long u64() {
        int at = pos;
        String s = numberText();
        Long v = Literals.parseUnsigned(s);
        if (v == null) {
            throw t.error(at, isUnsignedSyntax(s) ? "constant out of range" : "unexpected token, expected a u64");
        }
        return v;
    }

    private static boolean isUnsignedSyntax(String s) {
        return !s.isEmpty() && Character.isDigit(s.charAt(0)) && Literals.isNumber(s, 0, s.length())
                && s.indexOf('.') < 0 && !(s.startsWith("0x") ? s.matches("0x[0-9a-fA-F_]*[pP].*") : s.matches(".*[eE].*"));
    }

    /** An {@code iN} literal (N = 8, 16, 32 or 64) as its two's-complement bits. */
    public long intN(int bits) {
        int at = pos;
        String s = numberText();
        Long v = Literals.parseInt(s, bits);
        if (v == null) {
            throw t.error(at, s.indexOf('.') >= 0 || s.contains("inf") || s.contains("nan")
                    ? "unexpected token, expected an integer" : "constant out of range");
        }
        return v;
    }

    public int f32() {
        int at = pos;
        String s = numberText();
        try {
            return Literals.parseF32(s);
        } catch (NumberFormatException e) {
            throw t.error(at, e.getMessage());
        }
    }

    public long f64() {
        int at = pos;
        String s = numberText();
        try {
            return Literals.parseF64(s);
        } catch (NumberFormatException e) {
            throw t.error(at, e.getMessage());
        }
    }

    /** Skips a balanced parenthesised form starting here (an LPAREN or ANNOTATION). */
    public void skipForm() {
        pos = t.matching(pos) + 1;
    }
}
