package dev.jwt.validate.component;

/**
 * Semantic versions (semver.org 2.0.0) as interface names and dependency names carry them. The
 * problems are reported in the words of the Rust {@code semver} crate, which wasm-tools uses.
 */
final class Semver {
    private Semver() {
    }

    /** Returns {@code null} when {@code v} is a valid semver, else what is wrong with it. */
    static String check(String v) {
        if (v.isEmpty()) {
            return "empty string, expected a semver version";
        }
        int[] pos = {0};
        String[] parts = {"major version number", "minor version number", "patch version number"};
        for (int p = 0; p < 3; p++) {
            String problem = number(v, pos, parts[p]);
            if (problem != null) {
                return problem;
            }
            if (p < 2) {
                if (pos[0] >= v.length()) {
                    return "unexpected end of input while parsing " + parts[p + 1];
                }
                if (v.charAt(pos[0]) != '.') {
                    return "unexpected character '" + v.charAt(pos[0]) + "' after " + parts[p];
                }
                pos[0]++;
            }
        }
        if (pos[0] < v.length() && v.charAt(pos[0]) == '-') {
            pos[0]++;
            String problem = identifiers(v, pos, "pre-release identifier", true);
            if (problem != null) {
                return problem;
            }
        }
        if (pos[0] < v.length() && v.charAt(pos[0]) == '+') {
            pos[0]++;
            String problem = identifiers(v, pos, "build metadata", false);
            if (problem != null) {
                return problem;
            }
        }
        if (pos[0] < v.length()) {
            return "unexpected character '" + v.charAt(pos[0]) + "' after patch version number";
        }
        return null;
    }

    private static String number(String v, int[] pos, String what) {
        int start = pos[0];
        while (pos[0] < v.length() && Character.isDigit(v.charAt(pos[0])) && v.charAt(pos[0]) < 128) {
            pos[0]++;
        }
        if (pos[0] == start) {
            return pos[0] >= v.length() ? "unexpected end of input while parsing " + what
                    : "unexpected character '" + v.charAt(pos[0]) + "' while parsing " + what;
        }
        if (pos[0] - start > 1 && v.charAt(start) == '0') {
            return "invalid leading zero in " + what;
        }
        if (pos[0] - start > 19 && new java.math.BigInteger(v.substring(start, pos[0]))
                .compareTo(new java.math.BigInteger("18446744073709551615")) > 0) {
            return "value of " + what + " exceeds u64::MAX";
        }
        return null;
    }

    private static String identifiers(String v, int[] pos, String what, boolean noLeadingZero) {
        while (true) {
            int start = pos[0];
            boolean digitsOnly = true;
            while (pos[0] < v.length()) {
                char c = v.charAt(pos[0]);
                if (c >= '0' && c <= '9') {
                    pos[0]++;
                } else if (c < 128 && Character.isLetter(c) || c == '-') {
                    digitsOnly = false;
                    pos[0]++;
                } else {
                    break;
                }
            }
            if (pos[0] == start) {
                return "empty identifier segment in " + what;
            }
            if (noLeadingZero && digitsOnly && pos[0] - start > 1 && v.charAt(start) == '0') {
                return "invalid leading zero in " + what;
            }
            if (pos[0] < v.length() && v.charAt(pos[0]) == '.') {
                pos[0]++;
                continue;
            }
            return null;
        }
    }
}
