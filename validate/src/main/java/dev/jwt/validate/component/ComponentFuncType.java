package dev.jwt.validate.component;

import java.util.List;

/**
 * A component function type: named parameters, an optional result (null when there is none) and
 * whether it is {@code async}.
 */
public record ComponentFuncType(List<Param> params, ValueType result, boolean async)
        implements ComponentTypeDef, ComponentEntityType {
    public record Param(String name, ValueType type) {
    }

    public ComponentFuncType {
        params = List.copyOf(params);
    }

    /** The parameter types in order (the Canonical ABI's {@code param_types()}). */
    public List<ValueType> paramTypes() {
        return params.stream().map(Param::type).toList();
    }

    /** The result types: none or one (the Canonical ABI's {@code result_type()}). */
    public List<ValueType> resultTypes() {
        return result == null ? List.of() : List.of(result);
    }
}
