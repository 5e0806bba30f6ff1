package dev.jwt.binary.component;

import dev.jwt.binary.module.Module;

/** What a {@code .wasm} file holds: a core module or a component (its preamble's layer says which). */
public sealed interface WasmBinary {
    /** A core module (layer 0). */
    record CoreModule(Module module) implements WasmBinary {}

    /** A component (layer 1). */
    record ComponentBinary(Component component) implements WasmBinary {}
}
