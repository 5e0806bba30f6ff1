package dev.jwt.text;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jwt.binary.module.Module;
import dev.jwt.binary.types.AbsHeapType;
import dev.jwt.text.wast.ModuleSource;
import dev.jwt.text.wast.WastCommand;
import dev.jwt.text.wast.WastValue;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The script model: each command kind, typed constants and patterns, module forms, places. */
class WastParserTest {
    private static final String SCRIPT = """
            (module $m (func (export "f") (param i32) (result i32) (local.get 0)))
            (module definition $d binary "\\00asm" "\\01\\00\\00\\00")
            (module instance $i $d)
            (register "m" $m)
            (assert_return (invoke $m "f" (i32.const -1)) (i32.const 0xffffffff))
            (assert_return (invoke "g" (f32.const nan:0x200000) (f64.const -0x1p-1074))
              (f32.const nan:canonical) (f64.const nan:arithmetic))
            (assert_return (invoke "v")
              (v128.const f32x4 nan:canonical 1 -0 inf)
              (v128.const i16x8 -1 2 3 4 5 6 7 8))
            (assert_return (invoke "r" (ref.null extern) (ref.extern 7))
              (ref.null) (ref.func) (ref.extern) (ref.struct) (either (i32.const 1) (i32.const 2)))
            (assert_trap (invoke "t") "unreachable")
            (assert_trap
              (module (start 0) (func unreachable)) "unreachable")
            (assert_exhaustion (invoke "loop") "call stack exhausted")
            (assert_exception (invoke "throw"))
            (assert_malformed (module quote "(func" " (i32.const 0x))") "unknown operator")
            (assert_invalid (module (func (result i32))) "type mismatch")
            (assert_unlinkable (module (import "x" "y" (func))) "unknown import")
            (get $m "glob")
            (component (core module))
            (thread $t (shared (module $m)) (invoke "f" (i32.const 1)))
            (wait $t)
            """;

    @Test
    void everyCommandKind() {
        List<WastCommand> cs = Wast.parse(SCRIPT, "script.wast");
        assertEquals(19, cs.size());
        WastCommand.ModuleCommand m = assertInstanceOf(WastCommand.ModuleCommand.class, cs.get(0));
        assertEquals("m", m.id());
        assertEquals(1, m.line());
        assertEquals(1, m.column());
        Module parsed = Wast.module(m.source());
        assertEquals(1, parsed.functions().size());

        WastCommand.ModuleCommand d = assertInstanceOf(WastCommand.ModuleCommand.class, cs.get(1));
        assertTrue(d.definition());
        assertArrayEquals(new byte[] {0, 'a', 's', 'm', 1, 0, 0, 0}, ((ModuleSource.Binary) d.source()).bytes());
        assertEquals(0, Wast.module(d.source()).functions().size());

        WastCommand.InstanceCommand i = assertInstanceOf(WastCommand.InstanceCommand.class, cs.get(2));
        assertEquals("i", i.instanceId());
        assertEquals("d", i.moduleId());
        assertEquals(new WastCommand.Register(4, 1, "m", "m"), cs.get(3));

        WastCommand.AssertReturn r = assertInstanceOf(WastCommand.AssertReturn.class, cs.get(4));
        assertEquals(new WastCommand.Invoke("m", "f", List.of(new WastValue.I32(-1))), r.action());
        assertEquals(List.of(new WastValue.I32(-1)), r.expected());
        assertEquals(16, r.column(), "an assertion is placed at its action, like wasm-tools");
    }

    @Test
    void constantsAndPatterns() {
        List<WastCommand> cs = Wast.parse(SCRIPT, "script.wast");
        WastCommand.AssertReturn nan = (WastCommand.AssertReturn) cs.get(5);
        assertEquals(List.of(new WastValue.F32(0x7FA0_0000), new WastValue.F64(0x8000_0000_0000_0001L)),
                ((WastCommand.Invoke) nan.action()).args());
        assertEquals(List.of(new WastValue.NanPattern(false, true), new WastValue.NanPattern(true, false)),
                nan.expected());

        WastCommand.AssertReturn v = (WastCommand.AssertReturn) cs.get(6);
        WastValue.V128Lanes lanes = assertInstanceOf(WastValue.V128Lanes.class, v.expected().get(0));
        assertEquals(List.of(new WastValue.NanPattern(false, true), new WastValue.F32(0x3F80_0000),
                new WastValue.F32(0x8000_0000), new WastValue.F32(0x7F80_0000)), lanes.lanes());
        assertEquals(new WastValue.V128(0x0004_0003_0002_FFFFL, 0x0008_0007_0006_0005L), v.expected().get(1));

        WastCommand.AssertReturn refs = (WastCommand.AssertReturn) cs.get(7);
        assertEquals(List.of(new WastValue.RefNull(AbsHeapType.EXTERN), new WastValue.RefExtern(7L)),
                ((WastCommand.Invoke) refs.action()).args());
        assertEquals(List.of(new WastValue.RefNull(null), new WastValue.RefKind("func", null),
                new WastValue.RefExtern(null), new WastValue.RefKind("struct", null),
                new WastValue.Either(List.of(new WastValue.I32(1), new WastValue.I32(2)))), refs.expected());
    }

    @Test
    void assertionsAndModuleForms() {
        List<WastCommand> cs = Wast.parse(SCRIPT, "script.wast");
        assertEquals("unreachable", ((WastCommand.AssertTrap) cs.get(8)).message());
        WastCommand.AssertUninstantiable u = assertInstanceOf(WastCommand.AssertUninstantiable.class, cs.get(9));
        assertEquals(15, u.line());
        assertInstanceOf(WastCommand.AssertExhaustion.class, cs.get(10));
        assertInstanceOf(WastCommand.AssertException.class, cs.get(11));

        WastCommand.AssertMalformed mal = assertInstanceOf(WastCommand.AssertMalformed.class, cs.get(12));
        ModuleSource.Quote q = assertInstanceOf(ModuleSource.Quote.class, mal.module());
        assertEquals("(func  (i32.const 0x))", q.text());
        TextException e = assertThrows(TextException.class, () -> Wast.module(q));
        assertTrue(e.bareMessage().startsWith("unknown operator"), e.getMessage());

        WastCommand.AssertInvalid inv = assertInstanceOf(WastCommand.AssertInvalid.class, cs.get(13));
        assertEquals(1, Wast.module(inv.module()).code().size(), "an invalid module still parses");
        assertInstanceOf(WastCommand.AssertUnlinkable.class, cs.get(14));
        assertEquals(new WastCommand.Get("m", "glob"),
                ((WastCommand.ActionCommand) cs.get(15)).action());

        WastCommand.ModuleCommand comp = (WastCommand.ModuleCommand) cs.get(16);
        assertEquals("(component (core module))", ((ModuleSource.Component) comp.source()).text());

        WastCommand.Thread t = assertInstanceOf(WastCommand.Thread.class, cs.get(17));
        assertEquals("t", t.id());
        assertEquals(List.of("m"), t.sharedModules());
        assertEquals(1, t.commands().size());
        assertEquals("t", ((WastCommand.Wait) cs.get(18)).threadId());
    }

    @Test
    void componentValues() {
        String script = """
                (component (core module))
                (assert_return (invoke "f" (bool.const true) (u8.const 255) (s64.const -1) (char.const "⛳")
                    (str.const "hi") (list.const (u32.const 1)) (tuple.const (s8.const -2))
                    (record.const (field "s" str.const "v=") (field "n" (u32.const 7)))
                    (variant.const "c") (variant.const "d" (u16.const 3)) (enum.const "e")
                    (option.none) (option.some (f64.const 1)) (result.ok) (result.err (str.const "x"))
                    (flags.const "a" "b"))
                  (str.const "ok"))
                """;
        WastCommand.AssertReturn r = (WastCommand.AssertReturn) Wast.parse(script, "values.wast").get(1);
        List<WastValue> args = ((WastCommand.Invoke) r.action()).args();
        assertEquals(List.of(new WastValue.Bool(true), new WastValue.Int("u8", 255), new WastValue.Int("s64", -1),
                new WastValue.Char(0x26F3), new WastValue.Str("hi"),
                new WastValue.ListValue(List.of(new WastValue.Int("u32", 1))),
                new WastValue.TupleValue(List.of(new WastValue.Int("s8", -2))),
                new WastValue.RecordValue(List.of(new WastValue.Field("s", new WastValue.Str("v=")),
                        new WastValue.Field("n", new WastValue.Int("u32", 7)))),
                new WastValue.VariantValue("c", null), new WastValue.VariantValue("d", new WastValue.Int("u16", 3)),
                new WastValue.EnumValue("e"), new WastValue.OptionValue(null),
                new WastValue.OptionValue(new WastValue.F64(Double.doubleToRawLongBits(1.0))),
                new WastValue.ResultValue(true, null), new WastValue.ResultValue(false, new WastValue.Str("x")),
                new WastValue.FlagsValue(List.of("a", "b"))), args);
        assertEquals(List.of(new WastValue.Str("ok")), r.expected());
    }

    @Test
    void aScriptOfBareFieldsIsOneModule() {
        List<WastCommand> cs = Wast.parse("(func) (memory 1)", "bare.wast");
        assertEquals(1, cs.size());
        Module m = Wast.module(((WastCommand.ModuleCommand) cs.get(0)).source());
        assertEquals(1, m.memories().size());
        assertNull(((WastCommand.ModuleCommand) cs.get(0)).id());
    }

    @Test
    void malformedScripts() {
        assertThrows(TextException.class, () -> Wast.parse("(assert_return (invoke \"f\") (i32.const 1.5))", "x.wast"));
        assertThrows(TextException.class, () -> Wast.parse("(assert_return (frob))", "x.wast"));
        assertThrows(TextException.class, () -> Wast.parse("(register \"a\"", "x.wast"));
    }
}
