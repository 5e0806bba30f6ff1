package dev.jwt.binary.component;

/** {@code externtype}: the type of an import or export. */
public sealed interface ExternType {
    /** The sort of what is imported or exported (a core module is {@link Sort#CORE_MODULE}). */
    Sort sort();

    /** {@code 0x00 0x11 i}: {@code (core module (type i))}, {@code i} a core type index. */
    record Module(int coreTypeIndex) implements ExternType {
        public Sort sort() { return Sort.CORE_MODULE; }
    }

    /** {@code 0x01 i}: {@code (func (type i))}. */
    record Func(int typeIndex) implements ExternType {
        public Sort sort() { return Sort.FUNC; }
    }

    /**
     * {@code 0x02 t}: 🪙 {@code (value t)}. The spec's grammar has a {@code valuebound} byte here
     * ({@code 0x00 i} eq, {@code 0x01 t}); wasm-tools 1.257 and the binaries it writes put the value
     * type right after {@code 0x02}, which is what the decoder reads and the encoder writes. So a
     * decoded bound is always {@link ValueBound.Type}, and {@link ValueBound.Eq} cannot be encoded.
     */
    record Value(ValueBound bound) implements ExternType {
        public Sort sort() { return Sort.VALUE; }
    }

    /** {@code 0x03 b}: {@code (type b)}. */
    record Type(TypeBound bound) implements ExternType {
        public Sort sort() { return Sort.TYPE; }
    }

    /** {@code 0x04 i}: {@code (component (type i))}. */
    record Component(int typeIndex) implements ExternType {
        public Sort sort() { return Sort.COMPONENT; }
    }

    /** {@code 0x05 i}: {@code (instance (type i))}. */
    record Instance(int typeIndex) implements ExternType {
        public Sort sort() { return Sort.INSTANCE; }
    }

    /** {@code typebound}. */
    sealed interface TypeBound {
        /** {@code 0x00 i}: {@code (eq i)}, an alias of type {@code i}. */
        record Eq(int typeIndex) implements TypeBound {}

        /** {@code 0x01}: {@code (sub resource)}, a fresh abstract resource type. */
        record SubResource() implements TypeBound {}
    }

    /** {@code valuebound} 🪙. */
    sealed interface ValueBound {
        /** {@code 0x00 i}: {@code (eq i)}, {@code i} a value index. */
        record Eq(int valueIndex) implements ValueBound {}

        /** {@code 0x01 t}: a value of type {@code t}. */
        record Type(ComponentValType type) implements ValueBound {}
    }
}
