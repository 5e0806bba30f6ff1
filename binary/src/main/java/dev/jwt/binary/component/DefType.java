package dev.jwt.binary.component;

import dev.jwt.binary.types.ValType;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * {@code deftype}: what a {@code type} definition (type section entry, or {@code 0x01} type
 * declarator) defines.
 */
public sealed interface DefType permits DefValType, DefType.Func, DefType.ComponentType,
        DefType.InstanceType, DefType.Resource {

    /**
     * {@code functype}: {@code 0x40} (sync) or {@code 0x43} (🔀 async) with params and an optional
     * result ({@code resultlist}: {@code 0x00 t} or {@code 0x01 0x00}).
     */
    record Func(boolean async, List<LabelValType> params, Optional<ComponentValType> result) implements DefType {
        public Func {
            params = List.copyOf(params);
        }
    }

    /** {@code componenttype}: {@code 0x41 cd*}. */
    record ComponentType(List<ComponentDecl> decls) implements DefType {
        public ComponentType {
            decls = List.copyOf(decls);
        }
    }

    /** {@code instancetype}: {@code 0x42 id*}. */
    record InstanceType(List<InstanceDecl> decls) implements DefType {
        public InstanceType {
            decls = List.copyOf(decls);
        }
    }

    /**
     * {@code resourcetype}: {@code 0x3f rep dtor?}, {@code (resource (rep t) (dtor f)?)}; {@code rep}
     * is a core value type (i32 today), {@code dtor} a core function index.
     */
    record Resource(ValType rep, OptionalInt dtor) implements DefType {}

    /** {@code labelvaltype}: a named value type (record field, function parameter). */
    record LabelValType(String label, ComponentValType type) {}
}
