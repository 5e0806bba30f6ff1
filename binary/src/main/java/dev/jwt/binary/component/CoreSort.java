package dev.jwt.binary.component;

/**
 * {@code core:sort}: the kinds of core definitions a component can refer to. The codes match
 * core {@code externtype} discriminants; {@code type}, {@code module} and {@code instance} are
 * there for outer aliases and module linking.
 */
public enum CoreSort {
    FUNC(0x00, "func"),
    TABLE(0x01, "table"),
    MEMORY(0x02, "memory"),
    GLOBAL(0x03, "global"),
    TAG(0x04, "tag"),
    TYPE(0x10, "type"),
    MODULE(0x11, "module"),
    INSTANCE(0x12, "instance");

    private final int code;
    private final String text;

    CoreSort(int code, String text) {
        this.code = code;
        this.text = text;
    }

    /** The byte that stands for this sort. */
    public int code() {
        return code;
    }

    /** The text format's keyword (without {@code core}). */
    public String text() {
        return text;
    }

    /** The sort with this code, or null. */
    public static CoreSort byCode(int code) {
        for (CoreSort s : values()) {
            if (s.code == code) {
                return s;
            }
        }
        return null;
    }
}
