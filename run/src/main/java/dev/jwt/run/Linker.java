package dev.jwt.run;

import dev.jwt.binary.module.Import;
import dev.jwt.binary.types.FuncType;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Resolves imports by module and name: host functions, and memories, tables, globals and
 * functions exported by other instances (shared, not copied). Then instantiates modules.
 */
public final class Linker {
    private final Map<String, Map<String, Object>> definitions = new HashMap<>();

    /** Defines {@code module::name} as an extern value: WasmFunction, Memory, Table, Global or Tag. */
    public Linker define(String module, String name, Object value) {
        if (!(value instanceof WasmFunction || value instanceof Memory || value instanceof Table || value instanceof Global
                || value instanceof Tag)) {
            throw new IllegalArgumentException("not an extern value: " + value);
        }
        definitions.computeIfAbsent(module, k -> new HashMap<>()).put(name, value);
        return this;
    }

    /** Defines a host function. */
    public Linker define(String module, String name, FuncType type, HostFunction function) {
        return define(module, name, WasmFunction.host(type, function));
    }

    /** Defines every export of {@code instance} under {@code module} (the wast {@code register}). */
    public Linker define(String module, Instance instance) {
        for (Map.Entry<String, Object> e : instance.exports().entrySet()) {
            define(module, e.getKey(), e.getValue());
        }
        return this;
    }

    public Object get(String module, String name) {
        Map<String, Object> m = definitions.get(module);
        return m == null ? null : m.get(name);
    }

    /** Instantiates {@code module}; throws {@link LinkException}, {@link Trap} (start, segments). */
    public Instance instantiate(CompiledModule module) {
        List<Object> imports = new ArrayList<>();
        for (Import imp : module.module().imports()) {
            Object value = get(imp.module(), imp.name());
            if (value == null) {
                throw new LinkException("unknown import", imp.module() + "::" + imp.name());
            }
            imports.add(value);
        }
        try {
            return module.instantiate(imports);
        } catch (Throwable t) {
            throw Engine.translate(t);
        }
    }
}
