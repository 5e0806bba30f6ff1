package dev.jwt.validate.component;

import dev.jwt.binary.types.FuncType;
import dev.jwt.binary.types.GlobalType;
import dev.jwt.binary.types.MemoryType;
import dev.jwt.binary.types.TableType;

/**
 * The type of a core item as components see it (core instance exports, module imports and
 * exports). Functions carry their canonical type id, so that types from different modules
 * compare by iso-recursive equivalence.
 */
public sealed interface CoreExternType {
    record Func(int canonicalId, FuncType type) implements CoreExternType {
    }

    record Table(TableType type) implements CoreExternType {
    }

    record Memory(MemoryType type) implements CoreExternType {
    }

    record Global(GlobalType type) implements CoreExternType {
    }

    record Tag(int canonicalId, FuncType type) implements CoreExternType {
    }

    static String kindName(CoreExternType t) {
        if (t instanceof Func) return "func";
        if (t instanceof Table) return "table";
        if (t instanceof Memory) return "memory";
        if (t instanceof Global) return "global";
        return "tag";
    }
}
