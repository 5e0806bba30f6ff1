package dev.jwt.binary.component;

import dev.jwt.binary.module.ImportDesc;
import dev.jwt.binary.types.RecGroup;
import java.util.List;

/** {@code core:type} / {@code core:deftype}: a core type defined by a component. */
public sealed interface CoreType {
    /**
     * {@code core:rectype}: a core wasm type (function, struct, array... or a rec group). A lone
     * non-final subtype is written {@code 0x00 0x50 ...} here, because a bare {@code 0x50} is a
     * {@link ModuleType} (a pre-1.0 wart); the encoder adds the prefix by itself.
     */
    record Rec(RecGroup group) implements CoreType {}

    /** {@code core:moduletype}: {@code 0x50 md*}, the type of a core module. */
    record ModuleType(List<ModuleDecl> decls) implements CoreType {
        public ModuleType {
            decls = List.copyOf(decls);
        }
    }

    /** {@code core:moduledecl}: one declaration of a module type. */
    sealed interface ModuleDecl {
        /** {@code 0x00 i}: a core import. */
        record Import(dev.jwt.binary.module.Import item) implements ModuleDecl {}

        /** {@code 0x01 t}: a core type (never a module type: the decoder rejects one). */
        record Type(RecGroup group) implements ModuleDecl {}

        /** {@code 0x02 0x10 0x01 ct idx}: {@code (alias outer ct idx (type))}. */
        record OuterAlias(int count, int index) implements ModuleDecl {}

        /** {@code 0x03 n t}: {@code (export n t)}, {@code t} a core {@code externtype}. */
        record Export(String name, ImportDesc type) implements ModuleDecl {}
    }
}
