package dev.jwt.binary.io;

import dev.jwt.binary.module.Bytes;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A growable byte sink writing the binary format's primitive encodings. Integers are written in
 * canonical (shortest) LEB128, so that re-encoding a canonical binary gives it back unchanged.
 */
public final class BinaryWriter {
    private byte[] buf;
    private int size;

    public BinaryWriter() {
        this(256);
    }

    public BinaryWriter(int initialCapacity) {
        buf = new byte[Math.max(16, initialCapacity)];
    }

    /** The number of bytes written so far. */
    public int size() {
        return size;
    }

    /** Forgets everything written, keeping the buffer. */
    public void reset() {
        size = 0;
    }

    private void ensure(int extra) {
        if (size + extra > buf.length) {
            buf = Arrays.copyOf(buf, Math.max(buf.length * 2, size + extra));
        }
    }

    public BinaryWriter u8(int b) {
        ensure(1);
        buf[size++] = (byte) b;
        return this;
    }

    /** An unsigned LEB128 of the 32 bits of {@code v}. */
    public BinaryWriter u32(int v) {
        return u64(v & 0xFFFFFFFFL);
    }

    /** An unsigned LEB128 of the 64 bits of {@code v}. */
    public BinaryWriter u64(long v) {
        ensure(10);
        while ((v & ~0x7FL) != 0) {
            buf[size++] = (byte) ((v & 0x7F) | 0x80);
            v >>>= 7;
        }
        buf[size++] = (byte) v;
        return this;
    }

    public BinaryWriter s32(int v) {
        return s64(v);
    }

    /** A signed 33-bit LEB128 (block type indices); the value must fit 33 bits. */
    public BinaryWriter s33(long v) {
        return s64(v);
    }

    public BinaryWriter s64(long v) {
        ensure(10);
        while (true) {
            int b = (int) (v & 0x7F);
            v >>= 7;
            boolean done = (v == 0 && (b & 0x40) == 0) || (v == -1 && (b & 0x40) != 0);
            if (done) {
                buf[size++] = (byte) b;
                return this;
            }
            buf[size++] = (byte) (b | 0x80);
        }
    }

    public BinaryWriter f32Bits(int bits) {
        ensure(4);
        buf[size++] = (byte) bits;
        buf[size++] = (byte) (bits >>> 8);
        buf[size++] = (byte) (bits >>> 16);
        buf[size++] = (byte) (bits >>> 24);
        return this;
    }

    public BinaryWriter f64Bits(long bits) {
        f32Bits((int) bits);
        return f32Bits((int) (bits >>> 32));
    }

    public BinaryWriter bytes(byte[] b) {
        return bytes(b, 0, b.length);
    }

    public BinaryWriter bytes(byte[] b, int off, int len) {
        ensure(len);
        System.arraycopy(b, off, buf, size, len);
        size += len;
        return this;
    }

    public BinaryWriter bytes(Bytes b) {
        return bytes(b.array(), b.start(), b.length());
    }

    /** Everything written to {@code other}, appended. */
    public BinaryWriter bytes(BinaryWriter other) {
        return bytes(other.buf, 0, other.size);
    }

    /** A byte vector: u32 length, then the bytes. */
    public BinaryWriter byteVector(Bytes b) {
        u32(b.length());
        return bytes(b);
    }

    /** A byte vector holding everything written to {@code other}: how sections and bodies are sized. */
    public BinaryWriter byteVector(BinaryWriter other) {
        u32(other.size);
        return bytes(other.buf, 0, other.size);
    }

    /** A name: u32 length of its UTF-8, then the UTF-8. */
    public BinaryWriter name(String s) {
        byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
        u32(utf8.length);
        return bytes(utf8);
    }

    public byte[] toByteArray() {
        return Arrays.copyOf(buf, size);
    }

    /** The bytes written so far, as a window that stays valid (it is a copy). */
    public Bytes toBytes() {
        return Bytes.wrap(toByteArray());
    }
}
