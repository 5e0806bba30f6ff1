package dev.jwt.text;

import dev.jwt.binary.component.Component;
import dev.jwt.binary.module.Module;
import dev.jwt.text.lex.Lexer;
import dev.jwt.text.wast.ModuleSource;
import dev.jwt.text.wast.WastCommand;
import dev.jwt.text.wast.WastParser;
import java.util.List;

/** The {@code .wast} script format of the spec test suite. */
public final class Wast {
    private Wast() {}

    /**
     * Parses a script into its commands. Text modules inside are not parsed yet: call
     * {@link #module(ModuleSource)} for each.
     *
     * @throws TextException when the script is malformed
     */
    public static List<WastCommand> parse(String source, String fileName) {
        dev.jwt.text.lex.Tokens tokens = Lexer.lex(source, fileName);
        return Wat.guarded(tokens, () -> new WastParser(tokens).parse());
    }

    /**
     * The module a script gives: parses text and quoted forms, decodes binary ones.
     *
     * @throws dev.jwt.binary.WasmException (malformed) when it does not parse or decode
     * @throws IllegalArgumentException for a component, which this method does not handle
     */
    public static Module module(ModuleSource source) {
        if (source instanceof ModuleSource.Text t) {
            return Wat.guarded(t.tokens(), t::parse);
        }
        if (source instanceof ModuleSource.Quote q) {
            return parseQuoted(q.text(), q.fileName());
        }
        if (source instanceof ModuleSource.Binary b) {
            return ModuleBytes.decode(b.bytes());
        }
        throw new IllegalArgumentException("a component is not a core module");
    }

    /**
     * The component a script gives: parses text and quoted forms, decodes binary ones.
     *
     * @throws dev.jwt.binary.WasmException (malformed) when it does not parse or decode
     * @throws IllegalArgumentException for a core module
     */
    public static Component component(ModuleSource source) {
        return component(source, true);
    }

    /**
     * Like {@link #component(ModuleSource)}; with {@code strict} false, also accepts the legacy
     * reference forms ({@code WAST_STRICT_COMPONENT_INDICES=0} in wasm-tools; Wasmtime's tests use them).
     */
    public static Component component(ModuleSource source, boolean strict) {
        if (source instanceof ModuleSource.Component c) {
            return Wat.guarded(c.tokens(), () -> Wat.parseComponentAt(new dev.jwt.text.lex.Cursor(c.tokens(), c.start()), strict));
        }
        throw new IllegalArgumentException("a core module is not a component");
    }

    /**
     * Parses the text of a {@code (module quote ...)}: either a whole {@code (module ...)} or bare
     * module fields.
     */
    public static Module parseQuoted(String text, String fileName) {
        return Wat.parseModule(text, fileName);
    }
}
