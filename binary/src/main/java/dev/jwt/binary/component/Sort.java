package dev.jwt.binary.component;

/**
 * {@code sort}: every index space of a component. The core sorts are flattened in
 * ({@code CORE_FUNC} is {@code 0x00 0x00} in binary, "core func" in text) so that one enum can key
 * per-sort tables such as index spaces and the {@code component-name} section.
 */
public enum Sort {
    CORE_FUNC(CoreSort.FUNC),
    CORE_TABLE(CoreSort.TABLE),
    CORE_MEMORY(CoreSort.MEMORY),
    CORE_GLOBAL(CoreSort.GLOBAL),
    CORE_TAG(CoreSort.TAG),
    CORE_TYPE(CoreSort.TYPE),
    CORE_MODULE(CoreSort.MODULE),
    CORE_INSTANCE(CoreSort.INSTANCE),
    FUNC(0x01, "func"),
    /** 🪙 value definitions. */
    VALUE(0x02, "value"),
    TYPE(0x03, "type"),
    COMPONENT(0x04, "component"),
    INSTANCE(0x05, "instance");

    /** The byte that introduces a core sort in {@code sort}; the core sort's own code follows. */
    public static final int CORE_PREFIX = 0x00;

    private final int code;
    private final String text;
    private final CoreSort core;

    Sort(CoreSort core) {
        this.code = CORE_PREFIX;
        this.text = "core " + core.text();
        this.core = core;
    }

    Sort(int code, String text) {
        this.code = code;
        this.text = text;
        this.core = null;
    }

    /** The first byte of this sort in binary ({@code 0x00} for every core sort). */
    public int code() {
        return code;
    }

    /** The text format's words, e.g. {@code "core func"}, {@code "instance"}. */
    public String text() {
        return text;
    }

    public boolean isCore() {
        return core != null;
    }

    /** The core sort this is, or null for a component sort. */
    public CoreSort coreSort() {
        return core;
    }

    /** The component sort standing for a core sort. */
    public static Sort of(CoreSort core) {
        return values()[core.ordinal()];
    }

    /** The component (non-core) sort with this code, or null. */
    public static Sort byCode(int code) {
        for (Sort s : values()) {
            if (s.core == null && s.code == code) {
                return s;
            }
        }
        return null;
    }
}
