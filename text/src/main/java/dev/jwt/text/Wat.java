package dev.jwt.text;

import dev.jwt.binary.component.Component;
import dev.jwt.binary.component.WasmBinary;
import dev.jwt.binary.module.Module;
import dev.jwt.text.component.ComponentParser;
import dev.jwt.text.lex.Cursor;
import dev.jwt.text.lex.Lexer;
import dev.jwt.text.lex.TokenKind;
import dev.jwt.text.lex.Tokens;
import dev.jwt.text.wat.ModuleParser;

/**
 * The WebAssembly text format for core modules: {@code (module ...)} or a bare list of module
 * fields, parsed into the binary model.
 */
public final class Wat {
    private Wat() {}

    /**
     * Parses a {@code .wat} source. Accepts {@code (module $id? field*)}, a file of bare module
     * fields, and {@code (module $id? binary "...")}.
     *
     * @throws TextException when the text is malformed (with file, line and column)
     */
    public static Module parseModule(String source, String fileName) {
        Tokens tokens = Lexer.lex(source, fileName);
        Cursor c = new Cursor(tokens, 0);
        Module m = guarded(tokens, () -> parseModuleAt(c));
        if (!c.at(TokenKind.EOF)) {
            throw c.unexpected("end of input");
        }
        return m;
    }

    /**
     * Parses a component in the text format: {@code (component $id? field*)} (or
     * {@code (component binary "...")}), desugared as wasm-tools does.
     *
     * @throws TextException when the text is malformed (with file, line and column)
     */
    public static Component parseComponent(String source, String fileName) {
        Tokens tokens = Lexer.lex(source, fileName);
        Cursor c = new Cursor(tokens, 0);
        Component comp = guarded(tokens, () -> parseComponentAt(c));
        if (!c.at(TokenKind.EOF)) {
            throw c.unexpected("end of input");
        }
        return comp;
    }

    /**
     * Like {@link #parseComponent(String, String)}; with {@code strict} false, also accepts the
     * legacy reference forms wasm-tools accepts under {@code WAST_STRICT_COMPONENT_INDICES=0}.
     */
    public static Component parseComponent(String source, String fileName, boolean strict) {
        Tokens tokens = Lexer.lex(source, fileName);
        Cursor c = new Cursor(tokens, 0);
        Component comp = guarded(tokens, () -> parseComponentAt(c, strict));
        if (!c.at(TokenKind.EOF)) {
            throw c.unexpected("end of input");
        }
        return comp;
    }

    /** Parses the {@code (component ...)} at the cursor and moves the cursor past it. */
    public static Component parseComponentAt(Cursor c) {
        return parseComponentAt(c, true);
    }

    /** Parses the {@code (component ...)} at the cursor, strictly or not, and moves the cursor past it. */
    public static Component parseComponentAt(Cursor c, boolean strict) {
        ComponentParser p = new ComponentParser(c.tokens(), c.pos(), strict);
        Component comp = p.component();
        c.seek(p.pos());
        return comp;
    }

    /**
     * Parses a {@code .wat} source that holds either a core module or a component (what
     * {@code jwt parse} accepts): a component when the text starts with {@code (component}.
     */
    public static WasmBinary parse(String source, String fileName) {
        return parse(source, fileName, true);
    }

    /**
     * Like {@link #parse(String, String)}; with {@code strict} false, a component may also use the
     * legacy reference forms wasm-tools accepts under {@code WAST_STRICT_COMPONENT_INDICES=0}.
     */
    public static WasmBinary parse(String source, String fileName, boolean strict) {
        Tokens tokens = Lexer.lex(source, fileName);
        Cursor c = new Cursor(tokens, 0);
        if (c.atParen("component")) {
            Component comp = guarded(tokens, () -> parseComponentAt(c, strict));
            if (!c.at(TokenKind.EOF)) {
                throw c.unexpected("end of input");
            }
            return new WasmBinary.ComponentBinary(comp);
        }
        Module m = guarded(tokens, () -> parseModuleAt(c));
        if (!c.at(TokenKind.EOF)) {
            throw c.unexpected("end of input");
        }
        return new WasmBinary.CoreModule(m);
    }

    /**
     * Runs a recursive-descent parse, turning a stack overflow (instructions or types nested
     * beyond what the thread's stack holds) into a clean error.
     */
    static <T> T guarded(Tokens tokens, java.util.function.Supplier<T> parse) {
        try {
            return parse.get();
        } catch (StackOverflowError e) {
            throw tokens.error(0, "nesting too deep to parse");
        }
    }

    /**
     * Parses one module starting at the cursor: {@code (module ...)} (text or binary form) or, when
     * the cursor is not at {@code (module}, bare fields up to the end of the input.
     */
    public static Module parseModuleAt(Cursor c) {
        Tokens tokens = c.tokens();
        if (c.atParen("module")) {
            int open = c.pos();
            // When the module is not closed, parse on to the end: the error then points at the
            // token where the text went wrong, as wasm-tools reports it.
            int close = tokens.matching(open);
            c.seek(open + 2);
            c.takeKeyword("definition");
            String id = c.optionalId();
            if (c.atKeyword("binary")) {
                c.seek(c.pos() + 1);
                int at = c.pos();
                byte[] bytes = ModuleBytes.strings(c);
                c.expectRParen();
                try {
                    return ModuleBytes.decode(bytes);
                } catch (dev.jwt.binary.MalformedException e) {
                    throw tokens.error(at, e.getMessage());
                }
            }
            ModuleParser p = new ModuleParser(tokens, c.pos(), close);
            p.moduleId(id);
            p.moduleNameAnnotation();
            Module m = p.parse();
            p.expectRParen();
            c.seek(p.pos());
            return m;
        }
        if (c.at(TokenKind.EOF) && !tokens.skippedAnnotations()) {
            // Like wasm-tools: text of nothing but white space and comments is not a module.
            throw c.error("expected at least one module field");
        }
        ModuleParser p = new ModuleParser(tokens, c.pos(), tokens.size() - 1);
        Module m = p.parse();
        c.seek(p.pos());
        return m;
    }
}
