package dev.jwt.run;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Objects;
import java.util.function.IntBinaryOperator;
import java.util.function.IntUnaryOperator;
import java.util.function.LongBinaryOperator;
import java.util.function.LongUnaryOperator;

/**
 * The vector instructions (spec: exec/instructions, vector instructions; numerics for the lane
 * operators) on {@link V128} values. Compiled code calls one static method per instruction, named
 * after its mnemonic in camel case ({@code i8x16.add_sat_s} is {@link #i8x16AddSatS}), with the
 * instruction's operands in order, then its immediates (lane index, memory offset, memory bytes).
 * {@code i8x16.shuffle} alone has no method: its lane indices are constants, so the compiler emits
 * the shifts and masks it amounts to (see {@code SimdCompiler.emitShuffle}).
 *
 * <p>Most methods map a lane operator over the lanes through a lambda held in a constant: once the
 * small method inlines, the JIT sees the constant and inlines the operator too.
 *
 * <p>Relaxed SIMD instructions pick one of the results the spec allows, deterministically: the
 * result of the corresponding non-relaxed instruction wherever there is one (swizzle, trunc_sat,
 * bitselect, min/max, q15mulr_sat), unfused multiply-add, and signed second operands for the dot
 * products.
 */
public final class Simd {
    private Simd() {}

    private static final VarHandle I16 = MethodHandles.byteArrayViewVarHandle(short[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle I32 = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle I64 = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    @FunctionalInterface
    private interface F32Unary {
        float apply(float a);
    }

    @FunctionalInterface
    private interface F32Binary {
        float apply(float a, float b);
    }

    @FunctionalInterface
    private interface F32Test {
        boolean test(float a, float b);
    }

    @FunctionalInterface
    private interface F64Unary {
        double apply(double a);
    }

    @FunctionalInterface
    private interface F64Binary {
        double apply(double a, double b);
    }

    @FunctionalInterface
    private interface F64Test {
        boolean test(double a, double b);
    }

    // ---------------------------------------------------------------- lane maps

    private static V128 map8(V128 a, V128 b, IntBinaryOperator f) {
        long lo = 0;
        long hi = 0;
        for (int i = 0; i < 8; i++) {
            lo |= (f.applyAsInt(a.i8(i), b.i8(i)) & 0xFFL) << (8 * i);
            hi |= (f.applyAsInt(a.i8(i + 8), b.i8(i + 8)) & 0xFFL) << (8 * i);
        }
        return new V128(lo, hi);
    }

    private static V128 map8(V128 a, IntUnaryOperator f) {
        long lo = 0;
        long hi = 0;
        for (int i = 0; i < 8; i++) {
            lo |= (f.applyAsInt(a.i8(i)) & 0xFFL) << (8 * i);
            hi |= (f.applyAsInt(a.i8(i + 8)) & 0xFFL) << (8 * i);
        }
        return new V128(lo, hi);
    }

    private static V128 map16(V128 a, V128 b, IntBinaryOperator f) {
        long lo = 0;
        long hi = 0;
        for (int i = 0; i < 4; i++) {
            lo |= (f.applyAsInt(a.i16(i), b.i16(i)) & 0xFFFFL) << (16 * i);
            hi |= (f.applyAsInt(a.i16(i + 4), b.i16(i + 4)) & 0xFFFFL) << (16 * i);
        }
        return new V128(lo, hi);
    }

    private static V128 map16(V128 a, IntUnaryOperator f) {
        long lo = 0;
        long hi = 0;
        for (int i = 0; i < 4; i++) {
            lo |= (f.applyAsInt(a.i16(i)) & 0xFFFFL) << (16 * i);
            hi |= (f.applyAsInt(a.i16(i + 4)) & 0xFFFFL) << (16 * i);
        }
        return new V128(lo, hi);
    }

    private static V128 map32(V128 a, V128 b, IntBinaryOperator f) {
        return i32s(f.applyAsInt(a.i32(0), b.i32(0)), f.applyAsInt(a.i32(1), b.i32(1)),
                f.applyAsInt(a.i32(2), b.i32(2)), f.applyAsInt(a.i32(3), b.i32(3)));
    }

    private static V128 map32(V128 a, IntUnaryOperator f) {
        return i32s(f.applyAsInt(a.i32(0)), f.applyAsInt(a.i32(1)), f.applyAsInt(a.i32(2)), f.applyAsInt(a.i32(3)));
    }

    private static V128 map64(V128 a, V128 b, LongBinaryOperator f) {
        return new V128(f.applyAsLong(a.low, b.low), f.applyAsLong(a.high, b.high));
    }

    private static V128 map64(V128 a, LongUnaryOperator f) {
        return new V128(f.applyAsLong(a.low), f.applyAsLong(a.high));
    }

    private static V128 mapF32(V128 a, V128 b, F32Binary f) {
        return f32s(f.apply(a.f32(0), b.f32(0)), f.apply(a.f32(1), b.f32(1)),
                f.apply(a.f32(2), b.f32(2)), f.apply(a.f32(3), b.f32(3)));
    }

    private static V128 mapF32(V128 a, F32Unary f) {
        return f32s(f.apply(a.f32(0)), f.apply(a.f32(1)), f.apply(a.f32(2)), f.apply(a.f32(3)));
    }

    private static V128 testF32(V128 a, V128 b, F32Test f) {
        return i32s(f.test(a.f32(0), b.f32(0)) ? -1 : 0, f.test(a.f32(1), b.f32(1)) ? -1 : 0,
                f.test(a.f32(2), b.f32(2)) ? -1 : 0, f.test(a.f32(3), b.f32(3)) ? -1 : 0);
    }

    private static V128 mapF64(V128 a, V128 b, F64Binary f) {
        return f64s(f.apply(a.f64(0), b.f64(0)), f.apply(a.f64(1), b.f64(1)));
    }

    private static V128 mapF64(V128 a, F64Unary f) {
        return f64s(f.apply(a.f64(0)), f.apply(a.f64(1)));
    }

    private static V128 testF64(V128 a, V128 b, F64Test f) {
        return new V128(f.test(a.f64(0), b.f64(0)) ? -1L : 0L, f.test(a.f64(1), b.f64(1)) ? -1L : 0L);
    }

    // ---------------------------------------------------------------- building values

    private static V128 i8s(int[] lanes) {
        long lo = 0;
        long hi = 0;
        for (int i = 0; i < 8; i++) {
            lo |= (lanes[i] & 0xFFL) << (8 * i);
            hi |= (lanes[i + 8] & 0xFFL) << (8 * i);
        }
        return new V128(lo, hi);
    }

    private static V128 i16s(int[] lanes) {
        long lo = 0;
        long hi = 0;
        for (int i = 0; i < 4; i++) {
            lo |= (lanes[i] & 0xFFFFL) << (16 * i);
            hi |= (lanes[i + 4] & 0xFFFFL) << (16 * i);
        }
        return new V128(lo, hi);
    }

    private static V128 i32s(int a, int b, int c, int d) {
        return new V128((a & 0xFFFFFFFFL) | ((long) b << 32), (c & 0xFFFFFFFFL) | ((long) d << 32));
    }

    private static V128 f32s(float a, float b, float c, float d) {
        return i32s(Float.floatToRawIntBits(a), Float.floatToRawIntBits(b), Float.floatToRawIntBits(c),
                Float.floatToRawIntBits(d));
    }

    private static V128 f64s(double a, double b) {
        return new V128(Double.doubleToRawLongBits(a), Double.doubleToRawLongBits(b));
    }

    private static int sat(int v, int min, int max) {
        return v < min ? min : v > max ? max : v;
    }

    // ---------------------------------------------------------------- memory

    /** The effective address of a {@code size}-byte access, checked so that it traps whole or not at all. */
    private static int ea(int addr, int offset, int size, byte[] m) {
        return Objects.checkFromIndexSize(Memory.ea(addr, offset), size, m.length);
    }

    public static V128 v128Load(int addr, int offset, byte[] m) {
        int ea = ea(addr, offset, 16, m);
        return new V128((long) I64.get(m, ea), (long) I64.get(m, ea + 8));
    }

    public static void v128Store(int addr, V128 v, int offset, byte[] m) {
        int ea = ea(addr, offset, 16, m);
        I64.set(m, ea, v.low);
        I64.set(m, ea + 8, v.high);
    }

    private static long load64(int addr, int offset, byte[] m) {
        return (long) I64.get(m, ea(addr, offset, 8, m));
    }

    public static V128 v128Load8x8S(int addr, int offset, byte[] m) {
        return i16x8ExtendLowI8x16S(new V128(load64(addr, offset, m), 0));
    }

    public static V128 v128Load8x8U(int addr, int offset, byte[] m) {
        return i16x8ExtendLowI8x16U(new V128(load64(addr, offset, m), 0));
    }

    public static V128 v128Load16x4S(int addr, int offset, byte[] m) {
        return i32x4ExtendLowI16x8S(new V128(load64(addr, offset, m), 0));
    }

    public static V128 v128Load16x4U(int addr, int offset, byte[] m) {
        return i32x4ExtendLowI16x8U(new V128(load64(addr, offset, m), 0));
    }

    public static V128 v128Load32x2S(int addr, int offset, byte[] m) {
        return i64x2ExtendLowI32x4S(new V128(load64(addr, offset, m), 0));
    }

    public static V128 v128Load32x2U(int addr, int offset, byte[] m) {
        return i64x2ExtendLowI32x4U(new V128(load64(addr, offset, m), 0));
    }

    public static V128 v128Load8Splat(int addr, int offset, byte[] m) {
        return i8x16Splat(m[Memory.ea(addr, offset)]);
    }

    public static V128 v128Load16Splat(int addr, int offset, byte[] m) {
        return i16x8Splat((short) I16.get(m, ea(addr, offset, 2, m)));
    }

    public static V128 v128Load32Splat(int addr, int offset, byte[] m) {
        return i32x4Splat((int) I32.get(m, ea(addr, offset, 4, m)));
    }

    public static V128 v128Load64Splat(int addr, int offset, byte[] m) {
        long v = load64(addr, offset, m);
        return new V128(v, v);
    }

    public static V128 v128Load32Zero(int addr, int offset, byte[] m) {
        return new V128((int) I32.get(m, ea(addr, offset, 4, m)) & 0xFFFFFFFFL, 0);
    }

    public static V128 v128Load64Zero(int addr, int offset, byte[] m) {
        return new V128(load64(addr, offset, m), 0);
    }

    public static V128 v128Load8Lane(int addr, V128 v, int lane, int offset, byte[] m) {
        return i8x16ReplaceLane(v, m[Memory.ea(addr, offset)], lane);
    }

    public static V128 v128Load16Lane(int addr, V128 v, int lane, int offset, byte[] m) {
        return i16x8ReplaceLane(v, (short) I16.get(m, ea(addr, offset, 2, m)), lane);
    }

    public static V128 v128Load32Lane(int addr, V128 v, int lane, int offset, byte[] m) {
        return i32x4ReplaceLane(v, (int) I32.get(m, ea(addr, offset, 4, m)), lane);
    }

    public static V128 v128Load64Lane(int addr, V128 v, int lane, int offset, byte[] m) {
        return i64x2ReplaceLane(v, load64(addr, offset, m), lane);
    }

    public static void v128Store8Lane(int addr, V128 v, int lane, int offset, byte[] m) {
        m[Memory.ea(addr, offset)] = (byte) v.i8(lane);
    }

    public static void v128Store16Lane(int addr, V128 v, int lane, int offset, byte[] m) {
        I16.set(m, ea(addr, offset, 2, m), (short) v.i16(lane));
    }

    public static void v128Store32Lane(int addr, V128 v, int lane, int offset, byte[] m) {
        I32.set(m, ea(addr, offset, 4, m), v.i32(lane));
    }

    public static void v128Store64Lane(int addr, V128 v, int lane, int offset, byte[] m) {
        I64.set(m, ea(addr, offset, 8, m), v.i64(lane));
    }

    // ---------------------------------------------------------------- shuffles, splats, lanes

    public static V128 i8x16Swizzle(V128 a, V128 s) {
        return new V128(swizzle8(a, s.low), swizzle8(a, s.high));
    }

    /** Eight result bytes of a swizzle: indices of 16 or more select zero. */
    private static long swizzle8(V128 a, long lanes) {
        long r = 0;
        for (int i = 0; i < 8; i++) {
            int sel = (int) (lanes >>> (8 * i)) & 0xFF;
            if (sel < 16) {
                long half = sel < 8 ? a.low : a.high;
                r |= ((half >>> (8 * (sel & 7))) & 0xFF) << (8 * i);
            }
        }
        return r;
    }

    public static V128 i8x16Splat(int x) {
        long v = (x & 0xFFL) * 0x0101010101010101L;
        return new V128(v, v);
    }

    public static V128 i16x8Splat(int x) {
        long v = (x & 0xFFFFL) * 0x0001000100010001L;
        return new V128(v, v);
    }

    public static V128 i32x4Splat(int x) {
        long v = (x & 0xFFFFFFFFL) * 0x0000000100000001L;
        return new V128(v, v);
    }

    public static V128 i64x2Splat(long x) {
        return new V128(x, x);
    }

    public static V128 f32x4Splat(float x) {
        return i32x4Splat(Float.floatToRawIntBits(x));
    }

    public static V128 f64x2Splat(double x) {
        return i64x2Splat(Double.doubleToRawLongBits(x));
    }

    public static int i8x16ExtractLaneS(V128 v, int lane) {
        return v.i8(lane);
    }

    public static int i8x16ExtractLaneU(V128 v, int lane) {
        return v.i8(lane) & 0xFF;
    }

    public static int i16x8ExtractLaneS(V128 v, int lane) {
        return v.i16(lane);
    }

    public static int i16x8ExtractLaneU(V128 v, int lane) {
        return v.i16(lane) & 0xFFFF;
    }

    public static int i32x4ExtractLane(V128 v, int lane) {
        return v.i32(lane);
    }

    public static long i64x2ExtractLane(V128 v, int lane) {
        return v.i64(lane);
    }

    public static float f32x4ExtractLane(V128 v, int lane) {
        return v.f32(lane);
    }

    public static double f64x2ExtractLane(V128 v, int lane) {
        return v.f64(lane);
    }

    // The lane is a constant of the compiled code: once inlined, the branch and shifts fold away.

    public static V128 i8x16ReplaceLane(V128 v, int x, int lane) {
        int bit = 8 * (lane & 7);
        long mask = 0xFFL << bit;
        long bits = (x & 0xFFL) << bit;
        return lane < 8 ? new V128((v.low & ~mask) | bits, v.high) : new V128(v.low, (v.high & ~mask) | bits);
    }

    public static V128 i16x8ReplaceLane(V128 v, int x, int lane) {
        int bit = 16 * (lane & 3);
        long mask = 0xFFFFL << bit;
        long bits = (x & 0xFFFFL) << bit;
        return lane < 4 ? new V128((v.low & ~mask) | bits, v.high) : new V128(v.low, (v.high & ~mask) | bits);
    }

    public static V128 i32x4ReplaceLane(V128 v, int x, int lane) {
        int bit = 32 * (lane & 1);
        long mask = 0xFFFFFFFFL << bit;
        long bits = (x & 0xFFFFFFFFL) << bit;
        return lane < 2 ? new V128((v.low & ~mask) | bits, v.high) : new V128(v.low, (v.high & ~mask) | bits);
    }

    public static V128 i64x2ReplaceLane(V128 v, long x, int lane) {
        return lane == 0 ? new V128(x, v.high) : new V128(v.low, x);
    }

    public static V128 f32x4ReplaceLane(V128 v, float x, int lane) {
        return i32x4ReplaceLane(v, Float.floatToRawIntBits(x), lane);
    }

    public static V128 f64x2ReplaceLane(V128 v, double x, int lane) {
        return i64x2ReplaceLane(v, Double.doubleToRawLongBits(x), lane);
    }

    // ---------------------------------------------------------------- comparisons

    private static final IntBinaryOperator EQ = (a, b) -> a == b ? -1 : 0;
    private static final IntBinaryOperator NE = (a, b) -> a != b ? -1 : 0;
    private static final IntBinaryOperator LT_S = (a, b) -> a < b ? -1 : 0;
    private static final IntBinaryOperator GT_S = (a, b) -> a > b ? -1 : 0;
    private static final IntBinaryOperator LE_S = (a, b) -> a <= b ? -1 : 0;
    private static final IntBinaryOperator GE_S = (a, b) -> a >= b ? -1 : 0;
    private static final IntBinaryOperator LT_U = (a, b) -> Integer.compareUnsigned(a, b) < 0 ? -1 : 0;
    private static final IntBinaryOperator GT_U = (a, b) -> Integer.compareUnsigned(a, b) > 0 ? -1 : 0;
    private static final IntBinaryOperator LE_U = (a, b) -> Integer.compareUnsigned(a, b) <= 0 ? -1 : 0;
    private static final IntBinaryOperator GE_U = (a, b) -> Integer.compareUnsigned(a, b) >= 0 ? -1 : 0;
    // Narrow lanes arrive sign-extended; unsigned order on them is unsigned order on the lane bits
    // once both are masked, which these do by the lane width.
    private static final IntBinaryOperator LT_U8 = (a, b) -> (a & 0xFF) < (b & 0xFF) ? -1 : 0;
    private static final IntBinaryOperator GT_U8 = (a, b) -> (a & 0xFF) > (b & 0xFF) ? -1 : 0;
    private static final IntBinaryOperator LE_U8 = (a, b) -> (a & 0xFF) <= (b & 0xFF) ? -1 : 0;
    private static final IntBinaryOperator GE_U8 = (a, b) -> (a & 0xFF) >= (b & 0xFF) ? -1 : 0;
    private static final IntBinaryOperator LT_U16 = (a, b) -> (a & 0xFFFF) < (b & 0xFFFF) ? -1 : 0;
    private static final IntBinaryOperator GT_U16 = (a, b) -> (a & 0xFFFF) > (b & 0xFFFF) ? -1 : 0;
    private static final IntBinaryOperator LE_U16 = (a, b) -> (a & 0xFFFF) <= (b & 0xFFFF) ? -1 : 0;
    private static final IntBinaryOperator GE_U16 = (a, b) -> (a & 0xFFFF) >= (b & 0xFFFF) ? -1 : 0;

    public static V128 i8x16Eq(V128 a, V128 b) { return map8(a, b, EQ); }
    public static V128 i8x16Ne(V128 a, V128 b) { return map8(a, b, NE); }
    public static V128 i8x16LtS(V128 a, V128 b) { return map8(a, b, LT_S); }
    public static V128 i8x16LtU(V128 a, V128 b) { return map8(a, b, LT_U8); }
    public static V128 i8x16GtS(V128 a, V128 b) { return map8(a, b, GT_S); }
    public static V128 i8x16GtU(V128 a, V128 b) { return map8(a, b, GT_U8); }
    public static V128 i8x16LeS(V128 a, V128 b) { return map8(a, b, LE_S); }
    public static V128 i8x16LeU(V128 a, V128 b) { return map8(a, b, LE_U8); }
    public static V128 i8x16GeS(V128 a, V128 b) { return map8(a, b, GE_S); }
    public static V128 i8x16GeU(V128 a, V128 b) { return map8(a, b, GE_U8); }

    public static V128 i16x8Eq(V128 a, V128 b) { return map16(a, b, EQ); }
    public static V128 i16x8Ne(V128 a, V128 b) { return map16(a, b, NE); }
    public static V128 i16x8LtS(V128 a, V128 b) { return map16(a, b, LT_S); }
    public static V128 i16x8LtU(V128 a, V128 b) { return map16(a, b, LT_U16); }
    public static V128 i16x8GtS(V128 a, V128 b) { return map16(a, b, GT_S); }
    public static V128 i16x8GtU(V128 a, V128 b) { return map16(a, b, GT_U16); }
    public static V128 i16x8LeS(V128 a, V128 b) { return map16(a, b, LE_S); }
    public static V128 i16x8LeU(V128 a, V128 b) { return map16(a, b, LE_U16); }
    public static V128 i16x8GeS(V128 a, V128 b) { return map16(a, b, GE_S); }
    public static V128 i16x8GeU(V128 a, V128 b) { return map16(a, b, GE_U16); }

    public static V128 i32x4Eq(V128 a, V128 b) { return map32(a, b, EQ); }
    public static V128 i32x4Ne(V128 a, V128 b) { return map32(a, b, NE); }
    public static V128 i32x4LtS(V128 a, V128 b) { return map32(a, b, LT_S); }
    public static V128 i32x4LtU(V128 a, V128 b) { return map32(a, b, LT_U); }
    public static V128 i32x4GtS(V128 a, V128 b) { return map32(a, b, GT_S); }
    public static V128 i32x4GtU(V128 a, V128 b) { return map32(a, b, GT_U); }
    public static V128 i32x4LeS(V128 a, V128 b) { return map32(a, b, LE_S); }
    public static V128 i32x4LeU(V128 a, V128 b) { return map32(a, b, LE_U); }
    public static V128 i32x4GeS(V128 a, V128 b) { return map32(a, b, GE_S); }
    public static V128 i32x4GeU(V128 a, V128 b) { return map32(a, b, GE_U); }

    public static V128 i64x2Eq(V128 a, V128 b) { return map64(a, b, (x, y) -> x == y ? -1L : 0L); }
    public static V128 i64x2Ne(V128 a, V128 b) { return map64(a, b, (x, y) -> x != y ? -1L : 0L); }
    public static V128 i64x2LtS(V128 a, V128 b) { return map64(a, b, (x, y) -> x < y ? -1L : 0L); }
    public static V128 i64x2GtS(V128 a, V128 b) { return map64(a, b, (x, y) -> x > y ? -1L : 0L); }
    public static V128 i64x2LeS(V128 a, V128 b) { return map64(a, b, (x, y) -> x <= y ? -1L : 0L); }
    public static V128 i64x2GeS(V128 a, V128 b) { return map64(a, b, (x, y) -> x >= y ? -1L : 0L); }

    public static V128 f32x4Eq(V128 a, V128 b) { return testF32(a, b, (x, y) -> x == y); }
    public static V128 f32x4Ne(V128 a, V128 b) { return testF32(a, b, (x, y) -> x != y); }
    public static V128 f32x4Lt(V128 a, V128 b) { return testF32(a, b, (x, y) -> x < y); }
    public static V128 f32x4Gt(V128 a, V128 b) { return testF32(a, b, (x, y) -> x > y); }
    public static V128 f32x4Le(V128 a, V128 b) { return testF32(a, b, (x, y) -> x <= y); }
    public static V128 f32x4Ge(V128 a, V128 b) { return testF32(a, b, (x, y) -> x >= y); }

    public static V128 f64x2Eq(V128 a, V128 b) { return testF64(a, b, (x, y) -> x == y); }
    public static V128 f64x2Ne(V128 a, V128 b) { return testF64(a, b, (x, y) -> x != y); }
    public static V128 f64x2Lt(V128 a, V128 b) { return testF64(a, b, (x, y) -> x < y); }
    public static V128 f64x2Gt(V128 a, V128 b) { return testF64(a, b, (x, y) -> x > y); }
    public static V128 f64x2Le(V128 a, V128 b) { return testF64(a, b, (x, y) -> x <= y); }
    public static V128 f64x2Ge(V128 a, V128 b) { return testF64(a, b, (x, y) -> x >= y); }

    // ---------------------------------------------------------------- bitwise

    public static V128 v128Not(V128 a) {
        return new V128(~a.low, ~a.high);
    }

    public static V128 v128And(V128 a, V128 b) {
        return new V128(a.low & b.low, a.high & b.high);
    }

    public static V128 v128Andnot(V128 a, V128 b) {
        return new V128(a.low & ~b.low, a.high & ~b.high);
    }

    public static V128 v128Or(V128 a, V128 b) {
        return new V128(a.low | b.low, a.high | b.high);
    }

    public static V128 v128Xor(V128 a, V128 b) {
        return new V128(a.low ^ b.low, a.high ^ b.high);
    }

    public static V128 v128Bitselect(V128 a, V128 b, V128 c) {
        return new V128((a.low & c.low) | (b.low & ~c.low), (a.high & c.high) | (b.high & ~c.high));
    }

    public static int v128AnyTrue(V128 a) {
        return (a.low | a.high) != 0 ? 1 : 0;
    }

    // ---------------------------------------------------------------- i8x16

    public static V128 i8x16Abs(V128 a) { return map8(a, x -> x < 0 ? -x : x); }
    public static V128 i8x16Neg(V128 a) { return map8(a, x -> -x); }
    public static V128 i8x16Popcnt(V128 a) { return map8(a, x -> Integer.bitCount(x & 0xFF)); }

    public static int i8x16AllTrue(V128 a) {
        for (int i = 0; i < 16; i++) {
            if (a.i8(i) == 0) {
                return 0;
            }
        }
        return 1;
    }

    public static int i8x16Bitmask(V128 a) {
        int r = 0;
        for (int i = 0; i < 16; i++) {
            r |= (a.i8(i) >>> 31) << i;
        }
        return r;
    }

    public static V128 i8x16NarrowI16x8S(V128 a, V128 b) {
        int[] r = new int[16];
        for (int i = 0; i < 8; i++) {
            r[i] = sat(a.i16(i), -128, 127);
            r[i + 8] = sat(b.i16(i), -128, 127);
        }
        return i8s(r);
    }

    public static V128 i8x16NarrowI16x8U(V128 a, V128 b) {
        int[] r = new int[16];
        for (int i = 0; i < 8; i++) {
            r[i] = sat(a.i16(i), 0, 255);
            r[i + 8] = sat(b.i16(i), 0, 255);
        }
        return i8s(r);
    }

    // Shifts, adds and subtracts work on whole longs (lanes side by side in a register), masking
    // off the bits that would cross into the neighbouring lane.
    private static final long LANES8 = 0x0101010101010101L;
    private static final long LANES16 = 0x0001000100010001L;
    private static final long LANES32 = 0x0000000100000001L;

    private static long shl(long x, int n, long laneMask, long ones) {
        return (x << n) & (((laneMask << n) & laneMask) * ones);
    }

    private static long shrU(long x, int n, long laneMask, long ones) {
        return (x >>> n) & ((laneMask >>> n) * ones);
    }

    /** Arithmetic shift: the logical shift plus the sign bits of negative lanes copied in from the top. */
    private static long shrS(long x, int n, int bits, long ones) {
        long laneMask = bits == 64 ? -1L : (1L << bits) - 1;
        long logical = shrU(x, n, laneMask, ones);
        long signs = (x >>> (bits - 1)) & ones;
        long fill = ((laneMask >>> n) ^ laneMask) * signs;
        return logical | fill;
    }

    private static long add(long x, long y, long high) {
        return ((x & ~high) + (y & ~high)) ^ ((x ^ y) & high);
    }

    private static long sub(long x, long y, long high) {
        return ((x | high) - (y & ~high)) ^ ((x ^ ~y) & high);
    }

    public static V128 i8x16Shl(V128 a, int s) {
        int n = s & 7;
        return new V128(shl(a.low, n, 0xFF, LANES8), shl(a.high, n, 0xFF, LANES8));
    }

    public static V128 i8x16ShrS(V128 a, int s) {
        int n = s & 7;
        return new V128(shrS(a.low, n, 8, LANES8), shrS(a.high, n, 8, LANES8));
    }

    public static V128 i8x16ShrU(V128 a, int s) {
        int n = s & 7;
        return new V128(shrU(a.low, n, 0xFF, LANES8), shrU(a.high, n, 0xFF, LANES8));
    }

    public static V128 i8x16Add(V128 a, V128 b) {
        return new V128(add(a.low, b.low, 0x80 * LANES8), add(a.high, b.high, 0x80 * LANES8));
    }
    public static V128 i8x16AddSatS(V128 a, V128 b) { return map8(a, b, (x, y) -> sat(x + y, -128, 127)); }
    public static V128 i8x16AddSatU(V128 a, V128 b) { return map8(a, b, (x, y) -> Math.min((x & 0xFF) + (y & 0xFF), 255)); }
    public static V128 i8x16Sub(V128 a, V128 b) {
        return new V128(sub(a.low, b.low, 0x80 * LANES8), sub(a.high, b.high, 0x80 * LANES8));
    }

    public static V128 i8x16SubSatS(V128 a, V128 b) { return map8(a, b, (x, y) -> sat(x - y, -128, 127)); }
    public static V128 i8x16SubSatU(V128 a, V128 b) { return map8(a, b, (x, y) -> Math.max((x & 0xFF) - (y & 0xFF), 0)); }
    public static V128 i8x16MinS(V128 a, V128 b) { return map8(a, b, Math::min); }
    public static V128 i8x16MinU(V128 a, V128 b) { return map8(a, b, (x, y) -> Math.min(x & 0xFF, y & 0xFF)); }
    public static V128 i8x16MaxS(V128 a, V128 b) { return map8(a, b, Math::max); }
    public static V128 i8x16MaxU(V128 a, V128 b) { return map8(a, b, (x, y) -> Math.max(x & 0xFF, y & 0xFF)); }
    public static V128 i8x16AvgrU(V128 a, V128 b) { return map8(a, b, (x, y) -> ((x & 0xFF) + (y & 0xFF) + 1) >>> 1); }

    // ---------------------------------------------------------------- i16x8

    public static V128 i16x8ExtaddPairwiseI8x16S(V128 a) {
        int[] r = new int[8];
        for (int i = 0; i < 8; i++) {
            r[i] = a.i8(2 * i) + a.i8(2 * i + 1);
        }
        return i16s(r);
    }

    public static V128 i16x8ExtaddPairwiseI8x16U(V128 a) {
        int[] r = new int[8];
        for (int i = 0; i < 8; i++) {
            r[i] = (a.i8(2 * i) & 0xFF) + (a.i8(2 * i + 1) & 0xFF);
        }
        return i16s(r);
    }

    public static V128 i16x8Abs(V128 a) { return map16(a, x -> x < 0 ? -x : x); }
    public static V128 i16x8Neg(V128 a) { return map16(a, x -> -x); }

    public static V128 i16x8Q15mulrSatS(V128 a, V128 b) {
        return map16(a, b, (x, y) -> sat((x * y + 0x4000) >> 15, -32768, 32767));
    }

    public static int i16x8AllTrue(V128 a) {
        for (int i = 0; i < 8; i++) {
            if (a.i16(i) == 0) {
                return 0;
            }
        }
        return 1;
    }

    public static int i16x8Bitmask(V128 a) {
        int r = 0;
        for (int i = 0; i < 8; i++) {
            r |= (a.i16(i) >>> 31) << i;
        }
        return r;
    }

    public static V128 i16x8NarrowI32x4S(V128 a, V128 b) {
        int[] r = new int[8];
        for (int i = 0; i < 4; i++) {
            r[i] = sat(a.i32(i), -32768, 32767);
            r[i + 4] = sat(b.i32(i), -32768, 32767);
        }
        return i16s(r);
    }

    public static V128 i16x8NarrowI32x4U(V128 a, V128 b) {
        int[] r = new int[8];
        for (int i = 0; i < 4; i++) {
            r[i] = sat(a.i32(i), 0, 65535);
            r[i + 4] = sat(b.i32(i), 0, 65535);
        }
        return i16s(r);
    }

    private static V128 extend8to16(V128 a, int from, boolean signed) {
        int[] r = new int[8];
        for (int i = 0; i < 8; i++) {
            int x = a.i8(from + i);
            r[i] = signed ? x : x & 0xFF;
        }
        return i16s(r);
    }

    public static V128 i16x8ExtendLowI8x16S(V128 a) { return extend8to16(a, 0, true); }
    public static V128 i16x8ExtendHighI8x16S(V128 a) { return extend8to16(a, 8, true); }
    public static V128 i16x8ExtendLowI8x16U(V128 a) { return extend8to16(a, 0, false); }
    public static V128 i16x8ExtendHighI8x16U(V128 a) { return extend8to16(a, 8, false); }

    public static V128 i16x8Shl(V128 a, int s) {
        int n = s & 15;
        return new V128(shl(a.low, n, 0xFFFF, LANES16), shl(a.high, n, 0xFFFF, LANES16));
    }

    public static V128 i16x8ShrS(V128 a, int s) {
        int n = s & 15;
        return new V128(shrS(a.low, n, 16, LANES16), shrS(a.high, n, 16, LANES16));
    }

    public static V128 i16x8ShrU(V128 a, int s) {
        int n = s & 15;
        return new V128(shrU(a.low, n, 0xFFFF, LANES16), shrU(a.high, n, 0xFFFF, LANES16));
    }

    public static V128 i16x8Add(V128 a, V128 b) {
        return new V128(add(a.low, b.low, 0x8000 * LANES16), add(a.high, b.high, 0x8000 * LANES16));
    }

    public static V128 i16x8AddSatS(V128 a, V128 b) { return map16(a, b, (x, y) -> sat(x + y, -32768, 32767)); }
    public static V128 i16x8AddSatU(V128 a, V128 b) { return map16(a, b, (x, y) -> Math.min((x & 0xFFFF) + (y & 0xFFFF), 65535)); }
    public static V128 i16x8Sub(V128 a, V128 b) {
        return new V128(sub(a.low, b.low, 0x8000 * LANES16), sub(a.high, b.high, 0x8000 * LANES16));
    }

    public static V128 i16x8SubSatS(V128 a, V128 b) { return map16(a, b, (x, y) -> sat(x - y, -32768, 32767)); }
    public static V128 i16x8SubSatU(V128 a, V128 b) { return map16(a, b, (x, y) -> Math.max((x & 0xFFFF) - (y & 0xFFFF), 0)); }
    public static V128 i16x8Mul(V128 a, V128 b) { return map16(a, b, (x, y) -> x * y); }
    public static V128 i16x8MinS(V128 a, V128 b) { return map16(a, b, Math::min); }
    public static V128 i16x8MinU(V128 a, V128 b) { return map16(a, b, (x, y) -> Math.min(x & 0xFFFF, y & 0xFFFF)); }
    public static V128 i16x8MaxS(V128 a, V128 b) { return map16(a, b, Math::max); }
    public static V128 i16x8MaxU(V128 a, V128 b) { return map16(a, b, (x, y) -> Math.max(x & 0xFFFF, y & 0xFFFF)); }
    public static V128 i16x8AvgrU(V128 a, V128 b) { return map16(a, b, (x, y) -> ((x & 0xFFFF) + (y & 0xFFFF) + 1) >>> 1); }

    private static V128 extmul8to16(V128 a, V128 b, int from, boolean signed) {
        int[] r = new int[8];
        for (int i = 0; i < 8; i++) {
            int x = a.i8(from + i);
            int y = b.i8(from + i);
            r[i] = signed ? x * y : (x & 0xFF) * (y & 0xFF);
        }
        return i16s(r);
    }

    public static V128 i16x8ExtmulLowI8x16S(V128 a, V128 b) { return extmul8to16(a, b, 0, true); }
    public static V128 i16x8ExtmulHighI8x16S(V128 a, V128 b) { return extmul8to16(a, b, 8, true); }
    public static V128 i16x8ExtmulLowI8x16U(V128 a, V128 b) { return extmul8to16(a, b, 0, false); }
    public static V128 i16x8ExtmulHighI8x16U(V128 a, V128 b) { return extmul8to16(a, b, 8, false); }

    // ---------------------------------------------------------------- i32x4

    public static V128 i32x4ExtaddPairwiseI16x8S(V128 a) {
        return i32s(a.i16(0) + a.i16(1), a.i16(2) + a.i16(3), a.i16(4) + a.i16(5), a.i16(6) + a.i16(7));
    }

    public static V128 i32x4ExtaddPairwiseI16x8U(V128 a) {
        int[] r = new int[4];
        for (int i = 0; i < 4; i++) {
            r[i] = (a.i16(2 * i) & 0xFFFF) + (a.i16(2 * i + 1) & 0xFFFF);
        }
        return i32s(r[0], r[1], r[2], r[3]);
    }

    public static V128 i32x4Abs(V128 a) { return map32(a, x -> x < 0 ? -x : x); }
    public static V128 i32x4Neg(V128 a) { return map32(a, x -> -x); }

    public static int i32x4AllTrue(V128 a) {
        return a.i32(0) != 0 && a.i32(1) != 0 && a.i32(2) != 0 && a.i32(3) != 0 ? 1 : 0;
    }

    public static int i32x4Bitmask(V128 a) {
        return (a.i32(0) >>> 31) | (a.i32(1) >>> 31) << 1 | (a.i32(2) >>> 31) << 2 | (a.i32(3) >>> 31) << 3;
    }

    private static V128 extend16to32(V128 a, int from, boolean signed) {
        int m = signed ? -1 : 0xFFFF;
        return i32s(a.i16(from) & m, a.i16(from + 1) & m, a.i16(from + 2) & m, a.i16(from + 3) & m);
    }

    public static V128 i32x4ExtendLowI16x8S(V128 a) { return extend16to32(a, 0, true); }
    public static V128 i32x4ExtendHighI16x8S(V128 a) { return extend16to32(a, 4, true); }
    public static V128 i32x4ExtendLowI16x8U(V128 a) { return extend16to32(a, 0, false); }
    public static V128 i32x4ExtendHighI16x8U(V128 a) { return extend16to32(a, 4, false); }

    public static V128 i32x4Shl(V128 a, int s) {
        int n = s & 31;
        return new V128(shl(a.low, n, 0xFFFFFFFFL, LANES32), shl(a.high, n, 0xFFFFFFFFL, LANES32));
    }

    public static V128 i32x4ShrS(V128 a, int s) {
        int n = s & 31;
        return i32s(a.i32(0) >> n, a.i32(1) >> n, a.i32(2) >> n, a.i32(3) >> n);
    }

    public static V128 i32x4ShrU(V128 a, int s) {
        int n = s & 31;
        return new V128(shrU(a.low, n, 0xFFFFFFFFL, LANES32), shrU(a.high, n, 0xFFFFFFFFL, LANES32));
    }

    public static V128 i32x4Add(V128 a, V128 b) {
        return new V128(add(a.low, b.low, 0x80000000L * LANES32), add(a.high, b.high, 0x80000000L * LANES32));
    }

    public static V128 i32x4Sub(V128 a, V128 b) {
        return new V128(sub(a.low, b.low, 0x80000000L * LANES32), sub(a.high, b.high, 0x80000000L * LANES32));
    }

    public static V128 i32x4Mul(V128 a, V128 b) { return map32(a, b, (x, y) -> x * y); }
    public static V128 i32x4MinS(V128 a, V128 b) { return map32(a, b, Math::min); }
    public static V128 i32x4MinU(V128 a, V128 b) { return map32(a, b, (x, y) -> Integer.compareUnsigned(x, y) <= 0 ? x : y); }
    public static V128 i32x4MaxS(V128 a, V128 b) { return map32(a, b, Math::max); }
    public static V128 i32x4MaxU(V128 a, V128 b) { return map32(a, b, (x, y) -> Integer.compareUnsigned(x, y) >= 0 ? x : y); }

    public static V128 i32x4DotI16x8S(V128 a, V128 b) {
        int[] r = new int[4];
        for (int i = 0; i < 4; i++) {
            r[i] = a.i16(2 * i) * b.i16(2 * i) + a.i16(2 * i + 1) * b.i16(2 * i + 1);
        }
        return i32s(r[0], r[1], r[2], r[3]);
    }

    private static V128 extmul16to32(V128 a, V128 b, int from, boolean signed) {
        int m = signed ? -1 : 0xFFFF;
        int[] r = new int[4];
        for (int i = 0; i < 4; i++) {
            r[i] = (a.i16(from + i) & m) * (b.i16(from + i) & m);
        }
        return i32s(r[0], r[1], r[2], r[3]);
    }

    public static V128 i32x4ExtmulLowI16x8S(V128 a, V128 b) { return extmul16to32(a, b, 0, true); }
    public static V128 i32x4ExtmulHighI16x8S(V128 a, V128 b) { return extmul16to32(a, b, 4, true); }
    public static V128 i32x4ExtmulLowI16x8U(V128 a, V128 b) { return extmul16to32(a, b, 0, false); }
    public static V128 i32x4ExtmulHighI16x8U(V128 a, V128 b) { return extmul16to32(a, b, 4, false); }

    // ---------------------------------------------------------------- i64x2

    public static V128 i64x2Abs(V128 a) { return map64(a, Math::abs); }
    public static V128 i64x2Neg(V128 a) { return map64(a, x -> -x); }

    public static int i64x2AllTrue(V128 a) {
        return a.low != 0 && a.high != 0 ? 1 : 0;
    }

    public static int i64x2Bitmask(V128 a) {
        return (int) (a.low >>> 63) | (int) (a.high >>> 63) << 1;
    }

    public static V128 i64x2ExtendLowI32x4S(V128 a) { return new V128(a.i32(0), a.i32(1)); }
    public static V128 i64x2ExtendHighI32x4S(V128 a) { return new V128(a.i32(2), a.i32(3)); }
    public static V128 i64x2ExtendLowI32x4U(V128 a) { return new V128(a.i32(0) & 0xFFFFFFFFL, a.i32(1) & 0xFFFFFFFFL); }
    public static V128 i64x2ExtendHighI32x4U(V128 a) { return new V128(a.i32(2) & 0xFFFFFFFFL, a.i32(3) & 0xFFFFFFFFL); }

    public static V128 i64x2Shl(V128 a, int s) { return new V128(a.low << s, a.high << s); }
    public static V128 i64x2ShrS(V128 a, int s) { return new V128(a.low >> s, a.high >> s); }
    public static V128 i64x2ShrU(V128 a, int s) { return new V128(a.low >>> s, a.high >>> s); }
    public static V128 i64x2Add(V128 a, V128 b) { return new V128(a.low + b.low, a.high + b.high); }
    public static V128 i64x2Sub(V128 a, V128 b) { return new V128(a.low - b.low, a.high - b.high); }
    public static V128 i64x2Mul(V128 a, V128 b) { return new V128(a.low * b.low, a.high * b.high); }

    private static V128 extmul32to64(V128 a, V128 b, int from, boolean signed) {
        long m = signed ? -1L : 0xFFFFFFFFL;
        return new V128((a.i32(from) & m) * (b.i32(from) & m), (a.i32(from + 1) & m) * (b.i32(from + 1) & m));
    }

    public static V128 i64x2ExtmulLowI32x4S(V128 a, V128 b) { return extmul32to64(a, b, 0, true); }
    public static V128 i64x2ExtmulHighI32x4S(V128 a, V128 b) { return extmul32to64(a, b, 2, true); }
    public static V128 i64x2ExtmulLowI32x4U(V128 a, V128 b) { return extmul32to64(a, b, 0, false); }
    public static V128 i64x2ExtmulHighI32x4U(V128 a, V128 b) { return extmul32to64(a, b, 2, false); }

    // ---------------------------------------------------------------- f32x4

    // abs and neg only touch the sign bit, NaN payloads included.
    public static V128 f32x4Abs(V128 a) { return new V128(a.low & 0x7FFFFFFF7FFFFFFFL, a.high & 0x7FFFFFFF7FFFFFFFL); }
    public static V128 f32x4Neg(V128 a) { return new V128(a.low ^ 0x8000000080000000L, a.high ^ 0x8000000080000000L); }
    public static V128 f32x4Sqrt(V128 a) { return mapF32(a, Numerics::sqrt); }
    public static V128 f32x4Ceil(V128 a) { return mapF32(a, Numerics::ceil); }
    public static V128 f32x4Floor(V128 a) { return mapF32(a, Numerics::floor); }
    public static V128 f32x4Trunc(V128 a) { return mapF32(a, Numerics::trunc); }
    public static V128 f32x4Nearest(V128 a) { return mapF32(a, Numerics::nearest); }
    public static V128 f32x4Add(V128 a, V128 b) { return mapF32(a, b, (x, y) -> x + y); }
    public static V128 f32x4Sub(V128 a, V128 b) { return mapF32(a, b, (x, y) -> x - y); }
    public static V128 f32x4Mul(V128 a, V128 b) { return mapF32(a, b, (x, y) -> x * y); }
    public static V128 f32x4Div(V128 a, V128 b) { return mapF32(a, b, (x, y) -> x / y); }
    public static V128 f32x4Min(V128 a, V128 b) { return mapF32(a, b, Numerics::min); }
    public static V128 f32x4Max(V128 a, V128 b) { return mapF32(a, b, Numerics::max); }
    // pmin and pmax are the spec's "pseudo" forms: b < a ? b : a, with no NaN or zero rules.
    public static V128 f32x4Pmin(V128 a, V128 b) { return pick32(a, b, (x, y) -> y < x); }
    public static V128 f32x4Pmax(V128 a, V128 b) { return pick32(a, b, (x, y) -> x < y); }

    /** Per lane: b's bits where {@code takeB}, else a's (bit patterns kept, NaNs included). */
    private static V128 pick32(V128 a, V128 b, F32Test takeB) {
        int[] r = new int[4];
        for (int i = 0; i < 4; i++) {
            r[i] = takeB.test(a.f32(i), b.f32(i)) ? b.i32(i) : a.i32(i);
        }
        return i32s(r[0], r[1], r[2], r[3]);
    }

    public static V128 f32x4DemoteF64x2Zero(V128 a) {
        return f32s((float) a.f64(0), (float) a.f64(1), 0f, 0f);
    }

    public static V128 i32x4TruncSatF32x4S(V128 a) {
        return i32s((int) a.f32(0), (int) a.f32(1), (int) a.f32(2), (int) a.f32(3));
    }

    public static V128 i32x4TruncSatF32x4U(V128 a) {
        return i32s(Numerics.i32TruncSatF32U(a.f32(0)), Numerics.i32TruncSatF32U(a.f32(1)),
                Numerics.i32TruncSatF32U(a.f32(2)), Numerics.i32TruncSatF32U(a.f32(3)));
    }

    public static V128 f32x4ConvertI32x4S(V128 a) {
        return f32s(a.i32(0), a.i32(1), a.i32(2), a.i32(3));
    }

    public static V128 f32x4ConvertI32x4U(V128 a) {
        return f32s(Numerics.f32ConvertI32U(a.i32(0)), Numerics.f32ConvertI32U(a.i32(1)),
                Numerics.f32ConvertI32U(a.i32(2)), Numerics.f32ConvertI32U(a.i32(3)));
    }

    // ---------------------------------------------------------------- f64x2

    public static V128 f64x2Abs(V128 a) { return new V128(a.low & Long.MAX_VALUE, a.high & Long.MAX_VALUE); }
    public static V128 f64x2Neg(V128 a) { return new V128(a.low ^ Long.MIN_VALUE, a.high ^ Long.MIN_VALUE); }
    public static V128 f64x2Sqrt(V128 a) { return mapF64(a, Math::sqrt); }
    public static V128 f64x2Ceil(V128 a) { return mapF64(a, Numerics::ceil); }
    public static V128 f64x2Floor(V128 a) { return mapF64(a, Numerics::floor); }
    public static V128 f64x2Trunc(V128 a) { return mapF64(a, Numerics::trunc); }
    public static V128 f64x2Nearest(V128 a) { return mapF64(a, Numerics::nearest); }
    public static V128 f64x2Add(V128 a, V128 b) { return mapF64(a, b, Double::sum); }
    public static V128 f64x2Sub(V128 a, V128 b) { return mapF64(a, b, (x, y) -> x - y); }
    public static V128 f64x2Mul(V128 a, V128 b) { return mapF64(a, b, (x, y) -> x * y); }
    public static V128 f64x2Div(V128 a, V128 b) { return mapF64(a, b, (x, y) -> x / y); }
    public static V128 f64x2Min(V128 a, V128 b) { return mapF64(a, b, Numerics::min); }
    public static V128 f64x2Max(V128 a, V128 b) { return mapF64(a, b, Numerics::max); }
    public static V128 f64x2Pmin(V128 a, V128 b) {
        return new V128(b.f64(0) < a.f64(0) ? b.low : a.low, b.f64(1) < a.f64(1) ? b.high : a.high);
    }
    public static V128 f64x2Pmax(V128 a, V128 b) {
        return new V128(a.f64(0) < b.f64(0) ? b.low : a.low, a.f64(1) < b.f64(1) ? b.high : a.high);
    }

    public static V128 f64x2PromoteLowF32x4(V128 a) {
        return f64s(a.f32(0), a.f32(1));
    }

    public static V128 i32x4TruncSatF64x2SZero(V128 a) {
        return i32s((int) a.f64(0), (int) a.f64(1), 0, 0);
    }

    public static V128 i32x4TruncSatF64x2UZero(V128 a) {
        return i32s(Numerics.i32TruncSatF64U(a.f64(0)), Numerics.i32TruncSatF64U(a.f64(1)), 0, 0);
    }

    public static V128 f64x2ConvertLowI32x4S(V128 a) {
        return f64s(a.i32(0), a.i32(1));
    }

    public static V128 f64x2ConvertLowI32x4U(V128 a) {
        return f64s(a.i32(0) & 0xFFFFFFFFL, a.i32(1) & 0xFFFFFFFFL);
    }

    // ---------------------------------------------------------------- relaxed SIMD

    public static V128 i8x16RelaxedSwizzle(V128 a, V128 s) { return i8x16Swizzle(a, s); }
    public static V128 i32x4RelaxedTruncF32x4S(V128 a) { return i32x4TruncSatF32x4S(a); }
    public static V128 i32x4RelaxedTruncF32x4U(V128 a) { return i32x4TruncSatF32x4U(a); }
    public static V128 i32x4RelaxedTruncF64x2SZero(V128 a) { return i32x4TruncSatF64x2SZero(a); }
    public static V128 i32x4RelaxedTruncF64x2UZero(V128 a) { return i32x4TruncSatF64x2UZero(a); }

    public static V128 f32x4RelaxedMadd(V128 a, V128 b, V128 c) {
        return f32s(a.f32(0) * b.f32(0) + c.f32(0), a.f32(1) * b.f32(1) + c.f32(1),
                a.f32(2) * b.f32(2) + c.f32(2), a.f32(3) * b.f32(3) + c.f32(3));
    }

    public static V128 f32x4RelaxedNmadd(V128 a, V128 b, V128 c) {
        return f32s(-(a.f32(0) * b.f32(0)) + c.f32(0), -(a.f32(1) * b.f32(1)) + c.f32(1),
                -(a.f32(2) * b.f32(2)) + c.f32(2), -(a.f32(3) * b.f32(3)) + c.f32(3));
    }

    public static V128 f64x2RelaxedMadd(V128 a, V128 b, V128 c) {
        return f64s(a.f64(0) * b.f64(0) + c.f64(0), a.f64(1) * b.f64(1) + c.f64(1));
    }

    public static V128 f64x2RelaxedNmadd(V128 a, V128 b, V128 c) {
        return f64s(-(a.f64(0) * b.f64(0)) + c.f64(0), -(a.f64(1) * b.f64(1)) + c.f64(1));
    }

    public static V128 i8x16RelaxedLaneselect(V128 a, V128 b, V128 m) { return v128Bitselect(a, b, m); }
    public static V128 i16x8RelaxedLaneselect(V128 a, V128 b, V128 m) { return v128Bitselect(a, b, m); }
    public static V128 i32x4RelaxedLaneselect(V128 a, V128 b, V128 m) { return v128Bitselect(a, b, m); }
    public static V128 i64x2RelaxedLaneselect(V128 a, V128 b, V128 m) { return v128Bitselect(a, b, m); }
    public static V128 f32x4RelaxedMin(V128 a, V128 b) { return f32x4Min(a, b); }
    public static V128 f32x4RelaxedMax(V128 a, V128 b) { return f32x4Max(a, b); }
    public static V128 f64x2RelaxedMin(V128 a, V128 b) { return f64x2Min(a, b); }
    public static V128 f64x2RelaxedMax(V128 a, V128 b) { return f64x2Max(a, b); }
    public static V128 i16x8RelaxedQ15mulrS(V128 a, V128 b) { return i16x8Q15mulrSatS(a, b); }

    public static V128 i16x8RelaxedDotI8x16I7x16S(V128 a, V128 b) {
        int[] r = new int[8];
        for (int i = 0; i < 8; i++) {
            r[i] = a.i8(2 * i) * b.i8(2 * i) + a.i8(2 * i + 1) * b.i8(2 * i + 1);
        }
        return i16s(r);
    }

    public static V128 i32x4RelaxedDotI8x16I7x16AddS(V128 a, V128 b, V128 c) {
        int[] r = new int[4];
        for (int i = 0; i < 4; i++) {
            int sum = c.i32(i);
            for (int k = 4 * i; k < 4 * i + 4; k++) {
                sum += a.i8(k) * b.i8(k);
            }
            r[i] = sum;
        }
        return i32s(r[0], r[1], r[2], r[3]);
    }
}
