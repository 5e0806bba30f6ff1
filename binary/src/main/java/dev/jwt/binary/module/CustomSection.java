package dev.jwt.binary.module;

/**
 * A custom section, byte for byte. {@code after} is the id of the last non-custom section before
 * it (0 when it precedes them all), which is where the encoder puts it back.
 */
public record CustomSection(String name, Bytes data, int after) {
}
