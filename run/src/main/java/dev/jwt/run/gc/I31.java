package dev.jwt.run.gc;

/** An i31ref: an unboxed scalar as a reference; equal values are equal references (ref.eq). */
public record I31(int value) {}
