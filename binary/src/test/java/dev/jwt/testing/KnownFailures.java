package dev.jwt.testing;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.function.Executable;
import org.opentest4j.TestAbortedException;

/**
 * A checked-in list of conformance cases that do not pass yet (DESIGN decision 8). A listed case
 * that fails passes the test; a listed case that passes fails it ("remove it from the list"), so
 * the list only shrinks; a listed case that no longer exists fails the closing check.
 *
 * <p>Lists live in {@code <module>/src/test/known-failures/NAME.txt}, one case id a line, {@code #}
 * comments allowed. A line may end in {@code [java<N]}: the case is listed only when the running
 * JDK's feature version is below N (for failures that come from an older JDK's limits). Run with
 * {@code -Djwt.updateKnownFailures=true} to rewrite a list from the current results (qualifiers are
 * not kept: add them back by hand).
 */
public final class KnownFailures {
    private static final Pattern JDK_QUALIFIER = Pattern.compile("\\s\\[java<(\\d+)]$");

    private final String name;
    private final Path file;
    private final Set<String> listed;
    private final Set<String> seen = new LinkedHashSet<>();
    private final Set<String> failing = new TreeSet<>();
    private final boolean update = Boolean.getBoolean("jwt.updateKnownFailures");

    private KnownFailures(String name, Path file, Set<String> listed) {
        this.name = name;
        this.file = file;
        this.listed = listed;
    }

    public static KnownFailures load(String name) {
        Path file = Corpus.moduleDir().resolve("src/test/known-failures/" + name + ".txt");
        Set<String> listed = new LinkedHashSet<>();
        if (Files.exists(file)) {
            try {
                for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                    String t = line.strip();
                    if (t.isEmpty() || t.startsWith("#")) {
                        continue;
                    }
                    Matcher jdk = JDK_QUALIFIER.matcher(t);
                    if (jdk.find()) {
                        if (Runtime.version().feature() >= Integer.parseInt(jdk.group(1))) {
                            continue;
                        }
                        t = t.substring(0, jdk.start()).strip();
                    }
                    listed.add(t);
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return new KnownFailures(name, file, listed);
    }

    public boolean isListed(String id) {
        return listed.contains(id);
    }

    public int size() {
        return listed.size();
    }

    /** Runs {@code body} as case {@code id} under this list's rules. */
    public void check(String id, Executable body) throws Throwable {
        synchronized (this) {
            seen.add(id);
        }
        Throwable failure = null;
        try {
            body.execute();
        } catch (TestAbortedException e) {
            throw e;
        } catch (Throwable t) {
            failure = t;
        }
        if (failure != null) {
            synchronized (this) {
                failing.add(id);
            }
            if (!update && !listed.contains(id)) {
                throw failure;
            }
        } else if (!update && listed.contains(id)) {
            fail(id + " passes but is listed in known-failures/" + name + ".txt: remove it from the list");
        }
    }

    /** A dynamic test running {@code body} as case {@code id}. */
    public DynamicTest test(String id, Executable body) {
        return DynamicTest.dynamicTest(id, () -> check(id, body));
    }

    /**
     * The closing check, to run after every case: fails on listed cases that were never run; in
     * update mode, rewrites the list instead.
     */
    public DynamicTest closingCheck() {
        return DynamicTest.dynamicTest("known-failures/" + name + ".txt is current", () -> {
            if (update) {
                write();
                return;
            }
            List<String> stale = new ArrayList<>();
            for (String id : listed) {
                if (!seen.contains(id)) {
                    stale.add(id);
                }
            }
            if (!stale.isEmpty()) {
                fail(stale.size() + " case(s) listed in known-failures/" + name + ".txt no longer exist: " + stale);
            }
        });
    }

    private void write() throws IOException {
        Files.createDirectories(file.getParent());
        if (failing.isEmpty()) {
            Files.deleteIfExists(file);
            return;
        }
        List<String> lines = new ArrayList<>();
        lines.add("# Cases that do not pass yet (" + failing.size() + "). The test fails when a listed case passes.");
        lines.addAll(failing);
        Files.write(file, lines, StandardCharsets.UTF_8);
    }
}
