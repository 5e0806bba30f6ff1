package dev.jwt.binary.io;

import dev.jwt.binary.MalformedException;
import java.nio.charset.StandardCharsets;

/**
 * Strict UTF-8 for names: no overlong forms, no surrogates, nothing above U+10FFFF, no truncated
 * sequences. Java's own decoder replaces bad input instead of rejecting it, so names are checked here
 * first.
 */
final class Utf8 {
    private Utf8() {}

    /** Decodes {@code buf[start, start + length)}; {@code delta} turns array indices into offsets. */
    static String decode(byte[] buf, int start, int length, long delta) {
        int end = start + length;
        boolean ascii = true;
        int i = start;
        while (i < end) {
            int b = buf[i] & 0xFF;
            if (b < 0x80) {
                i++;
                continue;
            }
            ascii = false;
            int need;
            int min;
            if (b >= 0xC2 && b <= 0xDF) {
                need = 1;
                min = 0x80;
            } else if (b >= 0xE0 && b <= 0xEF) {
                need = 2;
                min = 0x800;
            } else if (b >= 0xF0 && b <= 0xF4) {
                need = 3;
                min = 0x10000;
            } else {
                throw malformed(i, delta);
            }
            if (end - i <= need) {
                throw malformed(i, delta);
            }
            int cp = b & (0x3F >> need);
            for (int k = 1; k <= need; k++) {
                int c = buf[i + k] & 0xFF;
                if ((c & 0xC0) != 0x80) {
                    throw malformed(i, delta);
                }
                cp = cp << 6 | (c & 0x3F);
            }
            if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) {
                throw malformed(i, delta);
            }
            i += need + 1;
        }
        return new String(buf, start, length, ascii ? StandardCharsets.ISO_8859_1 : StandardCharsets.UTF_8);
    }

    private static MalformedException malformed(int position, long delta) {
        return new MalformedException("malformed UTF-8 encoding", position + delta);
    }
}
