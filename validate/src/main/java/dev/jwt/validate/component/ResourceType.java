package dev.jwt.validate.component;

import dev.jwt.binary.types.ValType;

/**
 * A resource type. Resource types are compared by identity: each {@code (resource ...)}
 * definition, each {@code (sub resource)} import or export bound, and each instantiation of a
 * component type's exported resources makes a new one. An import or export of an existing
 * resource makes an {@linkplain #alias alias}: equal to it (same {@link #root()}), yet a distinct
 * object, because only the alias carries the import's or export's name.
 */
public final class ResourceType implements ComponentTypeDef {
    private final String name;
    private final ValType rep;
    private final int destructor;
    private final ResourceType root;

    private ResourceType(String name, ValType rep, int destructor, ResourceType root) {
        this.name = name;
        this.rep = rep;
        this.destructor = destructor;
        this.root = root == null ? this : root;
    }

    private ResourceType(String name, ValType rep, int destructor) {
        this(name, rep, destructor, null);
    }

    /** Another name for {@code r}: equal to it, but a distinct object. */
    public static ResourceType alias(ResourceType r, String name) {
        return new ResourceType(name, r.rep, r.destructor, r.root);
    }

    /** The resource this one is (itself unless it is an alias). */
    public ResourceType root() {
        return root;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ResourceType r && r.root == root;
    }

    @Override
    public int hashCode() {
        return System.identityHashCode(root);
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
        return "resource" + (name != null ? " " + name : "") + "@" + Integer.toHexString(System.identityHashCode(root));
    }
}
