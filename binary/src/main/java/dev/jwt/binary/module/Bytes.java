package dev.jwt.binary.module;

import java.util.Arrays;

/**
 * An immutable window on a byte array. The decoder hands out windows on the input instead of
 * copying code and data; nobody writes to the array behind one.
 */
public final class Bytes {
    private final byte[] array;
    private final int start;
    private final int length;

    private Bytes(byte[] array, int start, int length) {
        this.array = array;
        this.start = start;
        this.length = length;
    }

    /** A window on {@code array[start, start + length)}; the caller promises not to change it. */
    public static Bytes wrap(byte[] array, int start, int length) {
        if (start < 0 || length < 0 || start + length > array.length) {
            throw new IndexOutOfBoundsException(start + "+" + length + " > " + array.length);
        }
        return new Bytes(array, start, length);
    }

    public static Bytes wrap(byte[] array) {
        return new Bytes(array, 0, array.length);
    }

    public static Bytes copyOf(byte[] array) {
        return new Bytes(array.clone(), 0, array.length);
    }

    /** The array behind the window: read only, from {@link #start()} for {@link #length()} bytes. */
    public byte[] array() { return array; }

    public int start() { return start; }

    public int length() { return length; }

    public byte get(int i) { return array[start + i]; }

    public byte[] toArray() {
        return Arrays.copyOfRange(array, start, start + length);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Bytes b
                && Arrays.equals(array, start, start + length, b.array, b.start, b.start + b.length);
    }

    @Override
    public int hashCode() {
        int h = 1;
        for (int i = start; i < start + length; i++) {
            h = 31 * h + array[i];
        }
        return h;
    }

    @Override
    public String toString() {
        return "Bytes[" + length + "]";
    }
}
