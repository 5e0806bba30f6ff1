package dev.jwt.print;

/**
 * How to print, after {@code wasm-tools print}'s flags.
 *
 * @param fold        {@code -f}: folded (s-expression) instructions
 * @param printOffsets {@code -p}: prefix lines with the binary offset of what they print
 * @param skeleton    {@code --skeleton}: elide function bodies, data and custom section contents
 * @param nameUnnamed {@code --name-unnamed}: give every unnamed item a {@code $#kindN} name
 * @param indent      {@code --indent N}: spaces per nesting level (2 by default)
 */
public record PrintOptions(boolean fold, boolean printOffsets, boolean skeleton, boolean nameUnnamed, int indent) {
    public static final PrintOptions DEFAULT = new PrintOptions(false, false, false, false, 2);

    public PrintOptions {
        if (indent < 0 || indent > 64) {
            throw new IllegalArgumentException("indent must be between 0 and 64: " + indent);
        }
    }

    public PrintOptions(boolean fold, boolean printOffsets, boolean skeleton, boolean nameUnnamed) {
        this(fold, printOffsets, skeleton, nameUnnamed, 2);
    }

    public PrintOptions withFold(boolean on) {
        return new PrintOptions(on, printOffsets, skeleton, nameUnnamed, indent);
    }

    public PrintOptions withPrintOffsets(boolean on) {
        return new PrintOptions(fold, on, skeleton, nameUnnamed, indent);
    }

    public PrintOptions withSkeleton(boolean on) {
        return new PrintOptions(fold, printOffsets, on, nameUnnamed, indent);
    }

    public PrintOptions withNameUnnamed(boolean on) {
        return new PrintOptions(fold, printOffsets, skeleton, on, indent);
    }

    public PrintOptions withIndent(int spaces) {
        return new PrintOptions(fold, printOffsets, skeleton, nameUnnamed, spaces);
    }
}
