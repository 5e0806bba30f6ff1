package dev.jwt.validate.component;

import java.util.Locale;

/**
 * A component import or export name, parsed and checked against the Explainer's {@code externname}
 * grammar plus the forms wasm-tools still accepts ({@code url=}, {@code integrity=},
 * {@code locked-dep=}, {@code unlocked-dep=}). Error texts are wasm-tools'.
 *
 * @param text the name as written
 * @param kind which production it matched
 * @param resource for {@code [constructor]}/{@code [method]}/{@code [static]} names, the resource label
 */
public record ComponentName(String text, Kind kind, String resource) {
    /** The productions of an extern name. */
    public enum Kind { LABEL, CONSTRUCTOR, METHOD, STATIC, INTERFACE, URL, HASH, DEPENDENCY }

    /** Thrown for a name that does not parse; the validator adds the place. */
    public static final class NameException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        NameException(String message) {
            super(message, null, false, false);
        }
    }

    /** Whether a name of this kind may be exported (the url, hash and dependency forms may not). */
    public boolean exportable() {
        return kind != Kind.URL && kind != Kind.HASH && kind != Kind.DEPENDENCY;
    }

    /**
     * The strong-uniqueness key (Explainer, "Name Uniqueness"): lowercased, {@code [method]l.l}
     * and {@code [static]l.l} become {@code l}, annotations other than {@code [constructor]} are
     * stripped.
     */
        public String uniquenessKey() {
        if (kind == Kind.URL || kind == Kind.HASH || kind == Kind.DEPENDENCY) {
            return text; // base64 hashes and URLs are case-sensitive
        }
        String lower = text.toLowerCase(Locale.ROOT);
        if (kind == Kind.METHOD || kind == Kind.STATIC) {
            String rest = lower.substring(lower.indexOf(']') + 1);
            int dot = rest.indexOf('.');
            String r = rest.substring(0, dot);
            String m = rest.substring(dot + 1);
            return r.equals(m) ? r : rest;
        }
        return lower;
    }

    /** Parses {@code name}; {@code nestedNames} enables the cm-nested-names forms. */
        public static ComponentName parse(String name, boolean nestedNames) {
        return parse(name, nestedNames, false);
    }

    /** Parses {@code name}; {@code canonNames} also accepts canonical versions ({@code @1}, {@code @0.2}). */
    public static ComponentName parse(String name, boolean nestedNames, boolean canonNames) {
        return new Parser(name, nestedNames, canonNames).externName();
    }

    /** The Explainer's {@code canonversion}: {@code 1}, {@code 0.2}, {@code 0.0.3}, {@code 0.0.0}. */
    public static boolean isCanonVersion(String v) {
        return v.matches("[1-9][0-9]*|0\\.[1-9][0-9]*|0\\.0\\.[1-9][0-9]*|0\\.0\\.0");
    }

    /** The version of an interface name, or null. */
    public String version() {
        int at = text.lastIndexOf('@');
        return kind == Kind.INTERFACE && at >= 0 ? text.substring(at + 1) : null;
    }

    /** Checks a label ({@code first-fragment ('-' fragment)*}). */
    public static boolean isKebab(String s) {
        if (s.isEmpty()) {
            return false;
        }
        int i = 0;
        boolean first = true;
        while (true) {
            int start = i;
            boolean lower = false;
            boolean upper = false;
            while (i < s.length() && s.charAt(i) != '-') {
                char c = s.charAt(i);
                if (c >= 'a' && c <= 'z') {
                    lower = true;
                } else if (c >= 'A' && c <= 'Z') {
                    upper = true;
                } else if (!(c >= '0' && c <= '9')) {
                    return false;
                }
                i++;
            }
            if (i == start || lower && upper) {
                return false;
            }
            if (first) {
                char c = s.charAt(start);
                if (c >= '0' && c <= '9') {
                    return false;
                }
                first = false;
            }
            if (i == s.length()) {
                return true;
            }
            i++; // '-'
            if (i == s.length()) {
                return false;
            }
        }
    }

    private static final class Parser {
        private final String name;
                private final boolean nested;
        private final boolean canonNames;
        private String next;

        Parser(String name, boolean nested, boolean canonNames) {
            this.name = name;
            this.nested = nested;
            this.canonNames = canonNames;
            this.next = name;
        }

        ComponentName externName() {
            if (eat("[constructor]")) {
                String r = kebab(rest());
                return new ComponentName(name, Kind.CONSTRUCTOR, r);
            }
            if (eat("[method]")) {
                return resourceFunc(Kind.METHOD);
            }
            if (eat("[static]")) {
                return resourceFunc(Kind.STATIC);
            }
            if (eat("url=")) {
                expect("<");
                int end = next.indexOf('>');
                if (end < 0) {
                    throw new NameException("failed to find `>`");
                }
                String url = next.substring(0, end);
                if (url.indexOf('<') >= 0) {
                    throw new NameException("url cannot contain `<`");
                }
                next = next.substring(end + 1);
                optionalIntegrity();
                eof();
                return new ComponentName(name, Kind.URL, null);
            }
            if (eat("integrity=")) {
                expect("<");
                integrityBody();
                eof();
                return new ComponentName(name, Kind.HASH, null);
            }
            if (eat("locked-dep=")) {
                expect("<");
                packageName(false);
                if (eat("@")) {
                    semver(takeUntil('>'));
                }
                expect(">");
                optionalIntegrity();
                eof();
                return new ComponentName(name, Kind.DEPENDENCY, null);
            }
            if (eat("unlocked-dep=")) {
                expect("<");
                packageName(false);
                if (eat("@")) {
                    if (!eat("*")) {
                        expect("{");
                        versionRange();
                        expect("}");
                    }
                }
                expect(">");
                eof();
                return new ComponentName(name, Kind.DEPENDENCY, null);
            }
            if (next.indexOf(':') >= 0) {
                                packageName(true);
                if (eat("@")) {
                    String v = rest();
                    if (!(canonNames && isCanonVersion(v))) {
                        semver(v);
                    }
                }
                eof();
                return new ComponentName(name, Kind.INTERFACE, null);
            }
            kebab(rest());
            return new ComponentName(name, Kind.LABEL, null);
        }

        private ComponentName resourceFunc(Kind kind) {
            int dot = next.indexOf('.');
            if (dot < 0) {
                throw new NameException("failed to find `.` character");
            }
            String r = kebab(next.substring(0, dot));
            next = next.substring(dot + 1);
            kebab(rest());
            return new ComponentName(name, kind, r);
        }

        /** {@code ns:pkg[/iface]} (with nested names, {@code ns:pkg:...} and {@code /a/b}). */
        private void packageName(boolean requireProjection) {
            lowercaseKebab(takeWord());
            expect(":");
            lowercaseKebab(takeWord());
            if (nested) {
                while (eat(":")) {
                    lowercaseKebab(takeWord());
                }
            }
            if (requireProjection) {
                if (!eat("/")) {
                    throw new NameException("expected `/` after package name");
                }
                kebab(takeWord());
                if (nested) {
                    while (eat("/")) {
                        kebab(takeWord());
                    }
                }
            } else if (nested) {
                while (eat("/")) {
                    kebab(takeWord());
                }
            } else if (eat("/")) {
                kebab(takeWord());
            }
        }

        private void versionRange() {
            if (eat(">=")) {
                int space = next.indexOf(' ');
                int close = next.indexOf('}');
                if (space >= 0 && (close < 0 || space < close)) {
                    semver(next.substring(0, space));
                    next = next.substring(space + 1);
                    expect("<");
                    semver(takeUntil('}'));
                } else {
                    semver(takeUntil('}'));
                }
            } else if (eat("<")) {
                semver(takeUntil('}'));
            } else {
                throw new NameException("expected `>=` or `<` at start of version range");
            }
        }

        private void optionalIntegrity() {
            if (eat(",")) {
                if (!eat("integrity=<")) {
                    throw new NameException("expected `integrity=<`");
                }
                integrityBody();
            }
        }

        private void integrityBody() {
            int end = next.indexOf('>');
            if (end < 0) {
                throw new NameException("failed to find `>`");
            }
            String body = next.substring(0, end).trim();
            next = next.substring(end + 1);
            if (body.isEmpty()) {
                throw new NameException("integrity hash cannot be empty");
            }
            for (String hash : body.split("\\s+")) {
                int dash = hash.indexOf('-');
                if (dash < 0) {
                    throw new NameException("expected `-` after hash algorithm: " + hash);
                }
                String alg = hash.substring(0, dash);
                String value = hash.substring(dash + 1);
                int q = value.indexOf('?');
                if (q >= 0) {
                    value = value.substring(0, q);
                }
                if (!alg.equals("sha256") && !alg.equals("sha384") && !alg.equals("sha512")) {
                    throw new NameException("unrecognized hash algorithm: `" + alg + "`");
                }
                if (!base64(value)) {
                    throw new NameException("not valid base64: `" + value + "`");
                }
            }
        }

        private static boolean base64(String s) {
            int i = 0;
            while (i < s.length() && (Character.isLetterOrDigit(s.charAt(i)) && s.charAt(i) < 128
                    || s.charAt(i) == '+' || s.charAt(i) == '/')) {
                i++;
            }
            if (i == 0) {
                return false;
            }
            int pad = s.length() - i;
            for (int k = i; k < s.length(); k++) {
                if (s.charAt(k) != '=') {
                    return false;
                }
            }
            return pad <= 2;
        }

        private String takeWord() {
            int i = 0;
            while (i < next.length() && (Character.isLetterOrDigit(next.charAt(i)) && next.charAt(i) < 128
                    || next.charAt(i) == '-')) {
                i++;
            }
            String w = next.substring(0, i);
            next = next.substring(i);
            return w;
        }

        private String takeUntil(char c) {
            int i = next.indexOf(c);
            if (i < 0) {
                i = next.length();
            }
            String w = next.substring(0, i);
            next = next.substring(i);
            return w;
        }

        private String rest() {
            String r = next;
            next = "";
            return r;
        }

        private static String kebab(String s) {
            if (!isKebab(s)) {
                throw new NameException("`" + s + "` is not in kebab case");
            }
            return s;
        }

        private static void lowercaseKebab(String s) {
            kebab(s);
            for (int i = 0; i < s.length(); i++) {
                char c = s.charAt(i);
                if (c >= 'A' && c <= 'Z') {
                    throw new NameException("character `" + c + "` is not lowercase in package name/namespace");
                }
            }
        }

        private boolean eat(String s) {
            if (next.startsWith(s)) {
                next = next.substring(s.length());
                return true;
            }
            return false;
        }

        private void expect(String s) {
            if (!eat(s)) {
                throw new NameException("expected `" + s + "` at `" + next + "`");
            }
        }

        private void eof() {
            if (!next.isEmpty()) {
                throw new NameException("trailing characters found: `" + next + "`");
            }
        }

                static void semver(String v) {
            String problem = Semver.check(v);
            if (problem != null) {
                throw new NameException("`" + v + "` is not a valid semver: " + problem);
            }
        }
    }
}
