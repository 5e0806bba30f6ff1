package dev.jwt.run;

import dev.jwt.binary.types.GlobalType;
import dev.jwt.binary.types.NumType;

/**
 * A global's cell, shared by every instance that imports or exports it. Numbers live in
 * {@link #bits} (i32 and f32 as their 32 bits, zero-extended; f64 as its raw bits), references
 * in {@link #ref}. Compiled code reads and writes the fields directly.
 */
public final class Global {
    private final GlobalType type;
    public long bits;
    public Object ref;

    public Global(GlobalType type, Object value) {
        this.type = type;
        set(value);
    }

    public GlobalType type() {
        return type;
    }

    /** The value as a boxed Integer, Long, Float, Double, or the reference. */
    public Object get() {
        if (type.type() instanceof NumType n) {
            return switch (n) {
                case I32 -> (int) bits;
                case I64 -> bits;
                case F32 -> Float.intBitsToFloat((int) bits);
                case F64 -> Double.longBitsToDouble(bits);
            };
        }
        return ref;
    }

    public void set(Object value) {
        if (type.type() instanceof NumType n) {
            bits = switch (n) {
                case I32 -> ((Number) value).intValue() & 0xFFFFFFFFL;
                case I64 -> ((Number) value).longValue();
                case F32 -> Float.floatToRawIntBits((Float) value) & 0xFFFFFFFFL;
                case F64 -> Double.doubleToRawLongBits((Double) value);
            };
        } else {
            ref = value;
        }
    }
}
