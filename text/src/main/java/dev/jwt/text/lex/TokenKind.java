package dev.jwt.text.lex;

/** The kinds of token the text format is made of (spec: Lexical Format, Tokens). */
public enum TokenKind {
    LPAREN,
    RPAREN,
    /** A token starting with a lower-case letter, e.g. {@code i32.add} or {@code offset=8}. */
    KEYWORD,
    /** {@code $name} or {@code $"name"}. */
    ID,
    STRING,
    /** An integer or float literal, signed or not, incl. {@code inf}, {@code nan} and {@code nan:0x..}. */
    NUMBER,
    /** Anything else: not allowed in a program, reported where a parser meets it. */
    RESERVED,
    /**
     * {@code (@id} of an annotation jwt interprets ({@code @custom}, {@code @name},
     * {@code @metadata.code.branch_hint}); all others are
     * skipped by the lexer like white space.
     */
    ANNOTATION,
    EOF
}
