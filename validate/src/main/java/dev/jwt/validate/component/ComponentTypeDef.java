package dev.jwt.validate.component;

/**
 * What an entry of a component's type index space denotes: a value type, a function type, a
 * component or instance type, or a resource type.
 */
public sealed interface ComponentTypeDef
        permits ValueType, ComponentFuncType, ComponentType, InstanceType, ResourceType {
}
