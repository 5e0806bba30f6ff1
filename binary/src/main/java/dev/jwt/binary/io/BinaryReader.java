package dev.jwt.binary.io;

import dev.jwt.binary.MalformedException;
import dev.jwt.binary.module.Bytes;

/**
 * A cursor over a window of a byte array, reading the binary format's primitive encodings
 * (LEB128 integers, IEEE floats, names, byte vectors). Every read past the window's end and every
 * malformed encoding throws {@link MalformedException} with the file offset of the fault.
 *
 * <p>The reader never copies its input. Offsets: {@link #position()} is the index into the array;
 * {@link #offset()} the place in the decoded binary, which differs from the position by a fixed
 * amount when the window was taken out of a larger binary (a function body, a const expression).
 *
 * <p>The LEB128 checks follow the spec's reference decoder: a byte whose payload does not fit the
 * remaining bits is "integer too large" (for signed integers the unused bits must repeat the sign);
 * a continuation bit on the last permitted byte is "integer representation too long".
 */
public final class BinaryReader {
    /** The message for reading past the end of a whole binary. */
    public static final String UNEXPECTED_END = "unexpected end";
    /** The message for reading past the end of a section, a function body or a const expression. */
    public static final String UNEXPECTED_END_OF_SECTION = "unexpected end of section or function";

    private final byte[] buf;
    private int pos;
    private final int limit;
    /** offset() - position(). */
    private final long delta;
    private final String endMessage;

    private BinaryReader(byte[] buf, int pos, int limit, long delta, String endMessage) {
        this.buf = buf;
        this.pos = pos;
        this.limit = limit;
        this.delta = delta;
        this.endMessage = endMessage;
    }

    /** A reader over a whole binary: offsets are array indices. */
    public BinaryReader(byte[] binary) {
        this(binary, 0, binary.length, 0, UNEXPECTED_END);
    }

    /**
     * A reader over {@code window}, whose first byte is at {@code baseOffset} in the binary it came
     * from (for error offsets). Reading past its end is "unexpected end of section or function".
     */
    public BinaryReader(Bytes window, long baseOffset) {
        this(window.array(), window.start(), window.start() + window.length(), baseOffset - window.start(),
                UNEXPECTED_END_OF_SECTION);
    }

    /** The index of the next byte in the array. */
    public int position() {
        return pos;
    }

    /** The offset of the next byte in the decoded binary. */
    public long offset() {
        return pos + delta;
    }

    /** The offset in the decoded binary of array index {@code position}. */
    public long offsetOf(int position) {
        return position + delta;
    }

    /** Moves the cursor to array index {@code position}, which must lie in the window. */
    public void seek(int position) {
        if (position < 0 || position > limit) {
            throw new IndexOutOfBoundsException(position);
        }
        pos = position;
    }

    /** The index just past the window. */
    public int limit() {
        return limit;
    }

    public byte[] array() {
        return buf;
    }

    public boolean eof() {
        return pos >= limit;
    }

    public int remaining() {
        return limit - pos;
    }

    /**
     * A reader over the next {@code length} bytes, which this one skips: a section's contents.
     * Reading past the sub-reader's end is "unexpected end of section or function".
     */
    public BinaryReader slice(int length) {
        if (length < 0 || length > limit - pos) {
            throw new MalformedException("length out of bounds", offset());
        }
        BinaryReader r = new BinaryReader(buf, pos, pos + length, delta, UNEXPECTED_END_OF_SECTION);
        pos += length;
        return r;
    }

    /** A window on the next {@code length} bytes, which this reader skips. */
    public Bytes bytes(int length) {
        if (length < 0 || length > limit - pos) {
            throw new MalformedException("length out of bounds", offset());
        }
        Bytes b = Bytes.wrap(buf, pos, length);
        pos += length;
        return b;
    }

    /** A byte vector: a u32 length, then that many bytes (as a window). Too few bytes is an unexpected end. */
    public Bytes byteVector() {
        int n = u32();
        if (n < 0 || n > limit - pos) {
            pos = limit;
            throw unexpectedEnd();
        }
        Bytes b = Bytes.wrap(buf, pos, n);
        pos += n;
        return b;
    }

    /** The window of everything not read yet; the reader ends up at its end. */
    public Bytes rest() {
        Bytes b = Bytes.wrap(buf, pos, limit - pos);
        pos = limit;
        return b;
    }

    public MalformedException unexpectedEnd() {
        return new MalformedException(endMessage, offset());
    }

    /** One byte, 0-255. */
    public int u8() {
        if (pos >= limit) {
            throw unexpectedEnd();
        }
        return buf[pos++] & 0xFF;
    }

    /** The next byte without consuming it. */
    public int peek() {
        if (pos >= limit) {
            throw unexpectedEnd();
        }
        return buf[pos] & 0xFF;
    }

    /** An unsigned 32-bit LEB128 integer, returned as the int with the same bits. */
    public int u32() {
        // Fast paths: one byte, two bytes (indices up to 16383), which cannot be too long or too large.
        if (pos < limit) {
            byte b = buf[pos];
            if (b >= 0) {
                pos++;
                return b;
            }
            if (pos + 1 < limit) {
                byte b1 = buf[pos + 1];
                if (b1 >= 0) {
                    pos += 2;
                    return (b & 0x7F) | b1 << 7;
                }
            }
        }
        return (int) unsigned(32);
    }

    /** A u32 that must fit a non-negative int (counts, lengths, indices used as sizes). */
    public int u32Count() {
        long at = offset();
        int v = u32();
        if (v < 0) {
            throw new MalformedException("length out of bounds", at);
        }
        return v;
    }

    public long u64() {
        if (pos < limit) {
            byte b = buf[pos];
            if (b >= 0) {
                pos++;
                return b;
            }
        }
        return unsigned(64);
    }

    public int s32() {
        if (pos < limit) {
            byte b = buf[pos];
            if ((b & 0xC0) == 0) {
                pos++;
                return b;
            }
            if ((b & 0xC0) == 0x40) {
                pos++;
                return b | 0xFFFFFF80;
            }
        }
        return (int) signed(32);
    }

    /** A signed 33-bit integer (block type indices). */
    public long s33() {
        return signed(33);
    }

    public long s64() {
        return signed(64);
    }

    private long unsigned(int bits) {
        int start = pos;
        long result = 0;
        int shift = 0;
        int n = bits;
        while (true) {
            if (n <= 0) {
                throw new MalformedException("integer representation too long", offset());
            }
            if (pos >= limit) {
                throw endInInteger(bits, false, start);
            }
            int b = buf[pos++] & 0xFF;
            if (n < 7 && (b & 0x7F) >= (1 << n)) {
                throw new MalformedException("integer too large", offset() - 1);
            }
            result |= (long) (b & 0x7F) << shift;
            if ((b & 0x80) == 0) {
                return result;
            }
            shift += 7;
            n -= 7;
        }
    }

    private long signed(int bits) {
        int start = pos;
        long result = 0;
        int shift = 0;
        int n = bits;
        while (true) {
            if (n <= 0) {
                throw new MalformedException("integer representation too long", offset());
            }
            if (pos >= limit) {
                throw endInInteger(bits, true, start);
            }
            int b = buf[pos++] & 0xFF;
            if (n < 7) {
                int mask = (-1 << (n - 1)) & 0x7F;
                int m = b & mask;
                if (m != 0 && m != mask) {
                    throw new MalformedException("integer too large", offset() - 1);
                }
            }
            result |= (long) (b & 0x7F) << shift;
            shift += 7;
            if ((b & 0x80) == 0) {
                if (shift < 64 && (b & 0x40) != 0) {
                    result |= -1L << shift;
                }
                return result;
            }
            n -= 7;
        }
    }

    /**
     * The error for an integer cut off by the window's end. The reference decoder reads a section
     * on past its size, so when the bytes after the window would make the integer too long or too
     * large, that is the error it reports; otherwise the window simply ended.
     */
    private MalformedException endInInteger(int bits, boolean signed, int start) {
        if (limit < buf.length && start < pos) {
            BinaryReader beyond = new BinaryReader(buf, start, buf.length, delta, endMessage);
            try {
                if (signed) {
                    beyond.signed(bits);
                } else {
                    beyond.unsigned(bits);
                }
            } catch (MalformedException e) {
                if (!e.bareMessage().startsWith("unexpected end")) {
                    return e;
                }
            }
        }
        return unexpectedEnd();
    }

    /** Four bytes, little endian: the bits of an f32. */
    public int f32Bits() {
        if (limit - pos < 4) {
            pos = limit;
            throw unexpectedEnd();
        }
        int v = (buf[pos] & 0xFF) | (buf[pos + 1] & 0xFF) << 8 | (buf[pos + 2] & 0xFF) << 16 | (buf[pos + 3] & 0xFF) << 24;
        pos += 4;
        return v;
    }

    /** Eight bytes, little endian: the bits of an f64 (or half a v128). */
    public long f64Bits() {
        if (limit - pos < 8) {
            pos = limit;
            throw unexpectedEnd();
        }
        long lo = f32Bits() & 0xFFFFFFFFL;
        long hi = f32Bits() & 0xFFFFFFFFL;
        return lo | hi << 32;
    }

    /** Fills {@code dst} with the next bytes. */
    public void read(byte[] dst) {
        if (limit - pos < dst.length) {
            pos = limit;
            throw unexpectedEnd();
        }
        System.arraycopy(buf, pos, dst, 0, dst.length);
        pos += dst.length;
    }

    /** A name: a u32 length and that many bytes of valid UTF-8. */
    public String name() {
        long at = offset();
        int n = u32();
        if (n < 0 || n > limit - pos) {
            throw new MalformedException("length out of bounds", at);
        }
        int start = pos;
        pos += n;
        return Utf8.decode(buf, start, n, delta);
    }
}
