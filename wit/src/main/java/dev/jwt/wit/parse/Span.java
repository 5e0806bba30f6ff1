package dev.jwt.wit.parse;

/** A range of characters [start, end) in one WIT source: where an error points. */
public record Span(Source source, int start, int end) {
    public int line() {
        return source.lineOf(start) + 1;
    }

    public int column() {
        return source.columnOf(start);
    }
}
