package dev.jwt.text.wast;

import dev.jwt.text.lex.Cursor;
import dev.jwt.text.lex.TokenKind;
import dev.jwt.text.lex.Tokens;
import dev.jwt.text.wast.WastCommand.Action;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;

/** Parses the commands of a {@code .wast} script; modules in it are kept as {@link ModuleSource}s. */
public final class WastParser extends Cursor {
    public WastParser(Tokens tokens) {
        super(tokens, 0);
    }

    private static final java.util.Set<String> COMMANDS = java.util.Set.of("module", "component", "register",
            "invoke", "get", "assert_return", "assert_trap", "assert_exhaustion", "assert_suspension",
            "assert_exception", "assert_invalid", "assert_malformed", "assert_unlinkable", "assert_malformed_custom",
            "assert_invalid_custom", "thread", "wait");

    public List<WastCommand> parse() {
        List<WastCommand> commands = new ArrayList<>();
        String first = parenKeyword();
        if (!at(TokenKind.EOF) && (first == null || !COMMANDS.contains(first))) {
            // A script may be just the fields of one module.
            commands.add(new WastCommand.ModuleCommand(1, 1, null, false, new ModuleSource.Text(t, 0)));
            return commands;
        }
        while (!at(TokenKind.EOF)) {
            commands.add(command());
        }
        return commands;
    }

    private int line(int at) {
        return t.lineOf(t.start(at));
    }

    private int col(int at) {
        return t.columnOf(t.start(at));
    }

    private WastCommand command() {
        int at = pos;
        String kw = parenKeyword();
        if (kw == null) {
            throw unexpected("a command");
        }
        int line = line(at);
        int col = col(at);
        switch (kw) {
            case "module", "component" -> {
                if (kind(2) == TokenKind.KEYWORD && t.is(pos + 2, "instance")) {
                    pos += 3;
                    String inst = optionalId();
                    String mod = optionalId();
                    expectRParen();
                    return new WastCommand.InstanceCommand(line, col, inst, mod, kw.equals("component"));
                }
                return moduleCommand();
            }
            case "register" -> {
                pos += 2;
                String name = name();
                String id = optionalId();
                expectRParen();
                return new WastCommand.Register(line, col, name, id);
            }
            case "invoke", "get" -> {
                return new WastCommand.ActionCommand(line, col, action());
            }
            case "assert_return" -> {
                pos += 2;
                line = line(pos);
                col = col(pos);
                Action a = action();
                List<WastValue> expected = new ArrayList<>();
                while (!at(TokenKind.RPAREN)) {
                    expected.add(value(true));
                }
                pos++;
                return new WastCommand.AssertReturn(line, col, a, expected);
            }
            case "assert_trap" -> {
                pos += 2;
                line = line(pos);
                col = col(pos);
                if (atParen("module") || atParen("component")) {
                    ModuleSource m = moduleCommand().source();
                    String msg = name();
                    expectRParen();
                    return new WastCommand.AssertUninstantiable(line, col, m, msg);
                }
                Action a = action();
                String msg = name();
                expectRParen();
                return new WastCommand.AssertTrap(line, col, a, msg);
            }
            case "assert_exhaustion", "assert_suspension" -> {
                pos += 2;
                line = line(pos);
                col = col(pos);
                Action a = action();
                String msg = name();
                expectRParen();
                return kw.equals("assert_exhaustion") ? new WastCommand.AssertExhaustion(line, col, a, msg)
                        : new WastCommand.AssertSuspension(line, col, a, msg);
            }
            case "assert_exception" -> {
                pos += 2;
                line = line(pos);
                col = col(pos);
                Action a = action();
                expectRParen();
                return new WastCommand.AssertException(line, col, a);
            }
            case "assert_invalid", "assert_malformed", "assert_unlinkable", "assert_malformed_custom",
                    "assert_invalid_custom" -> {
                pos += 2;
                line = line(pos);
                col = col(pos);
                ModuleSource m = moduleCommand().source();
                String msg = name();
                expectRParen();
                return switch (kw) {
                    case "assert_invalid", "assert_invalid_custom" ->
                            new WastCommand.AssertInvalid(line, col, m, msg, kw.endsWith("_custom"));
                    case "assert_unlinkable" -> new WastCommand.AssertUnlinkable(line, col, m, msg);
                    default -> new WastCommand.AssertMalformed(line, col, m, msg, kw.endsWith("_custom"));
                };
            }
            case "thread" -> {
                pos += 2;
                String id = optionalId();
                List<String> shared = new ArrayList<>();
                while (takeParen("shared")) {
                    expectLParen();
                    expectKeyword("module");
                    shared.add(optionalId());
                    expectRParen();
                    expectRParen();
                }
                List<WastCommand> cmds = new ArrayList<>();
                while (!at(TokenKind.RPAREN)) {
                    cmds.add(command());
                }
                pos++;
                return new WastCommand.Thread(line, col, id, shared, cmds);
            }
            case "wait" -> {
                pos += 2;
                String id = optionalId();
                expectRParen();
                return new WastCommand.Wait(line, col, id);
            }
            default -> throw errorAt(at + 1, "unexpected token, expected a command");
        }
    }

    /** {@code (module|component definition? $id? (binary|quote)? ...)}. */
    private WastCommand.ModuleCommand moduleCommand() {
        int open = pos;
        int line = line(open);
        int col = col(open);
        int close = t.matching(open);
        if (t.kind(close) != TokenKind.RPAREN) {
            throw error("unclosed module");
        }
        boolean component = t.is(open + 1, "component");
        pos += 2;
        boolean definition = takeKeyword("definition");
        String id = optionalId();
        ModuleSource source;
        if (component) {
            source = new ModuleSource.Component(t, open);
            pos = close + 1;
            return new WastCommand.ModuleCommand(line, col, id, definition, source);
        }
        if (takeKeyword("binary")) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            while (at(TokenKind.STRING)) {
                byte[] b = stringBytes();
                out.write(b, 0, b.length);
            }
            expectRParen();
            source = new ModuleSource.Binary(out.toByteArray());
        } else if (takeKeyword("quote")) {
            StringBuilder sb = new StringBuilder();
            while (at(TokenKind.STRING)) {
                byte[] b = stringBytes();
                if (sb.length() > 0) {
                    sb.append(' ');
                }
                sb.append(new String(b, java.nio.charset.StandardCharsets.UTF_8));
            }
            expectRParen();
            source = new ModuleSource.Quote(sb.toString(), t.fileName() + ":" + line + ":" + col);
        } else {
            source = new ModuleSource.Text(t, open);
            pos = close + 1;
        }
        return new WastCommand.ModuleCommand(line, col, id, definition, source);
    }

    private Action action() {
        expectLParen();
        if (takeKeyword("invoke")) {
            String id = optionalId();
            String name = name();
            List<WastValue> args = new ArrayList<>();
            while (!at(TokenKind.RPAREN)) {
                args.add(value(false));
            }
            pos++;
            return new WastCommand.Invoke(id, name, args);
        }
        if (takeKeyword("get")) {
            String id = optionalId();
            String name = name();
            expectRParen();
            return new WastCommand.Get(id, name);
        }
        throw unexpected("`invoke` or `get`");
    }

    private boolean atNanPattern() {
        return atKeyword("nan:canonical") || atKeyword("nan:arithmetic");
    }

    private WastValue value(boolean pattern) {
        int open = pos;
        expectLParen();
        if (!at(TokenKind.KEYWORD)) {
            throw unexpected("a constant");
        }
        WastValue v = valueBody(open, pattern);
        expectRParen();
        return v;
    }

    /** After the parenthesis of a value: its keyword and operands, up to its closing parenthesis (not consumed). */
    private WastValue valueBody(int open, boolean pattern) {
        String kw = keyword();
        WastValue v;
        switch (kw) {
            case "i32.const" -> v = new WastValue.I32((int) intN(32));
            case "i64.const" -> v = new WastValue.I64(intN(64));
            case "f32.const" -> v = pattern && atNanPattern()
                    ? new WastValue.NanPattern(false, keyword().equals("nan:canonical")) : new WastValue.F32(f32());
            case "f64.const" -> v = pattern && atNanPattern()
                    ? new WastValue.NanPattern(true, keyword().equals("nan:canonical")) : new WastValue.F64(f64());
            case "v128.const" -> v = v128(pattern);
            case "ref.null" -> {
                if (at(TokenKind.RPAREN)) {
                    v = new WastValue.RefNull(null);
                } else {
                    v = new WastValue.RefNull(heapType());
                }
            }
            case "ref.extern" -> v = new WastValue.RefExtern(at(TokenKind.NUMBER) ? u64() : null);
            case "ref.host" -> v = new WastValue.RefHost(u64());
            case "either" -> {
                List<WastValue> alts = new ArrayList<>();
                while (!at(TokenKind.RPAREN)) {
                    alts.add(value(pattern));
                }
                v = new WastValue.Either(alts);
            }
            default -> {
                if (kw.startsWith("ref.")) {
                    String index = null;
                    if (at(TokenKind.NUMBER) || at(TokenKind.ID)) {
                        index = t.text(pos++);
                    }
                    v = new WastValue.RefKind(kw.substring(4), index);
                } else {
                    v = componentValue(kw, open, pattern);
                }
            }
        }
        return v;
    }

    /** A component-model value, after its keyword. */
    private WastValue componentValue(String kw, int open, boolean pattern) {
        switch (kw) {
            case "bool.const" -> {
                int at = pos;
                String b = keyword();
                if (!b.equals("true") && !b.equals("false")) {
                    throw errorAt(at, "unexpected token, expected `true` or `false`");
                }
                return new WastValue.Bool(b.equals("true"));
            }
            case "u8.const", "s8.const", "u16.const", "s16.const", "u32.const", "s32.const", "u64.const",
                    "s64.const" -> {
                String type = kw.substring(0, kw.indexOf('.'));
                return new WastValue.Int(type, intN(Integer.parseInt(type.substring(1))));
            }
            case "char.const" -> {
                int at = pos;
                String c = name();
                if (c.codePointCount(0, c.length()) != 1) {
                    throw errorAt(at, "expected a single character");
                }
                return new WastValue.Char(c.codePointAt(0));
            }
            case "str.const" -> {
                return new WastValue.Str(name());
            }
            case "list.const", "tuple.const" -> {
                List<WastValue> vs = new ArrayList<>();
                while (!at(TokenKind.RPAREN)) {
                    vs.add(value(pattern));
                }
                return kw.startsWith("list") ? new WastValue.ListValue(vs) : new WastValue.TupleValue(vs);
            }
            case "record.const" -> {
                List<WastValue.Field> fields = new ArrayList<>();
                while (takeParen("field")) {
                    String n = name();
                    WastValue fv;
                    if (at(TokenKind.LPAREN)) {
                        fv = value(pattern);
                    } else {
                        // (field "n" u32.const 7): the field's parentheses are the value's.
                        fv = valueBody(pos - 3, pattern);
                    }
                    expectRParen();
                    fields.add(new WastValue.Field(n, fv));
                }
                return new WastValue.RecordValue(fields);
            }
            case "variant.const" -> {
                String c = name();
                return new WastValue.VariantValue(c, at(TokenKind.RPAREN) ? null : value(pattern));
            }
            case "enum.const" -> {
                return new WastValue.EnumValue(name());
            }
            case "option.none" -> {
                return new WastValue.OptionValue(null);
            }
            case "option.some" -> {
                return new WastValue.OptionValue(value(pattern));
            }
            case "result.ok", "result.err" -> {
                return new WastValue.ResultValue(kw.equals("result.ok"), at(TokenKind.RPAREN) ? null : value(pattern));
            }
            case "flags.const" -> {
                List<String> fs = new ArrayList<>();
                while (!at(TokenKind.RPAREN)) {
                    fs.add(name());
                }
                return new WastValue.FlagsValue(fs);
            }
            default -> {
                // A value jwt does not model: keep the text.
                pos = t.matching(open);
                return new WastValue.Other(t.source().substring(t.start(open), t.end(pos)));
            }
        }
    }

    private dev.jwt.binary.types.HeapType heapType() {
        int at = pos;
        if (at(TokenKind.KEYWORD)) {
            dev.jwt.binary.types.AbsHeapType h = dev.jwt.binary.types.AbsHeapType.byText(keyword());
            if (h == null) {
                throw errorAt(at, "unexpected token, expected a heap type");
            }
            return h;
        }
        return new dev.jwt.binary.types.ConcreteHeapType(u32());
    }

    private WastValue v128(boolean pattern) {
        int at = pos;
        String shape = keyword();
        int lanes;
        int bits;
        switch (shape) {
            case "i8x16" -> { lanes = 16; bits = 8; }
            case "i16x8" -> { lanes = 8; bits = 16; }
            case "i32x4", "f32x4" -> { lanes = 4; bits = 32; }
            case "i64x2", "f64x2" -> { lanes = 2; bits = 64; }
            default -> throw errorAt(at, "unexpected token, expected a vector shape");
        }
        boolean isFloat = shape.charAt(0) == 'f';
        List<WastValue> laneValues = new ArrayList<>();
        boolean anyPattern = false;
        long lo = 0;
        long hi = 0;
        for (int i = 0; i < lanes; i++) {
            long v;
            if (isFloat && pattern && atNanPattern()) {
                anyPattern = true;
                laneValues.add(new WastValue.NanPattern(bits == 64, keyword().equals("nan:canonical")));
                continue;
            }
            if (isFloat) {
                if (bits == 32) {
                    int b = f32();
                    laneValues.add(new WastValue.F32(b));
                    v = b & 0xFFFF_FFFFL;
                } else {
                    v = f64();
                    laneValues.add(new WastValue.F64(v));
                }
            } else {
                v = intN(bits);
            }
            if (bits < 64) {
                v &= (1L << bits) - 1;
            }
            int bit = i * bits;
            if (bit < 64) {
                lo |= v << bit;
            } else {
                hi |= v << (bit - 64);
            }
        }
        return anyPattern ? new WastValue.V128Lanes(shape, laneValues) : new WastValue.V128(lo, hi);
    }
}
