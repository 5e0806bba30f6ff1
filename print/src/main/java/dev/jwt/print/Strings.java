package dev.jwt.print;

/** How names and strings are written in the text format, as wasm-tools writes them. */
final class Strings {
    private Strings() {}

    /** A quoted string: printable ASCII as is, everything else (and the quote and backslash) as a unicode escape of the code point in hex. */
    static void quoted(StringBuilder out, String s) {
        out.append('"');
        contents(out, s);
        out.append('"');
    }

    static void contents(StringBuilder out, String s) {
        for (int i = 0; i < s.length(); ) {
            int c = s.codePointAt(i);
            i += Character.charCount(c);
            if (c >= 0x20 && c < 0x7F && c != '"' && c != '\\') {
                out.append((char) c);
            } else {
                out.append("\\u{").append(Integer.toHexString(c)).append('}');
            }
        }
    }

    /** Bytes as a quoted string: printable ASCII as is, other bytes (and {@code "} and {@code \}) as {@code \hh}. */
    static void bytes(StringBuilder out, byte[] array, int start, int length) {
        out.append('"');
        for (int i = start; i < start + length; i++) {
            int b = array[i] & 0xFF;
            if (b >= 0x20 && b < 0x7F && b != '"' && b != '\\') {
                out.append((char) b);
            } else {
                out.append('\\').append(HEX[b >> 4]).append(HEX[b & 15]);
            }
        }
        out.append('"');
    }

    private static final char[] HEX = "0123456789abcdef".toCharArray();

    /** The characters an identifier may have without quotes. */
    static boolean isIdChar(int c) {
        return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')
                || "!#$%&'*+-./:<=>?@\\^_`|~".indexOf(c) >= 0;
    }

    /** {@code $name}, or {@code $"name"} when it has characters an identifier cannot. */
    static String identifier(String name) {
        boolean plain = !name.isEmpty();
        for (int i = 0; i < name.length() && plain; i++) {
            plain = isIdChar(name.charAt(i));
        }
        if (plain) {
            return "$" + name;
        }
        StringBuilder sb = new StringBuilder(name.length() + 4).append('$');
        quoted(sb, name);
        return sb.toString();
    }
}
