package dev.jwt.binary.component;

import java.util.List;

/** {@code core:instance}: a core instance definition. */
public sealed interface CoreInstance {
    /** {@code 0x00 m arg*}: {@code (instantiate m (with n (instance i))*)}. */
    record Instantiate(int moduleIndex, List<InstantiateArg> args) implements CoreInstance {
        public Instantiate {
            args = List.copyOf(args);
        }
    }

    /** {@code 0x01 e*}: an instance made of core definitions, {@code (export n (sort i))*}. */
    record FromExports(List<InlineExport> exports) implements CoreInstance {
        public FromExports {
            exports = List.copyOf(exports);
        }
    }

    /**
     * {@code core:instantiatearg}: {@code n 0x12 i}. Only the {@code instance} sort (0x12) exists for
     * now, so only the core instance index is kept.
     */
    record InstantiateArg(String name, int instanceIndex) {}

    /** {@code core:inlineexport}: {@code sort} is one of the {@code CORE_*} sorts. */
    record InlineExport(String name, SortIndex item) {}
}
