package dev.jwt.wit.parse;

import java.util.ArrayList;
import java.util.List;

/** One WIT file's text, with the line starts needed to turn offsets into line:col. */
public final class Source {
    private final String path;
    private final String text;
    private final int[] lineStarts;

    public Source(String path, String text) {
        this.path = path;
        this.text = text;
        List<Integer> starts = new ArrayList<>();
        starts.add(0);
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) == '\n') {
                starts.add(i + 1);
            }
        }
        this.lineStarts = starts.stream().mapToInt(Integer::intValue).toArray();
    }

    public String path() {
        return path;
    }

    public String text() {
        return text;
    }

    /** The 0-based line holding char offset {@code offset}. */
    public int lineOf(int offset) {
        int lo = 0;
        int hi = lineStarts.length - 1;
        while (lo < hi) {
            int mid = (lo + hi + 1) >>> 1;
            if (lineStarts[mid] <= offset) {
                lo = mid;
            } else {
                hi = mid - 1;
            }
        }
        return lo;
    }

    /** The text of 0-based line {@code line}, without its line break. */
    public String lineText(int line) {
        int start = lineStarts[line];
        int end = line + 1 < lineStarts.length ? lineStarts[line + 1] - 1 : text.length();
        if (end > start && text.charAt(end - 1) == '\r') {
            end--;
        }
        return text.substring(start, Math.max(start, end));
    }

    /** The 1-based column (in characters) of {@code offset}. */
    public int columnOf(int offset) {
        int start = lineStarts[lineOf(offset)];
        return text.codePointCount(start, Math.min(offset, text.length())) + 1;
    }
}
