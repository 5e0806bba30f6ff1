package dev.jwt.wit.parse;

import dev.jwt.wit.WitException;
import org.antlr.v4.runtime.DefaultErrorStrategy;
import org.antlr.v4.runtime.InputMismatchException;
import org.antlr.v4.runtime.Parser;
import org.antlr.v4.runtime.RecognitionException;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.misc.IntervalSet;

/**
 * Stops at the first syntax error and words it as wit-parser does ("expected X, found Y"),
 * instead of ANTLR's own messages and recovery.
 */
final class WitErrorStrategy extends DefaultErrorStrategy {
    private final Source source;

    WitErrorStrategy(Source source) {
        this.source = source;
    }

    @Override
    public void recover(Parser recognizer, RecognitionException e) {
        throw error(recognizer, e.getOffendingToken(), e.getExpectedTokens());
    }

    @Override
    public Token recoverInline(Parser recognizer) {
        throw error(recognizer, recognizer.getCurrentToken(), recognizer.getExpectedTokens());
    }

    @Override
    public void reportError(Parser recognizer, RecognitionException e) {
        throw error(recognizer, e.getOffendingToken() != null ? e.getOffendingToken() : recognizer.getCurrentToken(),
                e instanceof InputMismatchException ? e.getExpectedTokens() : recognizer.getExpectedTokens());
    }

    @Override
    protected void reportUnwantedToken(Parser recognizer) {
        throw error(recognizer, recognizer.getCurrentToken(), getExpectedTokens(recognizer));
    }

    @Override
    protected void reportMissingToken(Parser recognizer) {
        throw error(recognizer, recognizer.getCurrentToken(), getExpectedTokens(recognizer));
    }

    private WitException error(Parser recognizer, Token found, IntervalSet expected) {
        int start = found.getType() == Token.EOF ? source.text().length() : found.getStartIndex();
        int end = found.getType() == Token.EOF ? start : found.getStopIndex() + 1;
        String what = TokenWords.expected(expected, recognizer);
        // wit-parser points at the whole token when several things could have come, and only at
        // its start when one particular token was expected.
        if (what.startsWith("'") || what.startsWith("keyword `")) {
            end = start;
        }
        return WitException.at(new Span(source, start, end), "expected " + what + ", found " + TokenWords.found(found));
    }
}
