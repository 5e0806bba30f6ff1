package dev.jwt.wit.resolve;

import java.util.List;

/** A function of an interface or world; resource functions carry their resource in {@link #kind()}. */
public record Function(String name, FunctionKind kind, List<Param> params, Type result, String docs, Stability stability) {
    public record Param(String name, Type type) {}

    public Function with(List<Param> p, Type r) {
        return new Function(name, kind, p, r, docs, stability);
    }

    public sealed interface FunctionKind {
        boolean async();

        /** The resource this function belongs to, or -1. */
        default int resource() {
            return -1;
        }
    }

    public record Freestanding(boolean async) implements FunctionKind {}

    public record Method(int resource, boolean async) implements FunctionKind {}

    public record Static(int resource, boolean async) implements FunctionKind {}

    public record Constructor(int resource) implements FunctionKind {
        @Override
        public boolean async() {
            return false;
        }
    }
}
