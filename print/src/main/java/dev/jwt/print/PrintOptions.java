package dev.jwt.print;

/**
 * How to print, after {@code wasm-tools print}'s flags.
 *
 * @param fold        {@code -f}: folded (s-expression) instructions
 * @param printOffsets {@code -p}: prefix lines with the binary offset of what they print
 * @param skeleton    {@code --skeleton}: elide function bodies, data and custom section contents
 * @param nameUnnamed {@code --name-unnamed}: give every unnamed item a {@code $#kindN} name
 */
public record PrintOptions(boolean fold, boolean printOffsets, boolean skeleton, boolean nameUnnamed) {
    public static final PrintOptions DEFAULT = new PrintOptions(false, false, false, false);

    public PrintOptions withFold(boolean on) {
        return new PrintOptions(on, printOffsets, skeleton, nameUnnamed);
    }

    public PrintOptions withPrintOffsets(boolean on) {
        return new PrintOptions(fold, on, skeleton, nameUnnamed);
    }

    public PrintOptions withSkeleton(boolean on) {
        return new PrintOptions(fold, printOffsets, on, nameUnnamed);
    }

    public PrintOptions withNameUnnamed(boolean on) {
        return new PrintOptions(fold, printOffsets, skeleton, on);
    }
}
