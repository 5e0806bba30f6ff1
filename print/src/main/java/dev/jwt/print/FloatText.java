package dev.jwt.print;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * Float constants as wasm-tools prints them: the exact value as a hexadecimal float
 * ({@code 0x1.8p+1}, {@code -0x1.p-149} for subnormals, {@code nan:0x200000}, {@code inf}), then a
 * comment with the shortest decimal that reads back to the same value, written out without an
 * exponent ({@code (;=3;)}, {@code (;=0.5;)}, {@code (;=NaN;)}).
 */
final class FloatText {
    private FloatText() {}

    static void f32(StringBuilder out, int bits) {
        hex(out, bits & 0xFFFFFFFFL, 23, 8, 32);
        out.append(" (;=");
        float f = Float.intBitsToFloat(bits);
        if (Float.isNaN(f)) {
            out.append("NaN");
        } else if (Float.isInfinite(f)) {
            out.append(f < 0 ? "-inf" : "inf");
        } else if (f == 0) {
            out.append(bits < 0 ? "-0" : "0");
        } else {
            out.append(shortest(Float.toString(f), new BigDecimal(f), true, f, 0));
        }
        out.append(";)");
    }

    static void f64(StringBuilder out, long bits) {
        hex(out, bits, 52, 11, 64);
        out.append(" (;=");
        double d = Double.longBitsToDouble(bits);
        if (Double.isNaN(d)) {
            out.append("NaN");
        } else if (Double.isInfinite(d)) {
            out.append(d < 0 ? "-inf" : "inf");
        } else if (d == 0) {
            out.append(bits < 0 ? "-0" : "0");
        } else {
            out.append(shortest(Double.toString(d), new BigDecimal(d), false, 0, d));
        }
        out.append(";)");
    }

    /**
     * The shortest decimal that reads back to the value. Java's own toString is nearly always the
     * shortest; the few times it is not (JDK 17 and earlier), a rounding of the exact value to
     * fewer digits is.
     */
    private static String shortest(String javaText, BigDecimal exact, boolean single, float f, double d) {
        BigDecimal candidate = new BigDecimal(javaText);
        int precision = candidate.stripTrailingZeros().precision();
        for (int digits = 1; digits < precision; digits++) {
            BigDecimal r = exact.round(new MathContext(digits, RoundingMode.HALF_UP));
            if (single ? r.floatValue() == f : r.doubleValue() == d) {
                candidate = r;
                break;
            }
        }
        return candidate.stripTrailingZeros().toPlainString();
    }

    /** The hexadecimal float text of an IEEE value of {@code mantissaBits} and {@code expBits}. */
    private static void hex(StringBuilder out, long bits, int mantissaBits, int expBits, int width) {
        boolean negative = (bits >>> (width - 1)) != 0;
        long fraction = bits & ((1L << mantissaBits) - 1);
        int rawExp = (int) ((bits >>> mantissaBits) & ((1L << expBits) - 1));
        int bias = (1 << (expBits - 1)) - 1;
        if (negative) {
            out.append('-');
        }
        if (rawExp == (1 << expBits) - 1) {
            if (fraction == 0) {
                out.append("inf");
            } else if (fraction == 1L << (mantissaBits - 1)) {
                out.append("nan");
            } else {
                out.append("nan:0x").append(Long.toHexString(fraction));
            }
            return;
        }
        out.append("0x");
        if (rawExp == 0 && fraction == 0) {
            out.append("0p+0");
            return;
        }
        int exponent = rawExp - bias;
        out.append('1');
        if (fraction != 0) {
            // Left-align the fraction in 64 bits so hex digits come off the top.
            long f = fraction << (64 - mantissaBits);
            if (rawExp == 0) {
                // Subnormal: normalise, dropping the leading one.
                int lz = Long.numberOfLeadingZeros(f);
                f = lz == 63 ? 0 : f << (lz + 1);
                exponent -= lz;
            }
            out.append('.');
            while (f != 0) {
                out.append(Character.forDigit((int) (f >>> 60), 16));
                f <<= 4;
            }
        }
        out.append('p');
        if (exponent >= 0) {
            out.append('+');
        }
        out.append(exponent);
    }
}
