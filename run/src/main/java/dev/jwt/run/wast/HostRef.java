package dev.jwt.run.wast;

/** The scripts' {@code (ref.extern n)} / {@code (ref.host n)}: a host reference that is its number. */
public record HostRef(long value) {
}
