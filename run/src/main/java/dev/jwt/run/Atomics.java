package dev.jwt.run;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * The threads proposal's atomic memory accesses, called by compiled code: loads, stores,
 * read-modify-writes and compare-exchanges of 8, 16, 32 and 64 bits, all sequentially consistent
 * (volatile and CAS access modes of little-endian VarHandles on the memory's byte array), plus
 * {@code memory.atomic.wait32/64} and {@code notify}.
 *
 * <p>Every access first checks that the effective address is a multiple of the access size
 * ("unaligned atomic", checked before the bounds, as wasmtime does), then that it is in bounds.
 * 32- and 64-bit accesses are the VarHandles' own atomic modes at aligned indexes; 8-bit ones
 * use the byte array's element VarHandle; 16-bit read-modify-writes are a CAS loop on the
 * aligned int that contains them (a byte-array view of shorts has no atomic update modes).
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

    private static final VarHandle I8 = MethodHandles.arrayElementVarHandle(byte[].class);
    private static final VarHandle I16 = MethodHandles.byteArrayViewVarHandle(short[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle I32 = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle I64 = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

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

    // ---------------------------------------------------------------- loads and stores

    public static int load8(int addr, int offset, byte[] m) {
        return (byte) I8.getVolatile(m, ea(addr, offset, 1, m.length)) & 0xFF;
    }

    public static int load16(int addr, int offset, byte[] m) {
        return (short) I16.getVolatile(m, ea(addr, offset, 2, m.length)) & 0xFFFF;
    }

    public static int load32(int addr, int offset, byte[] m) {
        return (int) I32.getVolatile(m, ea(addr, offset, 4, m.length));
    }

    public static long load64(int addr, int offset, byte[] m) {
        return (long) I64.getVolatile(m, ea(addr, offset, 8, m.length));
    }

    public static void store8(int addr, int value, int offset, byte[] m) {
        I8.setVolatile(m, ea(addr, offset, 1, m.length), (byte) value);
    }

    public static void store16(int addr, int value, int offset, byte[] m) {
        I16.setVolatile(m, ea(addr, offset, 2, m.length), (short) value);
    }

    public static void store32(int addr, int value, int offset, byte[] m) {
        I32.setVolatile(m, ea(addr, offset, 4, m.length), value);
    }

    public static void store64(int addr, long value, int offset, byte[] m) {
        I64.setVolatile(m, ea(addr, offset, 8, m.length), value);
    }

    // ---------------------------------------------------------------- read-modify-write

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

    /** The 8-bit read-modify-write {@code op}: the old value, zero-extended. */
    public static int rmw8(int addr, int value, int offset, byte[] m, int op) {
        int ea = ea(addr, offset, 1, m.length);
        byte v = (byte) value;
        byte old = switch (op) {
            case ADD -> (byte) I8.getAndAdd(m, ea, v);
            case SUB -> (byte) I8.getAndAdd(m, ea, (byte) -v);
            case AND -> (byte) I8.getAndBitwiseAnd(m, ea, v);
            case OR -> (byte) I8.getAndBitwiseOr(m, ea, v);
            case XOR -> (byte) I8.getAndBitwiseXor(m, ea, v);
            default -> (byte) I8.getAndSet(m, ea, v);
        };
        return old & 0xFF;
    }

    /** The 16-bit read-modify-write {@code op}: the old value, zero-extended. */
    public static int rmw16(int addr, int value, int offset, byte[] m, int op) {
        int ea = ea(addr, offset, 2, m.length);
        int word = ea & ~3;
        if (word > m.length - 4) {
            return rmw16Tail(m, ea, value, op);
        }
        int shift = (ea & 2) << 3;
        int mask = 0xFFFF << shift;
        while (true) {
            int w = (int) I32.getVolatile(m, word);
            int old = (w >>> shift) & 0xFFFF;
            int updated = (w & ~mask) | ((apply(op, old, value) & 0xFFFF) << shift);
            if (I32.compareAndSet(m, word, w, updated)) {
                return old;
            }
        }
    }

    /**
     * A 16-bit read-modify-write in the last two bytes of a memory whose size is not a multiple of
     * 4 (custom page sizes), where no aligned int contains them: under the array's lock.
     */
    private static int rmw16Tail(byte[] m, int ea, int value, int op) {
        synchronized (m) {
            int old = (short) I16.getVolatile(m, ea) & 0xFFFF;
            I16.setVolatile(m, ea, (short) apply(op, old, value));
            return old;
        }
    }

    public static int rmw32(int addr, int value, int offset, byte[] m, int op) {
        int ea = ea(addr, offset, 4, m.length);
        return switch (op) {
            case ADD -> (int) I32.getAndAdd(m, ea, value);
            case SUB -> (int) I32.getAndAdd(m, ea, -value);
            case AND -> (int) I32.getAndBitwiseAnd(m, ea, value);
            case OR -> (int) I32.getAndBitwiseOr(m, ea, value);
            case XOR -> (int) I32.getAndBitwiseXor(m, ea, value);
            default -> (int) I32.getAndSet(m, ea, value);
        };
    }

    public static long rmw64(int addr, long value, int offset, byte[] m, int op) {
        int ea = ea(addr, offset, 8, m.length);
        return switch (op) {
            case ADD -> (long) I64.getAndAdd(m, ea, value);
            case SUB -> (long) I64.getAndAdd(m, ea, -value);
            case AND -> (long) I64.getAndBitwiseAnd(m, ea, value);
            case OR -> (long) I64.getAndBitwiseOr(m, ea, value);
            case XOR -> (long) I64.getAndBitwiseXor(m, ea, value);
            default -> (long) I64.getAndSet(m, ea, value);
        };
    }

    // ---------------------------------------------------------------- compare-exchange

    /* The expected value is wrapped to the access width before the comparison, as the replacement is. */

    public static int cmpxchg8(int addr, int expected, int replacement, int offset, byte[] m) {
        int ea = ea(addr, offset, 1, m.length);
        return (byte) I8.compareAndExchange(m, ea, (byte) expected, (byte) replacement) & 0xFF;
    }

    public static int cmpxchg16(int addr, int expected, int replacement, int offset, byte[] m) {
        int ea = ea(addr, offset, 2, m.length);
        int word = ea & ~3;
        if (word > m.length - 4) {
            synchronized (m) {
                int old = (short) I16.getVolatile(m, ea) & 0xFFFF;
                if (old == (expected & 0xFFFF)) {
                    I16.setVolatile(m, ea, (short) replacement);
                }
                return old;
            }
        }
        int shift = (ea & 2) << 3;
        int mask = 0xFFFF << shift;
        while (true) {
            int w = (int) I32.getVolatile(m, word);
            int old = (w >>> shift) & 0xFFFF;
            if (old != (expected & 0xFFFF)) {
                return old;
            }
            int updated = (w & ~mask) | ((replacement & 0xFFFF) << shift);
            if (I32.compareAndSet(m, word, w, updated)) {
                return old;
            }
        }
    }

    public static int cmpxchg32(int addr, int expected, int replacement, int offset, byte[] m) {
        return (int) I32.compareAndExchange(m, ea(addr, offset, 4, m.length), expected, replacement);
    }

    public static long cmpxchg64(int addr, long expected, long replacement, int offset, byte[] m) {
        return (long) I64.compareAndExchange(m, ea(addr, offset, 8, m.length), expected, replacement);
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
        return memory.waiters.await(ea, () -> (int) I32.getVolatile(memory.bytes, ea) == expected, timeout);
    }

    /** memory.atomic.wait64: 0 when woken, 1 when the value differs, 2 on timeout. */
    public static int wait64(int addr, long expected, long timeout, int offset, Memory memory) {
        int ea = ea(addr, offset, 8, memory.bytes.length);
        if (memory.waiters == null) {
            throw new Trap(WAIT_ON_UNSHARED);
        }
        return memory.waiters.await(ea, () -> (long) I64.getVolatile(memory.bytes, ea) == expected, timeout);
    }
}
