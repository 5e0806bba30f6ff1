package dev.jwt.print;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jwt.binary.MalformedException;
import dev.jwt.testing.Corpus;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class PrinterTest {
    private static final Path FIXTURES = Corpus.fixtures().resolve("print");

    @Test
    void printsLikeWasmTools() throws IOException {
        byte[] wasm = Files.readAllBytes(FIXTURES.resolve("features.wasm"));
        String expected = Files.readString(FIXTURES.resolve("features.print"));
        assertEquals(expected, new Printer().print(wasm));
    }

    @Test
    void streamingGivesTheSameText() throws IOException {
        byte[] wasm = Files.readAllBytes(FIXTURES.resolve("features.wasm"));
        for (PrintOptions o : new PrintOptions[] {PrintOptions.DEFAULT, PrintOptions.DEFAULT.withFold(true),
                PrintOptions.DEFAULT.withPrintOffsets(true).withNameUnnamed(true).withIndent(4)}) {
            StringBuilder streamed = new StringBuilder();
            new Printer(o).print(wasm, streamed);
            assertEquals(new Printer(o).print(wasm), streamed.toString(), o.toString());
        }
    }

    @Test
    void emptyModule() {
        byte[] wasm = {0, 'a', 's', 'm', 1, 0, 0, 0};
        assertEquals("(module)\n", new Printer().print(wasm));
    }

    @Test
    void truncatedModuleIsMalformedWithOffset() throws IOException {
        byte[] wasm = Files.readAllBytes(FIXTURES.resolve("features.wasm"));
        byte[] cut = Arrays.copyOf(wasm, wasm.length / 2);
        MalformedException e = assertThrows(MalformedException.class, () -> new Printer().print(cut));
        assertTrue(e.offset() >= 0 && e.offset() <= cut.length, e.getMessage());
    }

    @Test
    void notAModule() {
        byte[] wasm = {0, 'a', 's', 'x', 1, 0, 0, 0};
        assertThrows(MalformedException.class, () -> new Printer().print(wasm));
    }

    private static String f32(int bits) {
        StringBuilder sb = new StringBuilder();
        FloatText.f32(sb, bits);
        return sb.toString();
    }

    private static String f64(long bits) {
        StringBuilder sb = new StringBuilder();
        FloatText.f64(sb, bits);
        return sb.toString();
    }

    @Test
    void floatsAsHexWithShortestDecimal() {
        assertEquals("0x1.8p+1 (;=3;)", f32(Float.floatToRawIntBits(3f)));
        assertEquals("0x1.633334p+3 (;=11.1;)", f32(Float.floatToRawIntBits(11.1f)));
        assertEquals("-0x0p+0 (;=-0;)", f32(0x80000000));
        assertEquals("-0x1.p-149 (;=-0.000000000000000000000000000000000000000000001;)", f32(0x80000001));
        assertEquals("-0x1.8p-148 (;=-0.000000000000000000000000000000000000000000004;)", f32(0x80000003));
        assertEquals("nan (;=NaN;)", f32(0x7FC00000));
        assertEquals("-nan:0x2abcde (;=NaN;)", f32(0xFFAABCDE));
        assertEquals("inf (;=inf;)", f32(0x7F800000));
        assertEquals("-0x1p+63 (;=-9223372000000000000;)", f32(Float.floatToRawIntBits(-0x1p63f)));
        assertEquals("0x1.3f28f5c28f5c3p+6 (;=79.79;)", f64(Double.doubleToRawLongBits(79.79)));
        assertEquals("nan:0xfffffffffffff (;=NaN;)", f64(0x7FFFFFFFFFFFFFFFL));
        assertEquals("-0x1.0000000000002p+60 (;=-1152921504606847500;)",
                f64(Double.doubleToRawLongBits(-0x1.0000000000002p60)));
        // JDK 17's Double.toString gives 4.9E-324 here; the shortest that reads back is 5e-324
        assertEquals("0x1.p-1074 (;=0." + "0".repeat(323) + "5;)", f64(1));
    }
}
