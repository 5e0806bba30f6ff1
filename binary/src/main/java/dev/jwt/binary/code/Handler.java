package dev.jwt.binary.code;

/**
 * A handler of {@code resume}, {@code resume_throw} and {@code resume_throw_ref} (stack switching):
 * {@code (on tag label)} (binary kind 0) branches to {@code label} when the continuation suspends
 * with {@code tag}; {@code (on tag switch)} (kind 1) lets it {@code switch} with {@code tag}.
 * {@code label} is -1 for the switch form.
 */
public record Handler(int tag, int label) {
    public static Handler onLabel(int tag, int label) {
        return new Handler(tag, label);
    }

    public static Handler onSwitch(int tag) {
        return new Handler(tag, -1);
    }

    public boolean isSwitch() {
        return label < 0;
    }
}
