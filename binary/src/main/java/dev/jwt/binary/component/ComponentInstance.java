package dev.jwt.binary.component;

import java.util.List;

/** {@code instance}: a component instance definition. */
public sealed interface ComponentInstance {
    /** {@code 0x00 c arg*}: {@code (instantiate c (with n si)*)}. */
    record Instantiate(int componentIndex, List<InstantiateArg> args) implements ComponentInstance {
        public Instantiate {
            args = List.copyOf(args);
        }
    }

    /** {@code 0x01 e*}: an instance made of definitions, {@code (export na si)*}. */
    record FromExports(List<InlineExport> exports) implements ComponentInstance {
        public FromExports {
            exports = List.copyOf(exports);
        }
    }

    /** {@code instantiatearg}: {@code (with n si)}. */
    record InstantiateArg(String name, SortIndex item) {}

    /** {@code inlineexport}: {@code (export na si)}. */
    record InlineExport(ExternName name, SortIndex item) {}
}
