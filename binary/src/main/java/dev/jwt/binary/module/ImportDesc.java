package dev.jwt.binary.module;

import dev.jwt.binary.types.GlobalType;
import dev.jwt.binary.types.MemoryType;
import dev.jwt.binary.types.TableType;
import dev.jwt.binary.types.TagType;

/** What an import brings in. */
public sealed interface ImportDesc {
    ExternKind kind();

    /**
     * A function of type {@code typeIndex}. An {@code exact} import (custom-descriptors, kind code
     * 0x20) only accepts a function of exactly that type, not of a subtype.
     */
    record Func(int typeIndex, boolean exact) implements ImportDesc {
        /** The kind code of an exact function import. */
        public static final int EXACT_CODE = 0x20;

        public Func(int typeIndex) {
            this(typeIndex, false);
        }

        public ExternKind kind() { return ExternKind.FUNC; }
    }

    record TableImport(TableType type) implements ImportDesc {
        public ExternKind kind() { return ExternKind.TABLE; }
    }

    record Memory(MemoryType type) implements ImportDesc {
        public ExternKind kind() { return ExternKind.MEMORY; }
    }

    record GlobalImport(GlobalType type) implements ImportDesc {
        public ExternKind kind() { return ExternKind.GLOBAL; }
    }

    record Tag(TagType type) implements ImportDesc {
        public ExternKind kind() { return ExternKind.TAG; }
    }
}
