package dev.jwt.text.wat;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** A growable byte buffer with the LEB128 encodings the binary format uses. */
final class ByteSink {
    private byte[] buf = new byte[64];
    private int size;

    void byte_(int b) {
        if (size == buf.length) {
            buf = Arrays.copyOf(buf, size * 2);
        }
        buf[size++] = (byte) b;
    }

    void bytes(byte[] b) {
        bytes(b, 0, b.length);
    }

    void bytes(byte[] b, int off, int len) {
        if (size + len > buf.length) {
            buf = Arrays.copyOf(buf, Math.max(buf.length * 2, size + len));
        }
        System.arraycopy(b, off, buf, size, len);
        size += len;
    }

    void u32(long v) {
        v &= 0xFFFF_FFFFL;
        do {
            int b = (int) (v & 0x7F);
            v >>>= 7;
            byte_(v != 0 ? b | 0x80 : b);
        } while (v != 0);
    }

    void u64(long v) {
        do {
            int b = (int) (v & 0x7F);
            v >>>= 7;
            byte_(v != 0 ? b | 0x80 : b);
        } while (v != 0);
    }

    void s64(long v) {
        while (true) {
            int b = (int) (v & 0x7F);
            v >>= 7;
            if ((v == 0 && (b & 0x40) == 0) || (v == -1 && (b & 0x40) != 0)) {
                byte_(b);
                return;
            }
            byte_(b | 0x80);
        }
    }

    void name(String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        u32(b.length);
        bytes(b);
    }

    void fixed32(int v) {
        for (int i = 0; i < 4; i++) {
            byte_(v >>> (8 * i));
        }
    }

    void fixed64(long v) {
        for (int i = 0; i < 8; i++) {
            byte_((int) (v >>> (8 * i)));
        }
    }

    int size() { return size; }

    byte[] toArray() { return Arrays.copyOf(buf, size); }
}
