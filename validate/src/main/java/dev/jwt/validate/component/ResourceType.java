package dev.jwt.validate.component;

import dev.jwt.binary.types.ValType;

/**
 * A resource type. Resource types are compared by identity: each {@code (resource ...)}
 * definition, each {@code (sub resource)} import or export bound, and each instantiation of a
 * component type's exported resources makes a new one.
 */
public final class ResourceType implements ComponentTypeDef {
    private final String name;
    private final ValType rep;
    private final int destructor;

    private ResourceType(String name, ValType rep, int destructor) {
        this.name = name;
        this.rep = rep;
        this.destructor = destructor;
    }

    /** A resource defined by {@code (type (resource (rep t) (dtor f)?))}. */
    public static ResourceType defined(ValType rep, int destructor) {
        return new ResourceType(null, rep, destructor);
    }

    /** An abstract resource: bound by {@code (sub resource)}, its representation unknown here. */
    public static ResourceType fresh(String name) {
        return new ResourceType(name, null, -1);
    }

    /** Whether this resource was defined in a component (it has a representation). */
    public boolean isDefined() {
        return rep != null;
    }

    /** The core representation type of a defined resource; null for an abstract one. */
    public ValType rep() {
        return rep;
    }

    /** The core function index of the destructor of a defined resource; -1 for none. */
    public int destructor() {
        return destructor;
    }

    /** The name it was first imported or exported under, if any (for messages). */
    public String name() {
        return name;
    }

    @Override
    public String toString() {
        return "resource" + (name != null ? " " + name : "") + "@" + Integer.toHexString(System.identityHashCode(this));
    }
}
