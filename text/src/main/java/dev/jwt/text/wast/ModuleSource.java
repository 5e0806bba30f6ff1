package dev.jwt.text.wast;

import dev.jwt.binary.module.Module;
import dev.jwt.text.Wat;
import dev.jwt.text.lex.Cursor;
import dev.jwt.text.lex.Tokens;

/** How a script gives a module: as text, as binary strings, as quoted text, or a component. */
public sealed interface ModuleSource {
    /** A {@code (module ...)} in the script's own text; {@link #parse()} parses it on demand. */
    record Text(Tokens tokens, int start) implements ModuleSource {
        public Module parse() {
            return Wat.parseModuleAt(new Cursor(tokens, start));
        }

        /** The module's source text, as written. */
        public String source() {
            if (tokens.kind(start) != dev.jwt.text.lex.TokenKind.LPAREN || !tokens.is(start + 1, "module")) {
                return tokens.source();
            }
            return tokens.source().substring(tokens.start(start), tokens.end(tokens.matching(start)));
        }
    }

    /** {@code (module binary "...")}: the bytes. */
    record Binary(byte[] bytes) implements ModuleSource {}

    /**
     * {@code (module quote "...")}: the quoted strings joined by spaces, to be parsed as a module
     * (see {@link dev.jwt.text.Wast#parseQuoted}).
     */
    record Quote(String text, String fileName) implements ModuleSource {}

    /**
     * A {@code (component ...)} form (text, {@code binary} or {@code quote}) in the script's own
     * text; {@link #parse()} parses it on demand, reporting errors at their place in the script.
     */
    record Component(Tokens tokens, int start) implements ModuleSource {
        public dev.jwt.binary.component.Component parse() {
            return Wat.parseComponentAt(new Cursor(tokens, start));
        }

        /** The component's source text, as written. */
        public String text() {
            return tokens.source().substring(tokens.start(start), tokens.end(tokens.matching(start)));
        }
    }
}
