package dev.jwt.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jwt.binary.WasmException;
import org.junit.jupiter.api.Test;

/** Malformed text gives a {@link TextException} with its place, rendered the way wasm-tools does. */
class TextErrorsTest {
    private static TextException error(String source) {
        return assertThrows(TextException.class, () -> Wat.parseModule(source, "test.wat"));
    }

    @Test
    void rendersMessagePlaceSourceLineAndCaret() {
        TextException e = error("(module\n  (func (i32.frobnicate)))\n");
        assertEquals(WasmException.Kind.MALFORMED, e.kind());
        assertEquals("unknown operator", e.bareMessage());
        assertEquals(2, e.line());
        assertEquals(10, e.column());
        assertEquals("test.wat:2:10", e.place());
        assertEquals("unknown operator\n"
                + "     --> test.wat:2:10\n"
                + "      |\n"
                + "    2 |   (func (i32.frobnicate)))\n"
                + "      |          ^", e.getMessage());
    }

    @Test
    void lexicalErrors() {
        assertEquals("unclosed block comment", error("(module (; never closed").bareMessage());
        assertTrue(error("(module (data \"\\q\"))").bareMessage().contains("escape"));
        assertTrue(error("(module (data \"abc").bareMessage().contains("unterminated string"));
        assertTrue(error("(module (func (i32.const 0x1_)))").bareMessage().startsWith("unknown operator"));
        assertEquals("malformed UTF-8 encoding", error("(module (func (export \"\\ff\")))").bareMessage());
    }

    @Test
    void resolutionErrors() {
        assertTrue(error("(module (func (call $nope)))").bareMessage().startsWith("unknown func"));
        assertTrue(error("(module (func (local.get $x)))").bareMessage().startsWith("unknown local"));
        assertTrue(error("(module (func (br $l)))").bareMessage().startsWith("unknown label"));
        assertEquals("mismatching label", error("(module (func block $a end $b))").bareMessage());
        assertTrue(error("(module (func $f) (func $f))").bareMessage().startsWith("duplicate func"));
        assertEquals("import after function", error("(module (func) (import \"\" \"\" (memory 1)))").bareMessage());
        assertEquals("inline function type doesn't match type reference",
                error("(module (type $t (func)) (func (type $t) (param i32)))").bareMessage());
    }

    @Test
    void constantsOutOfRange() {
        assertEquals("constant out of range", error("(module (func (i32.const 4294967296) drop))").bareMessage());
        assertEquals("constant out of range", error("(module (func (f32.const 1e39) drop))").bareMessage());
        assertEquals("constant out of range", error("(module (func (f64.const nan:0x0) drop))").bareMessage());
    }

    @Test
    void deepNestingIsAnErrorNotACrash() {
        String deep = "(module (func " + "(block ".repeat(200_000) + ")".repeat(200_000) + "))";
        TextException e = error(deep);
        assertTrue(e.line() >= 1);
    }

    @Test
    void anUnclosedModuleFailsWhereTheTextGoesWrong() {
        TextException e = error("(module\n  (func (local i32 i64 i64=x");
        assertEquals(2, e.line());
        assertEquals(24, e.column());
        assertTrue(e.bareMessage().startsWith("unexpected token, expected one of: `i32`"));
    }

    @Test
    void veryLongLinesAreNotQuoted() {
        String source = "(module (func (local " + "i32 ".repeat(2000) + "oops)))";
        TextException e = error(source);
        assertEquals(e.bareMessage() + " at test.wat:1:" + e.column(), e.getMessage());
    }
}
