package dev.jwt.binary.code;

/**
 * The memory ordering immediate of the shared-everything-threads atomic instructions on globals,
 * tables, structs and arrays: one byte, 0 for sequentially consistent, 1 for acquire-release.
 */
public enum Ordering {
    SEQ_CST("seq_cst"),
    ACQ_REL("acq_rel");

    private final String text;

    Ordering(String text) {
        this.text = text;
    }

    /** The binary encoding. */
    public int code() {
        return ordinal();
    }

    /** The text-format keyword. */
    public String text() {
        return text;
    }

    /** The ordering with binary code {@code b}, or {@code null}. */
    public static Ordering byCode(int b) {
        return b == 0 ? SEQ_CST : b == 1 ? ACQ_REL : null;
    }

    /** The ordering spelled {@code keyword} in text, or {@code null}. */
    public static Ordering byText(String keyword) {
        for (Ordering o : values()) {
            if (o.text.equals(keyword)) {
                return o;
            }
        }
        return null;
    }
}
