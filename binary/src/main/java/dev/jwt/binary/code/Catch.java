package dev.jwt.binary.code;

/**
 * A try_table catch clause: kind 0 {@code catch tag label}, 1 {@code catch_ref tag label},
 * 2 {@code catch_all label}, 3 {@code catch_all_ref label}. {@code tag} is -1 for the catch_all forms.
 */
public record Catch(Kind kind, int tag, int label) {
    public enum Kind {
        CATCH("catch"), CATCH_REF("catch_ref"), CATCH_ALL("catch_all"), CATCH_ALL_REF("catch_all_ref");

        private final String text;

        Kind(String text) { this.text = text; }

        public String text() { return text; }
    }
}
