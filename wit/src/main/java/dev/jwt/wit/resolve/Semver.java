package dev.jwt.wit.resolve;

/** Semantic version precedence (semver.org section 11), enough for ordering package versions and gates. */
public final class Semver {
    private Semver() {}

    public static int compare(String a, String b) {
        String[] pa = split(a);
        String[] pb = split(b);
        String[] ca = pa[0].split("\\.");
        String[] cb = pb[0].split("\\.");
        for (int i = 0; i < 3; i++) {
            int c = compareNumeric(ca[i], cb[i]);
            if (c != 0) {
                return c;
            }
        }
        if (pa[1] == null || pb[1] == null) {
            return pa[1] == null ? (pb[1] == null ? 0 : 1) : -1;
        }
        String[] ia = pa[1].split("\\.");
        String[] ib = pb[1].split("\\.");
        for (int i = 0; i < Math.min(ia.length, ib.length); i++) {
            boolean na = ia[i].chars().allMatch(Character::isDigit);
            boolean nb = ib[i].chars().allMatch(Character::isDigit);
            int c = na && nb ? compareNumeric(ia[i], ib[i]) : na ? -1 : nb ? 1 : ia[i].compareTo(ib[i]);
            if (c != 0) {
                return c;
            }
        }
        return Integer.compare(ia.length, ib.length);
    }

    /**
     * The semver-compatible track a version belongs to, as a version: {@code 1.2.3} is on
     * {@code 1.0.0}, {@code 0.2.3} on {@code 0.2.0}, {@code 0.0.3} only on itself, and a
     * pre-release only on itself. Build metadata is dropped.
     */
    public static String track(String version) {
        String[] p = split(version);
        if (p[1] != null) {
            return p[0] + "-" + p[1];
        }
        String[] c = p[0].split("\\.");
        if (!isZero(c[0])) {
            return c[0] + ".0.0";
        }
        if (!isZero(c[1])) {
            return c[0] + "." + c[1] + ".0";
        }
        return p[0];
    }

    private static boolean isZero(String n) {
        return n.chars().allMatch(ch -> ch == '0');
    }

    private static int compareNumeric(String a, String b) {
        String x = a.replaceFirst("^0+(?=.)", "");
        String y = b.replaceFirst("^0+(?=.)", "");
        return x.length() != y.length() ? Integer.compare(x.length(), y.length()) : x.compareTo(y);
    }

    /** [core, pre-release or null]; build metadata is ignored. */
    private static String[] split(String v) {
        int plus = v.indexOf('+');
        if (plus >= 0) {
            v = v.substring(0, plus);
        }
        int dash = v.indexOf('-');
        return dash < 0 ? new String[] {v, null} : new String[] {v.substring(0, dash), v.substring(dash + 1)};
    }
}
