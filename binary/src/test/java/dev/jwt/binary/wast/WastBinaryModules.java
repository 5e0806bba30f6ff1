package dev.jwt.binary.wast;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Finds the {@code (module binary "...")} commands of a .wast script, with the assertion around
 * each, for the binary decoder's conformance tests. A deliberately small S-expression reader: the
 * real script parser lives in the text module, which depends on this one.
 */
public final class WastBinaryModules {
    /** One binary module: where it is, what wraps it ({@code null} at top level), its bytes, the expected message. */
    public record Case(int line, String assertion, byte[] bytes, String message) {}

    private final String src;
    private int pos;
    private int line = 1;

    private WastBinaryModules(String src) {
        this.src = src;
    }

    public static List<Case> find(Path wast) throws IOException {
        return find(wast, "module");
    }

    /** The {@code (component binary ...)} forms of a script. */
    public static List<Case> findComponents(Path wast) throws IOException {
        return find(wast, "component");
    }

    private static List<Case> find(Path wast, String head) throws IOException {
        WastBinaryModules p = new WastBinaryModules(Files.readString(wast, StandardCharsets.UTF_8));
        List<Case> out = new ArrayList<>();
        Object node;
        while ((node = p.next()) != null) {
            if (node instanceof Node n) {
                p.collect(n, null, head, out);
            }
        }
        return out;
    }

    private record Node(int line, List<Object> items) {}

    private record Str(byte[] bytes) {}

    private void collect(Node n, Node parent, String form, List<Case> out) {
        if (n.items.isEmpty() || !form.equals(n.items.get(0))) {
            for (Object o : n.items) {
                if (o instanceof Node c) {
                    collect(c, n, form, out);
                }
            }
            return;
        }
        int i = 1;
        while (i < n.items.size() && n.items.get(i) instanceof String a && (a.startsWith("$") || a.equals("definition"))) {
            i++;
        }
        if (i >= n.items.size() || !"binary".equals(n.items.get(i))) {
            return;
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        for (int k = i + 1; k < n.items.size(); k++) {
            if (n.items.get(k) instanceof Str s) {
                bytes.writeBytes(s.bytes);
            }
        }
        String assertion = null;
        String message = null;
        if (parent != null && parent.items.get(0) instanceof String head) {
            assertion = head;
            int idx = parent.items.indexOf(n);
            if (idx + 1 < parent.items.size() && parent.items.get(idx + 1) instanceof Str m) {
                message = new String(m.bytes, StandardCharsets.UTF_8);
            }
        }
        out.add(new Case(n.line, assertion, bytes.toByteArray(), message));
    }

    /** The next node, atom (String) or string (Str); null at the end; a ')' yields the marker CLOSE. */
    private Object next() {
        skipSpace();
        if (pos >= src.length()) {
            return null;
        }
        char c = src.charAt(pos);
        if (c == '(') {
            int at = line;
            pos++;
            List<Object> items = new ArrayList<>();
            while (true) {
                skipSpace();
                if (pos >= src.length()) {
                    return new Node(at, items);
                }
                if (src.charAt(pos) == ')') {
                    pos++;
                    return new Node(at, items);
                }
                Object o = next();
                if (o == null) {
                    return new Node(at, items);
                }
                items.add(o);
            }
        }
        if (c == ')') {
            pos++;
            return next();
        }
        if (c == '"') {
            return string();
        }
        int start = pos;
        while (pos < src.length() && "() \t\r\n\";".indexOf(src.charAt(pos)) < 0) {
            pos++;
        }
        if (pos == start) {
            pos++;
        }
        return src.substring(start, pos);
    }

    private Str string() {
        pos++;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        while (pos < src.length() && src.charAt(pos) != '"') {
            char c = src.charAt(pos++);
            if (c == '\n') {
                line++;
            }
            if (c != '\\') {
                out.writeBytes(String.valueOf(c).getBytes(StandardCharsets.UTF_8));
                continue;
            }
            char e = src.charAt(pos++);
            switch (e) {
                case 'n' -> out.write('\n');
                case 't' -> out.write('\t');
                case 'r' -> out.write('\r');
                case '"' -> out.write('"');
                case '\'' -> out.write('\'');
                case '\\' -> out.write('\\');
                case 'u' -> {
                    int close = src.indexOf('}', pos);
                    int cp = Integer.parseInt(src.substring(pos + 1, close), 16);
                    out.writeBytes(new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8));
                    pos = close + 1;
                }
                default -> {
                    out.write(Integer.parseInt(src.substring(pos - 1, pos + 1), 16));
                    pos++;
                }
            }
        }
        pos++;
        return new Str(out.toByteArray());
    }

    private void skipSpace() {
        while (pos < src.length()) {
            char c = src.charAt(pos);
            if (c == '\n') {
                line++;
                pos++;
            } else if (Character.isWhitespace(c)) {
                pos++;
            } else if (src.startsWith(";;", pos)) {
                while (pos < src.length() && src.charAt(pos) != '\n') {
                    pos++;
                }
            } else if (src.startsWith("(;", pos)) {
                int depth = 0;
                while (pos < src.length()) {
                    if (src.startsWith("(;", pos)) {
                        depth++;
                        pos += 2;
                    } else if (src.startsWith(";)", pos)) {
                        depth--;
                        pos += 2;
                        if (depth == 0) {
                            break;
                        }
                    } else {
                        if (src.charAt(pos) == '\n') {
                            line++;
                        }
                        pos++;
                    }
                }
            } else {
                return;
            }
        }
    }
}
