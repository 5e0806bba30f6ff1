package dev.jwt.run;

import dev.jwt.binary.types.MemoryType;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * A linear memory: a byte array of exactly {@code pages * 64 KiB}, replaced by a larger copy on
 * growth (compiled code re-reads {@link #bytes} after every call and grow).
 *
 * <p>The static methods spell out the loads and stores that compiled code performs in place
 * (through {@link #I16}, {@link #I32}, {@link #I64} and plain byte array accesses). Bounds checks are the JVM's own array checks: an access out of bounds throws an
 * {@link IndexOutOfBoundsException} that the engine turns into the wasm trap at its boundary. The
 * effective address {@code addr + offset} is computed so that it is negative (hence out of bounds)
 * whenever the unsigned 33-bit sum is 2^31 or more, which no byte array can reach: see {@link #ea}.
 */
public final class Memory {
    public static final int PAGE_SIZE = 65536;
    /** The most pages a byte array can hold (2 GiB - 64 KiB). */
    public static final long MAX_PAGES = (Integer.MAX_VALUE - 8) / PAGE_SIZE;

    /*
     * Little-endian views of a memory's bytes. Compiled code invokes them directly for its 16-,
     * 32- and 64-bit loads and stores (the JIT always inlines a VarHandle invocation, whereas it may
     * leave a call of one of the helpers below out of line).
     */
    public static final VarHandle I16 = MethodHandles.byteArrayViewVarHandle(short[].class, ByteOrder.LITTLE_ENDIAN);
    public static final VarHandle I32 = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
    public static final VarHandle I64 = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    private final MemoryType type;
    private final long maxPages;
    /** The memory's contents; compiled code reads this field directly. */
    public byte[] bytes;

    /**
     * A memory of {@code type}'s minimum size that may grow to its maximum, but never beyond
     * {@code capPages} (the engine's configured limit) nor what a byte array can hold.
     */
    public Memory(MemoryType type, long capPages) {
        this.type = type;
        // Limits are unsigned (a memory64's may reach 2^64 - 1).
        long max = type.limits().max().orElse(-1L);
        long cap = Math.min(capPages, MAX_PAGES);
        this.maxPages = Long.compareUnsigned(max, cap) < 0 ? max : cap;
        long min = type.limits().min();
        if (Long.compareUnsigned(min, maxPages) > 0) {
            throw new Trap("memory size " + min + " pages exceeds the limit of " + maxPages + " pages");
        }
        this.bytes = new byte[(int) (min * PAGE_SIZE)];
    }

    public MemoryType type() {
        return type;
    }

    /** The current size in pages. */
    public int pages() {
        return bytes.length / PAGE_SIZE;
    }

    /** memory.grow: the old size in pages, or -1 when the memory cannot grow by {@code delta} pages. */
    public synchronized int grow(int delta) {
        long old = pages();
        long wanted = old + Integer.toUnsignedLong(delta);
        if (wanted > maxPages) {
            return -1;
        }
        if (delta != 0) {
            try {
                bytes = Arrays.copyOf(bytes, (int) (wanted * PAGE_SIZE));
            } catch (OutOfMemoryError e) {
                return -1;
            }
        }
        return (int) old;
    }

    /**
     * The effective address of {@code addr + offset} for an offset in [0, 2^31): the sum when it is
     * below 2^31, otherwise a negative number (out of bounds for every byte array). A negative
     * {@code addr} (2^31 or more unsigned) forces the result negative through {@code addr >> 31}.
     */
    public static int ea(int addr, int offset) {
        return (addr + offset) | (addr >> 31);
    }

    /**
     * The i32 address of an i64 one plus an i64 offset (memory64): the sum when it is below 2^31,
     * otherwise -1 (out of bounds for every byte array, see {@link #ea}).
     */
    public static int address64(long addr, long offset) {
        long sum = addr + offset;
        if (Long.compareUnsigned(sum, addr) < 0 || (sum >>> 31) != 0) {
            return -1;
        }
        return (int) sum;
    }

    /**
     * An i64 index or length of a 64-bit memory or table as the unsigned i32 the bulk operations
     * take: itself when below 2^32, otherwise 2^32 - 1, which is out of bounds just as well.
     */
    public static int index64(long value) {
        return (value >>> 32) == 0 ? (int) value : -1;
    }

    public static int i32Load(int addr, int offset, byte[] m) {
        return (int) I32.get(m, ea(addr, offset));
    }

    public static long i64Load(int addr, int offset, byte[] m) {
        return (long) I64.get(m, ea(addr, offset));
    }

    public static float f32Load(int addr, int offset, byte[] m) {
        return Float.intBitsToFloat((int) I32.get(m, ea(addr, offset)));
    }

    public static double f64Load(int addr, int offset, byte[] m) {
        return Double.longBitsToDouble((long) I64.get(m, ea(addr, offset)));
    }

    public static int i32Load8S(int addr, int offset, byte[] m) {
        return m[ea(addr, offset)];
    }

    public static int i32Load8U(int addr, int offset, byte[] m) {
        return m[ea(addr, offset)] & 0xFF;
    }

    public static int i32Load16S(int addr, int offset, byte[] m) {
        return (short) I16.get(m, ea(addr, offset));
    }

    public static int i32Load16U(int addr, int offset, byte[] m) {
        return ((short) I16.get(m, ea(addr, offset))) & 0xFFFF;
    }

    public static long i64Load8S(int addr, int offset, byte[] m) {
        return m[ea(addr, offset)];
    }

    public static long i64Load8U(int addr, int offset, byte[] m) {
        return m[ea(addr, offset)] & 0xFFL;
    }

    public static long i64Load16S(int addr, int offset, byte[] m) {
        return (short) I16.get(m, ea(addr, offset));
    }

    public static long i64Load16U(int addr, int offset, byte[] m) {
        return ((short) I16.get(m, ea(addr, offset))) & 0xFFFFL;
    }

    public static long i64Load32S(int addr, int offset, byte[] m) {
        return (int) I32.get(m, ea(addr, offset));
    }

    public static long i64Load32U(int addr, int offset, byte[] m) {
        return ((int) I32.get(m, ea(addr, offset))) & 0xFFFFFFFFL;
    }

    public static void i32Store(int addr, int value, int offset, byte[] m) {
        I32.set(m, ea(addr, offset), value);
    }

    public static void i64Store(int addr, long value, int offset, byte[] m) {
        I64.set(m, ea(addr, offset), value);
    }

    public static void f32Store(int addr, float value, int offset, byte[] m) {
        I32.set(m, ea(addr, offset), Float.floatToRawIntBits(value));
    }

    public static void f64Store(int addr, double value, int offset, byte[] m) {
        I64.set(m, ea(addr, offset), Double.doubleToRawLongBits(value));
    }

    public static void i32Store8(int addr, int value, int offset, byte[] m) {
        m[ea(addr, offset)] = (byte) value;
    }

    public static void i32Store16(int addr, int value, int offset, byte[] m) {
        I16.set(m, ea(addr, offset), (short) value);
    }

    public static void i64Store8(int addr, long value, int offset, byte[] m) {
        m[ea(addr, offset)] = (byte) value;
    }

    public static void i64Store16(int addr, long value, int offset, byte[] m) {
        I16.set(m, ea(addr, offset), (short) value);
    }

    public static void i64Store32(int addr, long value, int offset, byte[] m) {
        I32.set(m, ea(addr, offset), (int) value);
    }

    /** Throws the trap unless [{@code start}, {@code start + n}) lies within {@code length} (all unsigned). */
    static void checkRange(int start, int n, int length) {
        if (Integer.toUnsignedLong(start) + Integer.toUnsignedLong(n) > length) {
            throw new Trap(Trap.MEMORY_OUT_OF_BOUNDS);
        }
    }

    /** memory.fill. */
    public static void fill(int d, int value, int n, byte[] m) {
        checkRange(d, n, m.length);
        Arrays.fill(m, d, d + n, (byte) value);
    }

    /** memory.copy; overlapping ranges copy as if through a temporary buffer. */
    public static void copy(int d, int s, int n, byte[] dst, byte[] src) {
        checkRange(d, n, dst.length);
        checkRange(s, n, src.length);
        System.arraycopy(src, s, dst, d, n);
    }

    /** memory.init from a data segment (a dropped segment is an empty array). */
    public static void init(int d, int s, int n, byte[] m, byte[] segment) {
        checkRange(s, n, segment.length);
        checkRange(d, n, m.length);
        System.arraycopy(segment, s, m, d, n);
    }

    // Host-side accessors (WASI and embedders): little endian, bounds checked by the JVM.

    public int readI32(int addr) {
        return (int) I32.get(bytes, addr);
    }

    public long readI64(int addr) {
        return (long) I64.get(bytes, addr);
    }

    public void writeI32(int addr, int value) {
        I32.set(bytes, addr, value);
    }

    public void writeI64(int addr, long value) {
        I64.set(bytes, addr, value);
    }

    public void writeI16(int addr, short value) {
        I16.set(bytes, addr, value);
    }
}
