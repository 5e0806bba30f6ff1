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

    /** A value form jwt does not model, kept as its source text. */
    record Other(String text) implements WastValue {}

    // Component-model values (wasm-tools' wast syntax for invoking component functions). f32 and
    // f64 values are {@link F32} and {@link F64}, as for core functions.

    /** {@code (bool.const true|false)}. */
    record Bool(boolean value) implements WastValue {}

    /**
     * {@code (u8.const n)} ... {@code (s64.const n)}: {@code type} is the type's name ({@code "u8"},
     * {@code "s64"}...), {@code bits} the value's two's-complement bits at that width.
     */
    record Int(String type, long bits) implements WastValue {}

    /** {@code (char.const "c")}: a Unicode scalar value. */
    record Char(int codePoint) implements WastValue {}

    /** {@code (str.const "s")}. */
    record Str(String value) implements WastValue {}

    /** {@code (list.const v*)}. */
    record ListValue(List<WastValue> elements) implements WastValue {
        public ListValue {
            elements = List.copyOf(elements);
        }
    }

    /** {@code (record.const (field "name" v)*)}. */
    record RecordValue(List<Field> fields) implements WastValue {
        public RecordValue {
            fields = List.copyOf(fields);
        }
    }

    /** One field of a {@link RecordValue}. */
    record Field(String name, WastValue value) {}

    /** {@code (tuple.const v*)}. */
    record TupleValue(List<WastValue> elements) implements WastValue {
        public TupleValue {
            elements = List.copyOf(elements);
        }
    }

    /** {@code (variant.const "case" v?)}; {@code payload} is null without one. */
    record VariantValue(String caseName, WastValue payload) implements WastValue {}

    /** {@code (enum.const "case")}. */
    record EnumValue(String caseName) implements WastValue {}

    /** {@code (option.none)} (value null) or {@code (option.some v)}. */
    record OptionValue(WastValue value) implements WastValue {}

    /** {@code (result.ok v?)} or {@code (result.err v?)}; {@code value} is null without a payload. */
    record ResultValue(boolean ok, WastValue value) implements WastValue {}

    /** {@code (flags.const "f"*)}: the flags that are set. */
    record FlagsValue(List<String> flags) implements WastValue {
        public FlagsValue {
            flags = List.copyOf(flags);
        }
    }
}
