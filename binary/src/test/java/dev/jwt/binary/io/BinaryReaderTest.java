package dev.jwt.binary.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.jwt.binary.MalformedException;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class BinaryReaderTest {
    private static byte[] b(int... v) {
        byte[] out = new byte[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = (byte) v[i];
        }
        return out;
    }

    private static void malformed(String message, long offset, Function<BinaryReader, ?> read, int... bytes) {
        MalformedException e = assertThrows(MalformedException.class, () -> read.apply(new BinaryReader(b(bytes))));
        assertEquals(message, e.bareMessage());
        assertEquals(offset, e.offset());
    }

    @Test
    void u32() {
        assertEquals(0, new BinaryReader(b(0)).u32());
        assertEquals(624485, new BinaryReader(b(0xE5, 0x8E, 0x26)).u32());
        assertEquals(-1, new BinaryReader(b(0xFF, 0xFF, 0xFF, 0xFF, 0x0F)).u32());
        assertEquals(0, new BinaryReader(b(0x80, 0x80, 0x80, 0x80, 0x00)).u32());
        malformed("integer too large", 4, BinaryReader::u32, 0xFF, 0xFF, 0xFF, 0xFF, 0x1F);
        malformed("integer representation too long", 5, BinaryReader::u32, 0x80, 0x80, 0x80, 0x80, 0x80, 0x00);
        malformed("unexpected end", 2, BinaryReader::u32, 0x80, 0x80);
    }

    @Test
    void signed() {
        assertEquals(-1, new BinaryReader(b(0x7F)).s32());
        assertEquals(-128, new BinaryReader(b(0x80, 0x7F)).s32());
        assertEquals(Integer.MIN_VALUE, new BinaryReader(b(0x80, 0x80, 0x80, 0x80, 0x78)).s32());
        assertEquals(Integer.MAX_VALUE, new BinaryReader(b(0xFF, 0xFF, 0xFF, 0xFF, 0x07)).s32());
        malformed("integer too large", 4, BinaryReader::s32, 0xFF, 0xFF, 0xFF, 0xFF, 0x4F);
        malformed("integer too large", 4, BinaryReader::s32, 0x80, 0x80, 0x80, 0x80, 0x08);
        assertEquals(Long.MIN_VALUE, new BinaryReader(b(0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x7F)).s64());
        malformed("integer too large", 9, BinaryReader::s64, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x01);
        malformed("integer representation too long", 10, BinaryReader::s64,
                0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x00);
        assertEquals(0xFFFFFFFFL, new BinaryReader(b(0xFF, 0xFF, 0xFF, 0xFF, 0x0F)).s33());
        assertEquals(-0x100000000L, new BinaryReader(b(0x80, 0x80, 0x80, 0x80, 0x70)).s33());
        assertEquals(-1L, new BinaryReader(b(0xFF, 0xFF, 0xFF, 0xFF, 0x7F)).u64() - 0x7FFFFFFFFL - 1);
    }

    @Test
    void writerRoundTrips() {
        long[] values = {0, 1, -1, 63, 64, -64, -65, 127, 128, Integer.MAX_VALUE, Integer.MIN_VALUE, Long.MAX_VALUE,
                Long.MIN_VALUE, 0xFFFFFFFFL, 1L << 40};
        for (long v : values) {
            BinaryWriter w = new BinaryWriter();
            w.s64(v).u64(v).s32((int) v).u32((int) v).f64Bits(v).f32Bits((int) v);
            BinaryReader r = new BinaryReader(w.toByteArray());
            assertEquals(v, r.s64());
            assertEquals(v, r.u64());
            assertEquals((int) v, r.s32());
            assertEquals((int) v, r.u32());
            assertEquals(v, r.f64Bits());
            assertEquals((int) v, r.f32Bits());
            assertEquals(true, r.eof());
        }
        assertArrayEquals(b(0xE5, 0x8E, 0x26), new BinaryWriter().u32(624485).toByteArray());
        assertArrayEquals(b(0xC0, 0xBB, 0x78), new BinaryWriter().s32(-123456).toByteArray());
    }

    @Test
    void names() {
        BinaryWriter w = new BinaryWriter().name("h\u00e9llo \uD83D\uDE00");
        assertEquals("h\u00e9llo \uD83D\uDE00", new BinaryReader(w.toByteArray()).name());
        malformed("malformed UTF-8 encoding", 1, BinaryReader::name, 2, 0xC0, 0x80);
        malformed("malformed UTF-8 encoding", 1, BinaryReader::name, 3, 0xED, 0xA0, 0x80);
        malformed("malformed UTF-8 encoding", 1, BinaryReader::name, 1, 0xE0);
        malformed("malformed UTF-8 encoding", 1, BinaryReader::name, 4, 0xF4, 0x90, 0x80, 0x80);
        malformed("length out of bounds", 0, BinaryReader::name, 5, 0x61);
    }

    @Test
    void slices() {
        BinaryReader r = new BinaryReader(b(1, 2, 3, 4));
        r.u8();
        BinaryReader s = r.slice(2);
        assertEquals(4, r.u8());
        assertEquals(2, s.u8());
        assertEquals(3, s.u8());
        MalformedException e = assertThrows(MalformedException.class, s::u8);
        assertEquals("unexpected end of section or function", e.bareMessage());
        assertEquals(3, e.offset());
        assertThrows(MalformedException.class, () -> r.slice(2));
    }
}
