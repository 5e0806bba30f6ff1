package dev.jwt.validate.component;

import java.util.List;

/**
 * A resolved component-level value type: a primitive or a defined type whose type indices have
 * been replaced by what they denote, so equal types are {@code equals}. Handles name their
 * resource by identity ({@link ResourceType}).
 */
public sealed interface ValueType extends ComponentTypeDef {

    /** The primitive value types. */
    enum Primitive implements ValueType {
        BOOL("bool"), S8("s8"), U8("u8"), S16("s16"), U16("u16"), S32("s32"), U32("u32"), S64("s64"),
        U64("u64"), F32("f32"), F64("f64"), CHAR("char"), STRING("string"), ERROR_CONTEXT("error-context");

        private final String text;

        Primitive(String text) {
            this.text = text;
        }

        public String text() {
            return text;
        }

        @Override
        public String toString() {
            return text;
        }
    }

    record Field(String name, ValueType type) {
    }

    /** A variant case; {@code type} is null for a case without payload. */
    record Case(String name, ValueType type) {
    }

    record Record(List<Field> fields) implements ValueType {
    }

    record Variant(List<Case> cases) implements ValueType {
    }

    /** {@code (list t)}, or with {@code length >= 0} the fixed-length {@code (list t len)}. */
    record ListType(ValueType element, long length) implements ValueType {
    }

    record Tuple(List<ValueType> types) implements ValueType {
    }

    record Flags(List<String> names) implements ValueType {
    }

    record Enum(List<String> names) implements ValueType {
    }

    record Option(ValueType type) implements ValueType {
    }

    /** {@code (result ok? (error err)?)}; absent parts are null. */
    record Result(ValueType ok, ValueType err) implements ValueType {
    }

    record Own(ResourceType resource) implements ValueType {
    }

    record Borrow(ResourceType resource) implements ValueType {
    }

    /** {@code (stream t?)}; {@code type} null when the stream carries no values. */
    record Stream(ValueType type) implements ValueType {
    }

    record Future(ValueType type) implements ValueType {
    }

    record MapType(ValueType key, ValueType value) implements ValueType {
    }

    /** A short description of the type's kind, in wasm-tools' words ("record", "u32"...). */
    static String kindName(ValueType t) {
        if (t instanceof Primitive p) {
            return p.text();
        }
        if (t instanceof Record) return "record";
        if (t instanceof Variant) return "variant";
        if (t instanceof ListType l) return l.length() >= 0 ? "list" : "list";
        if (t instanceof Tuple) return "tuple";
        if (t instanceof Flags) return "flags";
        if (t instanceof Enum) return "enum";
        if (t instanceof Option) return "option";
        if (t instanceof Result) return "result";
        if (t instanceof Own) return "own";
        if (t instanceof Borrow) return "borrow";
        if (t instanceof Stream) return "stream";
        if (t instanceof Future) return "future";
        return "map";
    }
}
