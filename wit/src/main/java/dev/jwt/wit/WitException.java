package dev.jwt.wit;

import dev.jwt.binary.WasmException;
import dev.jwt.wit.parse.Span;
import java.util.ArrayList;
import java.util.List;

/**
 * A WIT document that does not parse or resolve. Carries wit-parser's message, the place it
 * points at (file:line:col with the source line and a caret, as wit-parser renders it) and the
 * chain of contexts the loader added ("failed to parse package: DIR", ...).
 */
public final class WitException extends WasmException {
    private static final long serialVersionUID = 1L;

    /** Past this column wit-parser gives up on the source excerpt. */
    private static final int MAX_SNIPPET_COLUMN = 0xFFFF;

    private final transient Span span;
    private final List<String> contexts;

    public WitException(String message, Span span) {
        this(message, span, List.of());
    }

    private WitException(String message, Span span, List<String> contexts) {
        super(message);
        this.span = span;
        this.contexts = List.copyOf(contexts);
    }

    public static WitException at(Span span, String message) {
        return new WitException(message, span);
    }

    /** This error wrapped in one more outer context, like anyhow's {@code with_context}. */
    public WitException withContext(String context) {
        List<String> c = new ArrayList<>();
        c.add(context);
        c.addAll(contexts);
        WitException e = new WitException(bareMessage(), span, c);
        e.setStackTrace(getStackTrace());
        return e;
    }

    public Span span() {
        return span;
    }

    @Override
    public Kind kind() {
        return Kind.MALFORMED;
    }

    @Override
    public String place() {
        return span == null ? "" : span.source().path() + ":" + span.line() + ":" + span.column();
    }

    /** The whole report: contexts, message, and the highlighted source line when there is a place. */
    @Override
    public String getMessage() {
        StringBuilder sb = new StringBuilder();
        for (String c : contexts) {
            sb.append(c).append(": ");
        }
        sb.append(bareMessage());
        if (span != null && span.column() > MAX_SNIPPET_COLUMN) {
            // Like wit-parser, no excerpt for a line too long to show: just the place.
            return sb.insert(contexts.isEmpty() ? 0 : sb.length() - bareMessage().length(), place() + ": ").toString();
        }
        if (span != null) {
            int line = span.line();
            int col = span.column();
            String text = span.source().lineText(line - 1);
            String num = Integer.toString(line);
            String pad = " ".repeat(Math.max(num.length(), 4) + 1);
            sb.append('\n').append(pad).append("--> ").append(place());
            sb.append('\n').append(pad).append(" |");
            sb.append('\n').append(" ".repeat(pad.length() - num.length())).append(num).append(" | ").append(text);
            int startInLine = col - 1;
            int len = Math.max(1, span.source().text().codePointCount(
                    Math.min(span.start(), span.end()), Math.min(span.end(), lineEnd(span))));
            sb.append('\n').append(pad).append(" | ").append(" ".repeat(startInLine)).append('^').append("-".repeat(len - 1));
        }
        return sb.toString();
    }

    private static int lineEnd(Span span) {
        String t = span.source().text();
        int nl = t.indexOf('\n', span.start());
        return nl < 0 ? t.length() : nl;
    }
}
