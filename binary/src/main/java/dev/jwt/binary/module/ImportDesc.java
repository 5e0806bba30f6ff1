package dev.jwt.binary.module;

import dev.jwt.binary.types.GlobalType;
import dev.jwt.binary.types.MemoryType;
import dev.jwt.binary.types.TableType;
import dev.jwt.binary.types.TagType;

/** What an import brings in. */
public sealed interface ImportDesc {
    ExternKind kind();

    record Func(int typeIndex) implements ImportDesc {
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
