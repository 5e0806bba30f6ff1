package dev.jwt.validate.component;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A component type: its imports and exports by name (in order); the resources its imports bind
 * with {@code (sub resource)} (replaced by the supplied ones at instantiation) and the resources
 * its exports define abstractly (fresh at each instantiation).
 */
public record ComponentType(Map<String, ComponentEntityType> imports, Map<String, ComponentEntityType> exports,
        List<ResourceType> importedResources, List<ResourceType> definedResources)
        implements ComponentTypeDef, ComponentEntityType {
    public ComponentType {
        imports = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(imports));
        exports = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(exports));
        importedResources = List.copyOf(importedResources);
        definedResources = List.copyOf(definedResources);
    }
}
