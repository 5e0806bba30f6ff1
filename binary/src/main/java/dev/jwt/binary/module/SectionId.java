package dev.jwt.binary.module;

/**
 * The sections of a core module, with their binary ids and names (as {@code objdump} shows them),
 * listed in the order the binary format requires them. Custom sections may appear anywhere.
 */
public enum SectionId {
    CUSTOM(0, "custom"),
    TYPE(1, "type"),
    IMPORT(2, "import"),
    FUNCTION(3, "function"),
    TABLE(4, "table"),
    MEMORY(5, "memory"),
    TAG(13, "tag"),
    GLOBAL(6, "global"),
    EXPORT(7, "export"),
    START(8, "start"),
    ELEMENT(9, "element"),
    DATA_COUNT(12, "data count"),
    CODE(10, "code"),
    DATA(11, "data");

    private static final SectionId[] BY_ID = new SectionId[14];

    static {
        for (SectionId s : values()) {
            BY_ID[s.id] = s;
        }
    }

    private final int id;
    private final String text;

    SectionId(int id, String text) {
        this.id = id;
        this.text = text;
    }

    /** The section id byte. */
    public int id() { return id; }

    public String text() { return text; }

    /** The position in the required order: custom 0, then type 1 up to data 13. */
    public int rank() { return ordinal(); }

    /** The section with id byte {@code id}, or null when there is none. */
    public static SectionId byId(int id) {
        return id >= 0 && id < BY_ID.length ? BY_ID[id] : null;
    }
}
