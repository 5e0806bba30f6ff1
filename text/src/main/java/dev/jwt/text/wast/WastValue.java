package dev.jwt.text.wast;

import dev.jwt.binary.types.HeapType;
import java.util.List;

/**
 * A typed constant of a script: an argument of an action or an expected result. Results may be
 * patterns: NaN classes, reference kinds without a value, lane-wise vectors, alternatives.
 */
public sealed interface WastValue {
    record I32(int value) implements WastValue {}

    record I64(long value) implements WastValue {}

    /** IEEE bits. */
    record F32(int bits) implements WastValue {}

    /** IEEE bits. */
    record F64(long bits) implements WastValue {}

    /** Bytes 0-7 little endian in {@code low}, 8-15 in {@code high}. */
    record V128(long low, long high) implements WastValue {}

    /** {@code nan:canonical} or {@code nan:arithmetic} for an f32 or f64 (or a float lane). */
    record NanPattern(boolean f64, boolean canonical) implements WastValue {}

    /**
     * An expected vector given lane by lane, because some lanes are NaN patterns; lanes are
     * {@link F32}, {@link F64} or {@link NanPattern}.
     */
    record V128Lanes(String shape, List<WastValue> lanes) implements WastValue {
        public V128Lanes {
            lanes = List.copyOf(lanes);
        }
    }

    /** {@code (ref.null ht)}; {@code heapType} is null for the pattern {@code (ref.null)}. */
    record RefNull(HeapType heapType) implements WastValue {}

    /** {@code (ref.extern n)}; {@code value} is null for the pattern {@code (ref.extern)}. */
    record RefExtern(Long value) implements WastValue {}

    /** {@code (ref.host n)}. */
    record RefHost(long value) implements WastValue {}

    /**
     * A reference pattern matching any non-null reference of a kind: {@code func}, {@code struct},
     * {@code array}, {@code eq}, {@code i31}, {@code any}, {@code exn}, ... (the part after
     * {@code ref.}); {@code index} is the written index or id after it, or null.
     */
    record RefKind(String kind, String index) implements WastValue {}

    /** {@code (either v1 v2 ...)}: the result must match one of the alternatives. */
    record Either(List<WastValue> alternatives) implements WastValue {
        public Either {
            alternatives = List.copyOf(alternatives);
        }
    }

    /** A value form jwt does not model yet (e.g. component-model values), kept as its source text. */
    record Other(String text) implements WastValue {}
}
