package dev.jwt.run;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * The threads proposal's atomic memory accesses, called by compiled code: loads, stores,
 * read-modify-writes and compare-exchanges of 8, 16, 32 and 64 bits, all sequentially consistent,
 * plus {@code memory.atomic.wait32/64} and {@code notify}.
 *
 * <p>Every access first checks that the effective address is a multiple of the access size
 * ("unaligned atomic", checked before the bounds, as wasmtime does), then that it is in bounds.
 * Everything is built on four primitives, volatile read and compare-and-set of an aligned int or
 * long: read-modify-writes are CAS loops, and 8- and 16-bit accesses work on the aligned int that
 * contains them. On JDK 17 the primitives are the atomic modes of little-endian byte-array view
 * VarHandles. Newer JDKs (22 and later) give byte-array views no atomic modes at all, so there the
 * primitives run under the array's lock, which orders them with respect to each other; plain
 * loads and stores of other threads race with them as the memory model allows.
 * Ordinary loads and stores stay {@link Memory}'s plain accesses.
 */
public final class Atomics {
    public static final String UNALIGNED = "unaligned atomic";
    public static final String WAIT_ON_UNSHARED = "atomic wait on non-shared memory";

    /** The read-modify-write operations, in the order of their opcodes. */
    public static final int ADD = 0;
    public static final int SUB = 1;
    public static final int AND = 2;
    public static final int OR = 3;
    public static final int XOR = 4;
    public static final int XCHG = 5;

    private static final VarHandle I32 = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle I64 = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    /** Whether the views have atomic access modes (JDK 17), or the primitives must lock (JDK 22+). */
    private static final boolean ATOMIC_VIEWS =
            I32.isAccessModeSupported(VarHandle.AccessMode.COMPARE_AND_SET)
                    && I64.isAccessModeSupported(VarHandle.AccessMode.COMPARE_AND_SET)
                    && I32.isAccessModeSupported(VarHandle.AccessMode.GET_VOLATILE)
                    && I64.isAccessModeSupported(VarHandle.AccessMode.GET_VOLATILE);

    private Atomics() {}

    /**
     * The checked index of {@code addr + offset} (offset in [0, 2^31)) for an {@code n}-byte atomic
     * access to a memory of {@code length} bytes. The alignment test needs only the sum's low bits,
     * which the int addition keeps even when it overflows.
     */
    public static int ea(int addr, int offset, int n, int length) {
        if (((addr + offset) & (n - 1)) != 0) {
            throw new Trap(UNALIGNED);
        }
        int ea = Memory.ea(addr, offset);
        if (ea < 0 || ea > length - n) {
            throw new Trap(Trap.MEMORY_OUT_OF_BOUNDS);
        }
        return ea;
    }

    /**
     * For a 64-bit memory, or an offset of 2^31 or more: checks the alignment of the unsigned sum
     * {@code addr + offset} and returns it as the i32 address {@link #ea} takes with offset 0, or
     * {@code Integer.MIN_VALUE} (aligned, and out of bounds for every byte array) when it is 2^31
     * or more.
     */
    public static int address(long addr, long offset, int n) {
        long sum = addr + offset;
        if ((sum & (n - 1)) != 0) {
            throw new Trap(UNALIGNED);
        }
        if (Long.compareUnsigned(sum, addr) < 0 || (sum >>> 31) != 0) {
            return Integer.MIN_VALUE;
        }
        return (int) sum;
    }

    // ---------------------------------------------------------------- the four primitives

    private static int get32(byte[] m, int ea) {
        if (ATOMIC_VIEWS) {
            return (int) I32.getVolatile(m, ea);
        }
        synchronized (m) {
            return (int) I32.get(m, ea);
        }
    }

    private static long get64(byte[] m, int ea) {
        if (ATOMIC_VIEWS) {
            return (long) I64.getVolatile(m, ea);
        }
        synchronized (m) {
            return (long) I64.get(m, ea);
        }
    }

    private static boolean cas32(byte[] m, int ea, int expected, int updated) {
        if (ATOMIC_VIEWS) {
            return I32.compareAndSet(m, ea, expected, updated);
        }
        synchronized (m) {
            if ((int) I32.get(m, ea) != expected) {
                return false;
            }
            I32.set(m, ea, updated);
            return true;
        }
    }

    private static boolean cas64(byte[] m, int ea, long expected, long updated) {
        if (ATOMIC_VIEWS) {
            return I64.compareAndSet(m, ea, expected, updated);
        }
        synchronized (m) {
            if ((long) I64.get(m, ea) != expected) {
                return false;
            }
            I64.set(m, ea, updated);
            return true;
        }
    }

    /** {@code op} applied to {@code old} and {@code operand} (the new value of a read-modify-write). */
    private static int apply(int op, int old, int operand) {
        return switch (op) {
            case ADD -> old + operand;
            case SUB -> old - operand;
            case AND -> old & operand;
            case OR -> old | operand;
            case XOR -> old ^ operand;
            default -> operand;
        };
    }

    private static long apply(int op, long old, long operand) {
        return switch (op) {
            case ADD -> old + operand;
            case SUB -> old - operand;
            case AND -> old & operand;
            case OR -> old | operand;
            case XOR -> old ^ operand;
            default -> operand;
        };
    }

    /**
     * The {@code width}-bit (8 or 16) field at {@code ea} of the aligned int containing it,
     * read-modified-written by {@code op} (with {@code expected >= 0}: only if the field equals
     * it, a compare-exchange); returns the old field, zero-extended. Only the last bytes of a
     * memory whose size is not a multiple of 4 (custom page sizes) lie in no aligned int: they
     * are updated byte by byte under the array's lock.
     */
    private static int narrow(byte[] m, int ea, int width, int op, int value, int expected) {
        int fieldMask = (1 << width) - 1;
        int word = ea & ~3;
        if (word > m.length - 4) {
            synchronized (m) {
                int old = (m[ea] & 0xFF) | (width == 16 ? (m[ea + 1] & 0xFF) << 8 : 0);
                if (expected < 0 || old == expected) {
                    int updated = apply(op, old, value);
                    m[ea] = (byte) updated;
                    if (width == 16) {
                        m[ea + 1] = (byte) (updated >>> 8);
                    }
                }
                return old;
            }
        }
        int shift = (ea & 3) << 3;
        int mask = fieldMask << shift;
        while (true) {
            int w = get32(m, word);
            int old = (w >>> shift) & fieldMask;
            if (expected >= 0 && old != expected) {
                return old;
            }
            int updated = (w & ~mask) | ((apply(op, old, value) & fieldMask) << shift);
            if (cas32(m, word, w, updated)) {
                return old;
            }
        }
    }

    /** The field at {@code ea}, read through the aligned int containing it. */
    private static int loadNarrow(byte[] m, int ea, int width) {
        int word = ea & ~3;
        if (word > m.length - 4) {
            synchronized (m) {
                return (m[ea] & 0xFF) | (width == 16 ? (m[ea + 1] & 0xFF) << 8 : 0);
            }
        }
        return (get32(m, word) >>> ((ea & 3) << 3)) & ((1 << width) - 1);
    }

    private static int rmw32At(byte[] m, int ea, int op, int value) {
        while (true) {
            int old = get32(m, ea);
            if (cas32(m, ea, old, apply(op, old, value))) {
                return old;
            }
        }
    }

    private static long rmw64At(byte[] m, int ea, int op, long value) {
        while (true) {
            long old = get64(m, ea);
            if (cas64(m, ea, old, apply(op, old, value))) {
                return old;
            }
        }
    }

    // ---------------------------------------------------------------- loads and stores

    public static int load8(int addr, int offset, byte[] m) {
        return loadNarrow(m, ea(addr, offset, 1, m.length), 8);
    }

    public static int load16(int addr, int offset, byte[] m) {
        return loadNarrow(m, ea(addr, offset, 2, m.length), 16);
    }

    public static int load32(int addr, int offset, byte[] m) {
        return get32(m, ea(addr, offset, 4, m.length));
    }

    public static long load64(int addr, int offset, byte[] m) {
        return get64(m, ea(addr, offset, 8, m.length));
    }

    public static void store8(int addr, int value, int offset, byte[] m) {
        narrow(m, ea(addr, offset, 1, m.length), 8, XCHG, value, -1);
    }

    public static void store16(int addr, int value, int offset, byte[] m) {
        narrow(m, ea(addr, offset, 2, m.length), 16, XCHG, value, -1);
    }

    public static void store32(int addr, int value, int offset, byte[] m) {
        rmw32At(m, ea(addr, offset, 4, m.length), XCHG, value);
    }

    public static void store64(int addr, long value, int offset, byte[] m) {
        rmw64At(m, ea(addr, offset, 8, m.length), XCHG, value);
    }

    // ---------------------------------------------------------------- read-modify-write

    /** The 8-bit read-modify-write {@code op}: the old value, zero-extended. */
    public static int rmw8(int addr, int value, int offset, byte[] m, int op) {
        return narrow(m, ea(addr, offset, 1, m.length), 8, op, value, -1);
    }

    /** The 16-bit read-modify-write {@code op}: the old value, zero-extended. */
    public static int rmw16(int addr, int value, int offset, byte[] m, int op) {
        return narrow(m, ea(addr, offset, 2, m.length), 16, op, value, -1);
    }

    public static int rmw32(int addr, int value, int offset, byte[] m, int op) {
        return rmw32At(m, ea(addr, offset, 4, m.length), op, value);
    }

    public static long rmw64(int addr, long value, int offset, byte[] m, int op) {
        return rmw64At(m, ea(addr, offset, 8, m.length), op, value);
    }

    // ---------------------------------------------------------------- compare-exchange

    /* The expected value is wrapped to the access width before the comparison, as the replacement is. */

    public static int cmpxchg8(int addr, int expected, int replacement, int offset, byte[] m) {
        return narrow(m, ea(addr, offset, 1, m.length), 8, XCHG, replacement, expected & 0xFF);
    }

    public static int cmpxchg16(int addr, int expected, int replacement, int offset, byte[] m) {
        return narrow(m, ea(addr, offset, 2, m.length), 16, XCHG, replacement, expected & 0xFFFF);
    }

    public static int cmpxchg32(int addr, int expected, int replacement, int offset, byte[] m) {
        int ea = ea(addr, offset, 4, m.length);
        while (true) {
            int old = get32(m, ea);
            if (old != expected || cas32(m, ea, old, replacement)) {
                return old;
            }
        }
    }

    public static long cmpxchg64(int addr, long expected, long replacement, int offset, byte[] m) {
        int ea = ea(addr, offset, 8, m.length);
        while (true) {
            long old = get64(m, ea);
            if (old != expected || cas64(m, ea, old, replacement)) {
                return old;
            }
        }
    }

    // ---------------------------------------------------------------- wait and notify

    /** memory.atomic.notify: how many waiters were woken (none on an unshared memory). */
    public static int notify(int addr, int count, int offset, Memory memory) {
        int ea = ea(addr, offset, 4, memory.bytes.length);
        return memory.waiters == null ? 0 : memory.waiters.notify(ea, count);
    }

    /** memory.atomic.wait32: 0 when woken, 1 when the value differs, 2 on timeout. */
    public static int wait32(int addr, int expected, long timeout, int offset, Memory memory) {
        int ea = ea(addr, offset, 4, memory.bytes.length);
        if (memory.waiters == null) {
            throw new Trap(WAIT_ON_UNSHARED);
        }
        return memory.waiters.await(ea, () -> get32(memory.bytes, ea) == expected, timeout);
    }

    /** memory.atomic.wait64: 0 when woken, 1 when the value differs, 2 on timeout. */
    public static int wait64(int addr, long expected, long timeout, int offset, Memory memory) {
        int ea = ea(addr, offset, 8, memory.bytes.length);
        if (memory.waiters == null) {
            throw new Trap(WAIT_ON_UNSHARED);
        }
        return memory.waiters.await(ea, () -> get64(memory.bytes, ea) == expected, timeout);
    }
}
