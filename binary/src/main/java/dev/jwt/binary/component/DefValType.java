package dev.jwt.binary.component;

import java.util.List;
import java.util.Optional;

/**
 * {@code defvaltype}: a defined value type. Each record notes its opcode; the spec's
 * non-emptiness conditions ({@code |lt*| > 0}...) are validation, not decoding, so empty lists are
 * representable here.
 */
public sealed interface DefValType extends DefType permits PrimValType, DefValType.Record, DefValType.Variant,
        DefValType.ListType, DefValType.FixedSizeList, DefValType.Tuple, DefValType.Flags, DefValType.Enum,
        DefValType.Option, DefValType.Result, DefValType.Own, DefValType.Borrow, DefValType.Stream,
        DefValType.Future, DefValType.MapType {

    /** {@code 0x72 lt*}: {@code (record (field l t)+)}. */
    record Record(List<DefType.LabelValType> fields) implements DefValType {
        public Record {
            fields = List.copyOf(fields);
        }
    }

    /** {@code 0x71 case*}: {@code (variant (case l t?)+)}. */
    record Variant(List<Case> cases) implements DefValType {
        public Variant {
            cases = List.copyOf(cases);
        }
    }

    /**
     * {@code case}: {@code l t? 0x00}. The trailing byte was once a {@code refines} index; the
     * decoder now requires it to be zero.
     */
    record Case(String label, Optional<ComponentValType> type) {}

    /** {@code 0x70 t}: {@code (list t)}. */
    record ListType(ComponentValType element) implements DefValType {}

    /** {@code 0x67 t len}: 🔧 {@code (list t len)}, a fixed-size list. */
    record FixedSizeList(ComponentValType element, int length) implements DefValType {}

    /** {@code 0x6f t*}: {@code (tuple t+)}. */
    record Tuple(List<ComponentValType> types) implements DefValType {
        public Tuple {
            types = List.copyOf(types);
        }
    }

    /** {@code 0x6e l*}: {@code (flags l+)}. */
    record Flags(List<String> labels) implements DefValType {
        public Flags {
            labels = List.copyOf(labels);
        }
    }

    /** {@code 0x6d l*}: {@code (enum l+)}. */
    record Enum(List<String> labels) implements DefValType {
        public Enum {
            labels = List.copyOf(labels);
        }
    }

    /** {@code 0x6b t}: {@code (option t)}. */
    record Option(ComponentValType type) implements DefValType {}

    /** {@code 0x6a t? u?}: {@code (result t? (error u)?)}. */
    record Result(Optional<ComponentValType> ok, Optional<ComponentValType> error) implements DefValType {}

    /** {@code 0x69 i}: {@code (own i)}, {@code i} a resource type index. */
    record Own(int typeIndex) implements DefValType {}

    /** {@code 0x68 i}: {@code (borrow i)}. */
    record Borrow(int typeIndex) implements DefValType {}

    /** {@code 0x66 t?}: 🔀 {@code (stream t?)}. */
    record Stream(Optional<ComponentValType> element) implements DefValType {}

    /** {@code 0x65 t?}: 🔀 {@code (future t?)}. */
    record Future(Optional<ComponentValType> element) implements DefValType {}

    /** {@code 0x63 k v}: 🗺️ {@code (map k v)}. */
    record MapType(ComponentValType key, ComponentValType value) implements DefValType {}
}
