package dev.jwt.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jwt.text.lex.Literals;
import org.junit.jupiter.api.Test;

class LiteralsTest {
    private static boolean isNumber(String s) {
        return Literals.isNumber(s, 0, s.length());
    }

    @Test
    void recognisesNumberSyntax() {
        for (String s : new String[] {"0", "1_000", "-0x1F", "+1.5e-3", "0x1.p4", "1.", "inf", "-nan", "nan:0x1_0", "1E+5"}) {
            assertTrue(isNumber(s), s);
        }
        for (String s : new String[] {"_1", "1_", "1__0", "0x", "0x_1", "1e", "1.e_1", "nan:0x", "nan:1", "0$x", "+", "1.5p3"}) {
            assertFalse(isNumber(s), s);
        }
    }

    @Test
    void integersFollowTheRangesOfUnsignedAndSigned() {
        assertEquals(0xFFFF_FFFFL, Literals.parseInt("4294967295", 32));
        assertEquals(-2147483648L, Literals.parseInt("-2147483648", 32));
        assertNull(Literals.parseInt("4294967296", 32));
        assertNull(Literals.parseInt("-2147483649", 32));
        assertNull(Literals.parseInt("+2147483648", 32), "a signed literal is at most 2^31-1");
        assertEquals(-1L, Literals.parseInt("0xffff_ffff_ffff_ffff", 64));
        assertNull(Literals.parseInt("18446744073709551616", 64));
        assertEquals(Long.MIN_VALUE, Literals.parseInt("-0x8000000000000000", 64));
        assertEquals(0xFFL, Literals.parseInt("255", 8));
        assertNull(Literals.parseInt("-129", 8));
    }

    @Test
    void floatsRoundToNearestEven() {
        // Exactly halfway between 1 and the next f32: ties to even (down); a hair above rounds up.
        assertEquals(0x3F80_0000, Literals.parseF32("0x1.000001p0"));
        assertEquals(0x3F80_0001, Literals.parseF32("0x1.00000100000000001p0"));
        assertEquals(0x3F80_0002, Literals.parseF32("0x1.000003p0"));
        assertEquals(0x3F80_0000, Literals.parseF32("1.000000059604644775390625"));
        assertEquals(0x3F80_0001, Literals.parseF32("1.000000059604644775390626"));
        assertEquals(1, Literals.parseF32("0x1p-149"));
        assertEquals(0, Literals.parseF32("0x1p-150"), "half the smallest subnormal rounds to even zero");
        assertEquals(1, Literals.parseF32("0x1.000001p-150"));
        assertEquals(0x7F7F_FFFF, Literals.parseF32("0x1.fffffefffffffffffp127"));
        assertEquals(Double.doubleToRawLongBits(0.1), Literals.parseF64("0.1"));
        assertEquals(Double.doubleToRawLongBits(4.9e-324), Literals.parseF64("4.9406564584124654e-324"));
        assertEquals(0L, Literals.parseF64("2.4703282292062327e-324"));
        assertEquals(1L, Literals.parseF64("2.4703282292062328e-324"));
        assertEquals(Double.doubleToRawLongBits(-1234.5678), Literals.parseF64("-1_234.567_8"));
        assertEquals(Long.MIN_VALUE, Literals.parseF64("-0"));
    }

    @Test
    void overflowToInfinityIsOutOfRange() {
        assertThrows(NumberFormatException.class, () -> Literals.parseF32("0x1p128"));
        assertThrows(NumberFormatException.class, () -> Literals.parseF32("0x1.ffffffp127"));
        assertThrows(NumberFormatException.class, () -> Literals.parseF64("1e309"));
        assertThrows(NumberFormatException.class, () -> Literals.parseF64("1e1000000000000"));
        assertEquals(0L, Literals.parseF64("1e-1000000000000"));
    }

    @Test
    void infinitiesAndNans() {
        assertEquals(0x7F80_0000, Literals.parseF32("inf"));
        assertEquals(0xFF80_0000, Literals.parseF32("-inf"));
        assertEquals(0x7FC0_0000, Literals.parseF32("nan"));
        assertEquals(0xFFC0_0000, Literals.parseF32("-nan"));
        assertEquals(0x7F80_0001, Literals.parseF32("nan:0x1"));
        assertEquals(0x7FFF_FFFF, Literals.parseF32("+nan:0x7f_ffff"));
        assertEquals(0x7FF8_0000_0000_0000L, Literals.parseF64("nan"));
        assertEquals(0x7FF0_0000_0000_0001L, Literals.parseF64("nan:0x1"));
        assertThrows(NumberFormatException.class, () -> Literals.parseF32("nan:0x0"));
        assertThrows(NumberFormatException.class, () -> Literals.parseF32("nan:0x80_0000"));
        assertThrows(NumberFormatException.class, () -> Literals.parseF64("nan:0x10000000000000"));
    }
}
