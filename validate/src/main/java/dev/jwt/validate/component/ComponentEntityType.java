package dev.jwt.validate.component;

/**
 * The resolved type of an import, an export or an index-space entry of a component-level sort
 * (the Explainer's {@code externtype}, with type indices resolved).
 */
public sealed interface ComponentEntityType
        permits CoreModuleType, ComponentFuncType, ComponentEntityType.Value, ComponentEntityType.Type,
        InstanceType, ComponentType {

    /** {@code (value t)}. */
    record Value(ValueType type) implements ComponentEntityType {
    }

    /** {@code (type ...)}: the type that the import or export binds. */
    record Type(ComponentTypeDef type) implements ComponentEntityType {
    }

    /** The sort's name as wasm-tools writes it in messages ("func", "instance", ...). */
    static String kindName(ComponentEntityType t) {
        if (t instanceof CoreModuleType) return "module";
        if (t instanceof ComponentFuncType) return "func";
        if (t instanceof Value) return "value";
        if (t instanceof Type) return "type";
        if (t instanceof InstanceType) return "instance";
        return "component";
    }
}
