package dev.jwt.binary.types;

import java.util.OptionalLong;

/**
 * Limits of a memory or table. {@code is64} marks an i64 address type (memory64 / table64);
 * {@code pageSizeLog2} is the custom page size exponent, or -1 when the default (64 KiB) applies
 * and was not written.
 */
public record Limits(long min, OptionalLong max, boolean is64, boolean shared, int pageSizeLog2) {
    public static Limits of(long min) {
        return new Limits(min, OptionalLong.empty(), false, false, -1);
    }
}
