package dev.jwt.validate;

import dev.jwt.binary.component.Component;
import dev.jwt.validate.component.ComponentEntityType;
import dev.jwt.validate.component.ComponentType;
import dev.jwt.validate.component.ComponentValidator;
import java.util.List;
import java.util.Map;

/**
 * A component that passed validation, with the resolved types of its imports and exports (in
 * order, resources by identity) and its core modules validated, in the order they appear in the
 * binary (nested components' modules included, depth first).
 */
public final class ValidatedComponent implements Validated {
    private final Component component;
    private final ComponentType type;
    private final List<ValidatedModule> modules;

    private ValidatedComponent(Component component, ComponentType type, List<ValidatedModule> modules) {
        this.component = component;
        this.type = type;
        this.modules = List.copyOf(modules);
    }

    static ValidatedComponent of(Component component, ComponentValidator.ComponentInfo info) {
        return new ValidatedComponent(component, info.type(), info.modules());
    }

    public Component component() { return component; }
    /** The component's type: imports, exports, and the resources they bind. */
    public ComponentType type() { return type; }
    /** The resolved type of each import, by name, in order. */
    public Map<String, ComponentEntityType> imports() { return type.imports(); }
    /** The resolved type of each export, by name, in order. */
    public Map<String, ComponentEntityType> exports() { return type.exports(); }
    /** The core modules defined directly in this component, validated, in binary order. */
    public List<ValidatedModule> modules() { return modules; }
}
