package dev.jwt.wit.resolve;

/** What a world imports or exports. */
public sealed interface WorldItem {
    /** An interface; {@code docs} are those written on the import/export statement itself (or null). */
    record OfInterface(int index, Stability stability, String docs) implements WorldItem {
        public OfInterface withStability(Stability s) {
            return new OfInterface(index, s, docs);
        }
    }

    record OfFunction(Function function) implements WorldItem {}

    record OfType(int index) implements WorldItem {}
}
