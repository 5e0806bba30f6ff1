package dev.jwt.run;

/**
 * The numeric instructions the JVM has no single bytecode for, with the spec's semantics and
 * traps (spec: exec/numerics). Compiled code calls them; they are small so the JIT inlines them.
 * Comparisons return 1 or 0 as wasm does.
 */
public final class Numerics {
    private Numerics() {}

    // i32

    public static int eqz(int a) { return a == 0 ? 1 : 0; }
    public static int eq(int a, int b) { return a == b ? 1 : 0; }
    public static int ne(int a, int b) { return a != b ? 1 : 0; }
    public static int ltS(int a, int b) { return a < b ? 1 : 0; }
    public static int ltU(int a, int b) { return Integer.compareUnsigned(a, b) < 0 ? 1 : 0; }
    public static int gtS(int a, int b) { return a > b ? 1 : 0; }
    public static int gtU(int a, int b) { return Integer.compareUnsigned(a, b) > 0 ? 1 : 0; }
    public static int leS(int a, int b) { return a <= b ? 1 : 0; }
    public static int leU(int a, int b) { return Integer.compareUnsigned(a, b) <= 0 ? 1 : 0; }
    public static int geS(int a, int b) { return a >= b ? 1 : 0; }
    public static int geU(int a, int b) { return Integer.compareUnsigned(a, b) >= 0 ? 1 : 0; }

    public static int divS(int a, int b) {
        if (b == 0) {
            throw new Trap(Trap.DIVIDE_BY_ZERO);
        }
        if (a == Integer.MIN_VALUE && b == -1) {
            throw new Trap(Trap.INTEGER_OVERFLOW);
        }
        return a / b;
    }

    public static int divU(int a, int b) {
        if (b == 0) {
            throw new Trap(Trap.DIVIDE_BY_ZERO);
        }
        return Integer.divideUnsigned(a, b);
    }

    public static int remS(int a, int b) {
        if (b == 0) {
            throw new Trap(Trap.DIVIDE_BY_ZERO);
        }
        return b == -1 ? 0 : a % b;
    }

    public static int remU(int a, int b) {
        if (b == 0) {
            throw new Trap(Trap.DIVIDE_BY_ZERO);
        }
        return Integer.remainderUnsigned(a, b);
    }

    // i64

    public static int eqz(long a) { return a == 0 ? 1 : 0; }
    public static int eq(long a, long b) { return a == b ? 1 : 0; }
    public static int ne(long a, long b) { return a != b ? 1 : 0; }
    public static int ltS(long a, long b) { return a < b ? 1 : 0; }
    public static int ltU(long a, long b) { return Long.compareUnsigned(a, b) < 0 ? 1 : 0; }
    public static int gtS(long a, long b) { return a > b ? 1 : 0; }
    public static int gtU(long a, long b) { return Long.compareUnsigned(a, b) > 0 ? 1 : 0; }
    public static int leS(long a, long b) { return a <= b ? 1 : 0; }
    public static int leU(long a, long b) { return Long.compareUnsigned(a, b) <= 0 ? 1 : 0; }
    public static int geS(long a, long b) { return a >= b ? 1 : 0; }
    public static int geU(long a, long b) { return Long.compareUnsigned(a, b) >= 0 ? 1 : 0; }

    public static long clz(long a) { return Long.numberOfLeadingZeros(a); }
    public static long ctz(long a) { return Long.numberOfTrailingZeros(a); }
    public static long popcnt(long a) { return Long.bitCount(a); }
    public static long rotl(long a, long b) { return Long.rotateLeft(a, (int) b); }
    public static long rotr(long a, long b) { return Long.rotateRight(a, (int) b); }
    public static long shl(long a, long b) { return a << b; }
    public static long shrS(long a, long b) { return a >> b; }
    public static long shrU(long a, long b) { return a >>> b; }

    public static long divS(long a, long b) {
        if (b == 0) {
            throw new Trap(Trap.DIVIDE_BY_ZERO);
        }
        if (a == Long.MIN_VALUE && b == -1) {
            throw new Trap(Trap.INTEGER_OVERFLOW);
        }
        return a / b;
    }

    public static long divU(long a, long b) {
        if (b == 0) {
            throw new Trap(Trap.DIVIDE_BY_ZERO);
        }
        return Long.divideUnsigned(a, b);
    }

    public static long remS(long a, long b) {
        if (b == 0) {
            throw new Trap(Trap.DIVIDE_BY_ZERO);
        }
        return b == -1 ? 0 : a % b;
    }

    public static long remU(long a, long b) {
        if (b == 0) {
            throw new Trap(Trap.DIVIDE_BY_ZERO);
        }
        return Long.remainderUnsigned(a, b);
    }

    // f32 / f64 comparisons (NaN compares false except ne)

    public static int eq(float a, float b) { return a == b ? 1 : 0; }
    public static int ne(float a, float b) { return a != b ? 1 : 0; }
    public static int lt(float a, float b) { return a < b ? 1 : 0; }
    public static int gt(float a, float b) { return a > b ? 1 : 0; }
    public static int le(float a, float b) { return a <= b ? 1 : 0; }
    public static int ge(float a, float b) { return a >= b ? 1 : 0; }
    public static int eq(double a, double b) { return a == b ? 1 : 0; }
    public static int ne(double a, double b) { return a != b ? 1 : 0; }
    public static int lt(double a, double b) { return a < b ? 1 : 0; }
    public static int gt(double a, double b) { return a > b ? 1 : 0; }
    public static int le(double a, double b) { return a <= b ? 1 : 0; }
    public static int ge(double a, double b) { return a >= b ? 1 : 0; }

    // f32 / f64 arithmetic that is not one bytecode. Sign operations work on the bits so NaN
    // payloads pass through untouched.

    public static float abs(float a) { return Float.intBitsToFloat(Float.floatToRawIntBits(a) & 0x7FFFFFFF); }
    public static float neg(float a) { return Float.intBitsToFloat(Float.floatToRawIntBits(a) ^ 0x80000000); }
    public static float copysign(float a, float b) {
        return Float.intBitsToFloat((Float.floatToRawIntBits(a) & 0x7FFFFFFF) | (Float.floatToRawIntBits(b) & 0x80000000));
    }
    // A NaN operand must come out quiet (an "arithmetic NaN"): adding it to itself quiets it.
    public static float ceil(float a) { return a != a ? a + a : (float) Math.ceil(a); }
    public static float floor(float a) { return a != a ? a + a : (float) Math.floor(a); }
    public static float trunc(float a) { return a != a ? a + a : (float) (a < 0 ? Math.ceil(a) : Math.floor(a)); }
    public static float nearest(float a) { return a != a ? a + a : (float) Math.rint(a); }
    public static float sqrt(float a) { return (float) Math.sqrt(a); }

    public static float min(float a, float b) { return a != a || b != b ? a + b : Math.min(a, b); }
    public static float max(float a, float b) { return a != a || b != b ? a + b : Math.max(a, b); }

    public static double abs(double a) { return Double.longBitsToDouble(Double.doubleToRawLongBits(a) & 0x7FFFFFFFFFFFFFFFL); }
    public static double neg(double a) { return Double.longBitsToDouble(Double.doubleToRawLongBits(a) ^ 0x8000000000000000L); }
    public static double copysign(double a, double b) {
        return Double.longBitsToDouble((Double.doubleToRawLongBits(a) & 0x7FFFFFFFFFFFFFFFL)
                | (Double.doubleToRawLongBits(b) & 0x8000000000000000L));
    }
    public static double ceil(double a) { return a != a ? a + a : Math.ceil(a); }
    public static double floor(double a) { return a != a ? a + a : Math.floor(a); }
    public static double trunc(double a) { return a != a ? a + a : a < 0 ? Math.ceil(a) : Math.floor(a); }
    public static double nearest(double a) { return a != a ? a + a : Math.rint(a); }
    public static double sqrt(double a) { return Math.sqrt(a); }
    public static double min(double a, double b) { return a != a || b != b ? a + b : Math.min(a, b); }
    public static double max(double a, double b) { return a != a || b != b ? a + b : Math.max(a, b); }

    // Conversions

    public static long extendU(int a) { return a & 0xFFFFFFFFL; }

    public static int i32TruncF32S(float a) {
        if (Float.isNaN(a)) {
            throw new Trap(Trap.INVALID_CONVERSION);
        }
        if (a >= 0x1p31f || a < -0x1p31f) {
            throw new Trap(Trap.INTEGER_OVERFLOW);
        }
        return (int) a;
    }

    public static int i32TruncF32U(float a) {
        if (Float.isNaN(a)) {
            throw new Trap(Trap.INVALID_CONVERSION);
        }
        if (a >= 0x1p32f || a <= -1f) {
            throw new Trap(Trap.INTEGER_OVERFLOW);
        }
        return (int) (long) a;
    }

    public static int i32TruncF64S(double a) {
        if (Double.isNaN(a)) {
            throw new Trap(Trap.INVALID_CONVERSION);
        }
        if (a >= 0x1p31 || a <= -0x1p31 - 1) {
            throw new Trap(Trap.INTEGER_OVERFLOW);
        }
        return (int) a;
    }

    public static int i32TruncF64U(double a) {
        if (Double.isNaN(a)) {
            throw new Trap(Trap.INVALID_CONVERSION);
        }
        if (a >= 0x1p32 || a <= -1) {
            throw new Trap(Trap.INTEGER_OVERFLOW);
        }
        return (int) (long) a;
    }

    public static long i64TruncF32S(float a) {
        if (Float.isNaN(a)) {
            throw new Trap(Trap.INVALID_CONVERSION);
        }
        if (a >= 0x1p63f || a < -0x1p63f) {
            throw new Trap(Trap.INTEGER_OVERFLOW);
        }
        return (long) a;
    }

    public static long i64TruncF32U(float a) {
        if (Float.isNaN(a)) {
            throw new Trap(Trap.INVALID_CONVERSION);
        }
        if (a >= 0x1p64f || a <= -1f) {
            throw new Trap(Trap.INTEGER_OVERFLOW);
        }
        return unsignedFromDouble(a);
    }

    public static long i64TruncF64S(double a) {
        if (Double.isNaN(a)) {
            throw new Trap(Trap.INVALID_CONVERSION);
        }
        if (a >= 0x1p63 || a < -0x1p63) {
            throw new Trap(Trap.INTEGER_OVERFLOW);
        }
        return (long) a;
    }

    public static long i64TruncF64U(double a) {
        if (Double.isNaN(a)) {
            throw new Trap(Trap.INVALID_CONVERSION);
        }
        if (a >= 0x1p64 || a <= -1) {
            throw new Trap(Trap.INTEGER_OVERFLOW);
        }
        return unsignedFromDouble(a);
    }

    /** Truncates a value in (-1, 2^64) to an unsigned 64-bit integer. */
    private static long unsignedFromDouble(double a) {
        if (a < 0x1p63) {
            return (long) a;
        }
        return (long) (a - 0x1p63) ^ Long.MIN_VALUE;
    }

    public static int i32TruncSatF32U(float a) {
        if (!(a > 0)) {
            return 0;
        }
        return a >= 0x1p32f ? -1 : (int) (long) a;
    }

    public static int i32TruncSatF64U(double a) {
        if (!(a > 0)) {
            return 0;
        }
        return a >= 0x1p32 ? -1 : (int) (long) a;
    }

    public static long i64TruncSatF32U(float a) {
        if (!(a > 0)) {
            return 0;
        }
        return a >= 0x1p64f ? -1L : unsignedFromDouble(a);
    }

    public static long i64TruncSatF64U(double a) {
        if (!(a > 0)) {
            return 0;
        }
        return a >= 0x1p64 ? -1L : unsignedFromDouble(a);
    }

    public static float f32ConvertI32U(int a) { return (float) (a & 0xFFFFFFFFL); }
    public static double f64ConvertI32U(int a) { return (double) (a & 0xFFFFFFFFL); }

    public static float f32ConvertI64U(long a) {
        if (a >= 0) {
            return (float) a;
        }
        // Halve keeping the lowest bit sticky so the final rounding is still correct.
        return (float) ((a >>> 1) | (a & 1)) * 2f;
    }

    public static double f64ConvertI64U(long a) {
        if (a >= 0) {
            return (double) a;
        }
        return (double) ((a >>> 1) | (a & 1)) * 2d;
    }

    // select, one per JVM type: the JIT turns these into conditional moves.

    public static int select(int a, int b, int c) { return c != 0 ? a : b; }
    public static long select(long a, long b, int c) { return c != 0 ? a : b; }
    public static float select(float a, float b, int c) { return c != 0 ? a : b; }
    public static double select(double a, double b, int c) { return c != 0 ? a : b; }
    public static Object select(Object a, Object b, int c) { return c != 0 ? a : b; }

    public static int isNull(Object a) { return a == null ? 1 : 0; }

    public static int refEq(Object a, Object b) { return dev.jwt.run.gc.Gc.refEq(a, b); }

    // Boxing of multiple results (a function or block with more than one result returns an Object[]).

    public static int unboxI32(Object o) { return (Integer) o; }
    public static long unboxI64(Object o) { return (Long) o; }
    public static float unboxF32(Object o) { return (Float) o; }
    public static double unboxF64(Object o) { return (Double) o; }

    // ---------------------------------------------------------------- wide arithmetic

    /** The high half of the 128-bit sum of (lo1, hi1) and (lo2, hi2): the carry out of the low halves added in. */
    public static long add128High(long lo1, long hi1, long lo2, long hi2) {
        long carry = Long.compareUnsigned(lo1 + lo2, lo1) < 0 ? 1 : 0;
        return hi1 + hi2 + carry;
    }

    /** The high half of the 128-bit difference (lo1, hi1) - (lo2, hi2): the borrow of the low halves taken out. */
    public static long sub128High(long lo1, long hi1, long lo2, long hi2) {
        long borrow = Long.compareUnsigned(lo1, lo2) < 0 ? 1 : 0;
        return hi1 - hi2 - borrow;
    }

    /**
     * The high 64 bits of the unsigned 128-bit product (Java 18's Math.unsignedMultiplyHigh): the
     * signed high product, corrected by b for a negative a and by a for a negative b.
     */
    public static long unsignedMultiplyHigh(long a, long b) {
        return Math.multiplyHigh(a, b) + ((a >> 63) & b) + ((b >> 63) & a);
    }
}
