package dev.jwt.validate.component;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A component instance type: its exports by name (in order), and the resources it defines
 * abstractly (exported as {@code (sub resource)}), which each import of this type makes fresh.
 */
public record InstanceType(Map<String, ComponentEntityType> exports, List<ResourceType> definedResources)
        implements ComponentTypeDef, ComponentEntityType {
    public InstanceType {
        exports = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(exports));
        definedResources = List.copyOf(definedResources);
    }
}
