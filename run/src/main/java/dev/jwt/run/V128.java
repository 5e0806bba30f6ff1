package dev.jwt.run;

import java.lang.invoke.MethodHandles;

/**
 * A wasm {@code v128} value: 128 bits as two longs, little endian like memory ({@link #low} holds
 * bytes 0-7, so lane 0 of every shape sits in its least significant bits). Immutable; compiled code
 * passes it as an ordinary reference and every vector instruction ({@link Simd}) returns a new one.
 * An object of two longs keeps the JVM operand stack and locals one slot per wasm value, which the
 * compiler's stack handling relies on; the JIT's escape analysis removes most of the allocations
 * once the small lane operations inline.
 */
public final class V128 {
    public static final V128 ZERO = new V128(0, 0);

    public final long low;
    public final long high;

    public V128(long low, long high) {
        this.low = low;
        this.high = high;
    }

    public static V128 of(long low, long high) {
        return new V128(low, high);
    }

    /**
     * The bootstrap of a {@code v128.const} in compiled code: a dynamic constant, so the value is
     * made once per call site and the JIT sees a constant.
     */
    public static V128 constant(MethodHandles.Lookup lookup, String name, Class<?> type, long low, long high) {
        return new V128(low, high);
    }

    /** The value whose bytes are {@code bytes[0..15]} (byte 0 is lane 0 of i8x16). */
    public static V128 ofBytes(byte[] bytes) {
        long lo = 0;
        long hi = 0;
        for (int i = 7; i >= 0; i--) {
            lo = (lo << 8) | (bytes[i] & 0xFF);
            hi = (hi << 8) | (bytes[i + 8] & 0xFF);
        }
        return new V128(lo, hi);
    }

    public byte[] toBytes() {
        byte[] r = new byte[16];
        for (int i = 0; i < 8; i++) {
            r[i] = (byte) (low >>> (8 * i));
            r[i + 8] = (byte) (high >>> (8 * i));
        }
        return r;
    }

    /** Lane {@code i} of the i8x16 view, sign-extended. */
    public int i8(int i) {
        return (byte) ((i < 8 ? low : high) >>> (8 * (i & 7)));
    }

    /** Lane {@code i} of the i16x8 view, sign-extended. */
    public int i16(int i) {
        return (short) ((i < 4 ? low : high) >>> (16 * (i & 3)));
    }

    /** Lane {@code i} of the i32x4 view. */
    public int i32(int i) {
        return (int) ((i < 2 ? low : high) >>> (32 * (i & 1)));
    }

    /** Lane {@code i} of the i64x2 view. */
    public long i64(int i) {
        return i == 0 ? low : high;
    }

    public float f32(int i) {
        return Float.intBitsToFloat(i32(i));
    }

    public double f64(int i) {
        return Double.longBitsToDouble(i64(i));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof V128 v && v.low == low && v.high == high;
    }

    @Override
    public int hashCode() {
        return Long.hashCode(low) * 31 + Long.hashCode(high);
    }

    /** The value as wasm text writes it in the i32x4 shape. */
    @Override
    public String toString() {
        return String.format("i32x4 0x%08x 0x%08x 0x%08x 0x%08x", i32(0), i32(1), i32(2), i32(3));
    }
}
