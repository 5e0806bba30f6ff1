package dev.jwt.binary;

import java.util.Locale;

/**
 * WebAssembly proposals, named as wasm-tools names them ({@code --features}). {@link #MVP} is the
 * baseline that every feature set contains. Whether a feature is on by default follows wasm-tools.
 */
public enum Feature {
    MVP(true),
    MUTABLE_GLOBAL(true),
    SATURATING_FLOAT_TO_INT(true),
    SIGN_EXTENSION(true),
    REFERENCE_TYPES(true),
    MULTI_VALUE(true),
    BULK_MEMORY(true),
    SIMD(true),
    RELAXED_SIMD(true),
    THREADS(true),
    SHARED_EVERYTHING_THREADS(false),
    TAIL_CALL(true),
    FLOATS(true),
    MULTI_MEMORY(true),
    EXCEPTIONS(true),
    MEMORY64(true),
    EXTENDED_CONST(true),
    COMPONENT_MODEL(true),
    FUNCTION_REFERENCES(true),
    MEMORY_CONTROL(false),
    GC(true),
    CUSTOM_PAGE_SIZES(false),
    LEGACY_EXCEPTIONS(false),
    GC_TYPES(true),
    STACK_SWITCHING(false),
    WIDE_ARITHMETIC(false),
    CM_VALUES(false),
    CM_NESTED_NAMES(false),
    CM_ASYNC(true),
    CM_ASYNC_STACKFUL(false),
    CM_ASYNC_BUILTINS(false),
    CM_THREADING(false),
    CM_ERROR_CONTEXT(false),
    CM_FIXED_LENGTH_LISTS(false),
    CM_GC(false),
    /** 64-bit memories and pointers in canonical options ({@code cm64}). */
    CM64(false),
    CM_MAP(false),
    CM_IMPLEMENTS(false),
    CM_CANON_NAMES(false),
    CM_MORE_ASYNC_BUILTINS(false),
    CALL_INDIRECT_OVERLONG(true),
    BULK_MEMORY_OPT(false),
    CUSTOM_DESCRIPTORS(false);

    private final boolean enabledByDefault;

    Feature(boolean enabledByDefault) {
        this.enabledByDefault = enabledByDefault;
    }

    public boolean enabledByDefault() {
        return enabledByDefault;
    }

    /** The flag name wasm-tools uses, e.g. {@code reference-types}. */
    public String flagName() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** Looks a feature up by its flag name; {@code null} when there is none of that name. */
    public static Feature byFlagName(String name) {
        for (Feature f : values()) {
            if (f.flagName().equals(name)) {
                return f;
            }
        }
        return null;
    }
}
