package dev.jwt.validate.component;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A core module type: its imports (in order) and exports by name. */
public record CoreModuleType(List<Import> imports, Map<String, CoreExternType> exports)
        implements ComponentEntityType {
    public record Import(String module, String name, CoreExternType type) {
    }

    public CoreModuleType {
        imports = List.copyOf(imports);
        exports = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(exports));
    }
}
