package dev.jwt.wit.parse;

import org.antlr.v4.runtime.Parser;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.misc.IntervalSet;

/** How wit-parser names tokens in its "expected X, found Y" messages. */
final class TokenWords {
    private TokenWords() {}

    static String found(Token t) {
        switch (t.getType()) {
            case Token.EOF:
                return "eof";
            case WitLexer.ID:
                return t.getText().startsWith("%") ? "an explicit identifier" : "an identifier";
            case WitLexer.INTEGER:
                return "an integer";
            case WitLexer.VERSION:
                return "an integer";
            case WitLexer.STRING:
                return "a string";
            default:
                return literal(t.getText());
        }
    }

    private static String literal(String text) {
        if (!text.isEmpty() && Character.isLetter(text.charAt(0))) {
            return "keyword `" + text + "`";
        }
        return "'" + text + "'";
    }

    static String expected(IntervalSet set, Parser parser) {
        int rule = parser.getContext() == null ? -1 : parser.getContext().getRuleIndex();
        if (set.contains(lit(parser, "constructor"))) {
            return "`constructor` or identifier";
        }
        if (set.contains(lit(parser, "u8"))) {
            return "a type";
        }
        if (set.contains(lit(parser, "import")) && set.contains(lit(parser, "include"))) {
            return "`import`, `export`, `include`, `use`, or type definition";
        }
        if (set.contains(lit(parser, "record")) && set.contains(WitLexer.ID)) {
            return "`type`, `resource` or `func`";
        }
        if (set.contains(lit(parser, "world")) && set.contains(lit(parser, "interface"))) {
            return "`world`, `interface` or `use`";
        }
        if (set.contains(WitLexer.ID)) {
            return "an identifier or string";
        }
        if (set.contains(lit(parser, ";")) && set.contains(lit(parser, "{"))) {
            // wit-parser: a package name followed by anything but `;` must open a nested package.
            return "'{'";
        }
        if (set.size() == 1 && set.contains(WitLexer.INTEGER)) {
            return "fixed-length";
        }
        if (set.contains(lit(parser, "func")) && set.contains(lit(parser, "async"))) {
            return "keyword `func`";
        }
        // After an item of a list wit-parser wants either a comma or the list's end, and names the end.
        if (set.contains(lit(parser, ","))) {
            for (String end : new String[] {">", "}", ")"}) {
                if (set.contains(lit(parser, end))) {
                    return "'" + end + "'";
                }
            }
        }
        StringBuilder sb = new StringBuilder();
        int n = 0;
        for (int type : set.toArray()) {
            String word = type == Token.EOF ? "eof" : type == WitLexer.ID ? "an identifier or string"
                    : type == WitLexer.INTEGER ? "an integer" : type == WitLexer.VERSION ? "a version"
                    : literalName(parser, type);
            if (n++ > 0) {
                sb.append(" or ");
            }
            sb.append(word);
        }
        return sb.toString();
    }

    private static String literalName(Parser parser, int type) {
        String lit = parser.getVocabulary().getLiteralName(type);
        if (lit == null) {
            return parser.getVocabulary().getDisplayName(type);
        }
        String text = lit.substring(1, lit.length() - 1);
        return literal(text);
    }

    private static int lit(Parser parser, String text) {
        String quoted = "'" + text + "'";
        for (int i = 0; i <= parser.getVocabulary().getMaxTokenType(); i++) {
            if (quoted.equals(parser.getVocabulary().getLiteralName(i))) {
                return i;
            }
        }
        return -2;
    }
}
