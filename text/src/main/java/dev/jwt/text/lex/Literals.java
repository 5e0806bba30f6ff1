package dev.jwt.text.lex;

import java.math.BigInteger;

/**
 * Number literals of the text format (spec: Lexical Format, Integers and Floating-Point): their
 * recognition and their values. Integers are range-checked the spec's way ({@code iN} is
 * {@code uN} or {@code sN}); floats are rounded to nearest, ties to even, from the exact decimal or
 * hexadecimal value, and a literal that rounds to infinity is out of range. The parse methods
 * return {@code null} / throw {@link NumberFormatException} with the spec's wording; callers attach
 * the place.
 */
public final class Literals {
    private Literals() {}

    /** True when {@code s[start, end)} is an integer or float literal. */
    public static boolean isNumber(String s, int start, int end) {
        int i = start;
        if (i < end && (s.charAt(i) == '+' || s.charAt(i) == '-')) {
            i++;
        }
        if (i >= end) {
            return false;
        }
        if (s.startsWith("inf", i) && end - i == 3) {
            return true;
        }
        if (s.startsWith("nan", i)) {
            if (end - i == 3) {
                return true;
            }
            return s.startsWith(":0x", i + 3) && end > i + 6 && digits(s, i + 6, end, true) == end;
        }
        boolean hex = s.startsWith("0x", i);
        if (hex) {
            i += 2;
        }
        int j = digits(s, i, end, hex);
        if (j <= i) {
            return false;
        }
        i = j;
        if (i < end && s.charAt(i) == '.') {
            i++;
            if (i < end && digitValue(s.charAt(i), hex) >= 0) {
                i = digits(s, i, end, hex);
                if (i < 0) {
                    return false;
                }
            }
        }
        if (i < end && (hex ? (s.charAt(i) == 'p' || s.charAt(i) == 'P') : (s.charAt(i) == 'e' || s.charAt(i) == 'E'))) {
            i++;
            if (i < end && (s.charAt(i) == '+' || s.charAt(i) == '-')) {
                i++;
            }
            int k = digits(s, i, end, false);
            if (k <= i) {
                return false;
            }
            i = k;
        }
        return i == end;
    }

    /** The end of a run of digits with single underscores between them starting at {@code i}, or -1 if malformed. */
    private static int digits(String s, int i, int end, boolean hex) {
        int start = i;
        boolean lastDigit = false;
        while (i < end) {
            char c = s.charAt(i);
            if (digitValue(c, hex) >= 0) {
                lastDigit = true;
            } else if (c == '_' && lastDigit) {
                lastDigit = false;
            } else {
                break;
            }
            i++;
        }
        if (i > start && !lastDigit) {
            return -1;
        }
        return i;
    }

    private static int digitValue(char c, boolean hex) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        if (hex) {
            return Lexer.hex(c);
        }
        return -1;
    }

    /**
     * An unsigned integer literal ({@code uN}: decimal or 0x hex, no sign) of at most 64 bits,
     * or {@code null} when the text is not one or does not fit 64 bits.
     */
    public static Long parseUnsigned(String s) {
        return parseMagnitude(s, 0);
    }

    private static Long parseMagnitude(String s, int i) {
        int end = s.length();
        boolean hex = s.startsWith("0x", i);
        if (hex) {
            i += 2;
        }
        if (i >= end) {
            return null;
        }
        long v = 0;
        boolean lastDigit = false;
        for (; i < end; i++) {
            char c = s.charAt(i);
            if (c == '_') {
                if (!lastDigit) {
                    return null;
                }
                lastDigit = false;
                continue;
            }
            int d = digitValue(c, hex);
            if (d < 0) {
                return null;
            }
            lastDigit = true;
            if (hex) {
                if ((v >>> 60) != 0) {
                    return null;
                }
                v = (v << 4) | d;
            } else {
                long hi = Math.multiplyHigh(v, 10) + ((v >> 63) & 10);
                long lo = v * 10;
                if (hi != 0) {
                    return null;
                }
                long sum = lo + d;
                if (Long.compareUnsigned(sum, lo) < 0) {
                    return null;
                }
                v = sum;
            }
        }
        return lastDigit ? v : null;
    }

    /**
     * An {@code iN} literal for {@code bits} = 32 or 64: unsigned up to 2^N-1, or signed within
     * [-2^(N-1), 2^(N-1)-1]. Returns the two's-complement bits, or {@code null} when out of range or
     * not an integer.
     */
    public static Long parseInt(String s, int bits) {
        if (s.isEmpty()) {
            return null;
        }
        char c = s.charAt(0);
        if (c == '+' || c == '-') {
            Long m = parseMagnitude(s, 1);
            if (m == null) {
                return null;
            }
            long limit = c == '-' ? (1L << (bits - 1)) : (1L << (bits - 1)) - 1;
            if (bits == 64) {
                limit = c == '-' ? Long.MIN_VALUE : Long.MAX_VALUE;
            }
            if (Long.compareUnsigned(m, limit) > 0) {
                return null;
            }
            return c == '-' ? -m : m;
        }
        Long m = parseMagnitude(s, 0);
        if (m == null) {
            return null;
        }
        if (bits < 64 && Long.compareUnsigned(m, (1L << bits) - 1) > 0) {
            return null;
        }
        return m;
    }

    /** An {@code f32} literal's bits; throws {@link NumberFormatException} with the spec's message. */
    public static int parseF32(String s) {
        return (int) parseFloat(s, 23, 8);
    }

    /** An {@code f64} literal's bits; throws {@link NumberFormatException} with the spec's message. */
    public static long parseF64(String s) {
        return parseFloat(s, 52, 11);
    }

    private static long parseFloat(String s, int mantBits, int expBits) {
        int end = s.length();
        if (!isNumber(s, 0, end)) {
            throw new NumberFormatException("unexpected token");
        }
        int i = 0;
        boolean negative = false;
        if (s.charAt(0) == '+' || s.charAt(0) == '-') {
            negative = s.charAt(0) == '-';
            i++;
        }
        long sign = negative ? 1L << (mantBits + expBits) : 0;
        long expMask = ((1L << expBits) - 1) << mantBits;
        if (s.startsWith("inf", i)) {
            return sign | expMask;
        }
        if (s.startsWith("nan", i)) {
            long payload;
            if (end - i == 3) {
                payload = 1L << (mantBits - 1);
            } else {
                Long p = parseMagnitude(s, i + 4);
                if (p == null || p == 0 || Long.compareUnsigned(p, 1L << mantBits) >= 0) {
                    throw new NumberFormatException("constant out of range");
                }
                payload = p;
            }
            return sign | expMask | payload;
        }
        boolean hex = s.startsWith("0x", i);
        if (hex) {
            i += 2;
        }
        // Collect the significand digits and count those after the point.
        StringBuilder digits = new StringBuilder(end - i);
        int fracDigits = 0;
        boolean afterPoint = false;
        for (; i < end; i++) {
            char c = s.charAt(i);
            if (c == '_') {
                continue;
            }
            if (c == '.') {
                afterPoint = true;
                continue;
            }
            if (digitValue(c, hex) < 0) {
                break;
            }
            digits.append(c);
            if (afterPoint) {
                fracDigits++;
            }
        }
        long exp = 0;
        if (i < end) {
            i++; // e, E, p or P
            boolean expNeg = false;
            if (s.charAt(i) == '+' || s.charAt(i) == '-') {
                expNeg = s.charAt(i) == '-';
                i++;
            }
            for (; i < end; i++) {
                char c = s.charAt(i);
                if (c != '_') {
                    exp = Math.min(exp * 10 + (c - '0'), 1_000_000_000L);
                }
            }
            if (expNeg) {
                exp = -exp;
            }
        }
        BigInteger mant = new BigInteger(digits.toString(), hex ? 16 : 10);
        if (mant.signum() == 0) {
            return sign;
        }
        BigInteger num;
        BigInteger den;
        if (hex) {
            long e2 = exp - 4L * fracDigits;
            long magnitude = e2 + mant.bitLength();
            if (magnitude > 4000) {
                throw new NumberFormatException("constant out of range");
            }
            if (magnitude < -4000) {
                return sign;
            }
            num = e2 >= 0 ? mant.shiftLeft((int) e2) : mant;
            den = e2 >= 0 ? BigInteger.ONE : BigInteger.ONE.shiftLeft((int) -e2);
        } else {
            long e10 = exp - fracDigits;
            if (e10 + digits.length() > 400) {
                throw new NumberFormatException("constant out of range");
            }
            if (e10 + digits.length() < -400) {
                return sign;
            }
            num = e10 >= 0 ? mant.multiply(BigInteger.TEN.pow((int) e10)) : mant;
            den = e10 >= 0 ? BigInteger.ONE : BigInteger.TEN.pow((int) -e10);
        }
        long bits = round(num, den, mantBits, expBits);
        if ((bits & expMask) == expMask) {
            throw new NumberFormatException("constant out of range");
        }
        return sign | bits;
    }

    /** num/den (positive) rounded to nearest-even in the given format; infinity when it overflows. */
    private static long round(BigInteger num, BigInteger den, int mantBits, int expBits) {
        int bias = (1 << (expBits - 1)) - 1;
        int emin = 1 - bias;
        long k = (long) num.bitLength() - den.bitLength();
        if (k >= 0 ? num.compareTo(den.shiftLeft((int) k)) < 0 : num.shiftLeft((int) -k).compareTo(den) < 0) {
            k--;
        }
        long e = Math.max(k, emin);
        long shift = mantBits - e;
        BigInteger n = shift >= 0 ? num.shiftLeft((int) shift) : num;
        BigInteger d = shift >= 0 ? den : den.shiftLeft((int) -shift);
        BigInteger[] qr = n.divideAndRemainder(d);
        BigInteger q = qr[0];
        int cmp = qr[1].shiftLeft(1).compareTo(d);
        if (cmp > 0 || (cmp == 0 && q.testBit(0))) {
            q = q.add(BigInteger.ONE);
        }
        if (q.bitLength() > mantBits + 1) {
            q = q.shiftRight(1);
            e++;
        }
        long expMask = ((1L << expBits) - 1) << mantBits;
        if (e > bias) {
            return expMask;
        }
        long qv = q.longValue();
        if (q.bitLength() <= mantBits) {
            return qv;
        }
        return ((e + bias) << mantBits) | (qv & ((1L << mantBits) - 1));
    }
}
