package dev.jwt.testing;

import dev.jwt.binary.FeatureSet;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Where the shared conformance corpus and the project's fixtures are. The corpus root comes from
 * {@code -Djwt.corpus=DIR} (the build sets it to {@code ../shared/corpus}); tests never copy it.
 */
public final class Corpus {
    private Corpus() {}

    public static Path root() {
        String dir = System.getProperty("jwt.corpus");
        Path p = dir != null ? Paths.get(dir) : moduleDir().resolve("../../shared/corpus");
        if (!Files.isDirectory(p)) {
            throw new IllegalStateException("conformance corpus not found at " + p.toAbsolutePath().normalize()
                    + "; pass -Djwt.corpus=DIR");
        }
        return p.toAbsolutePath().normalize();
    }

    public static Path resolve(String relative) {
        return root().resolve(relative);
    }

    /** The project's own test inputs ({@code fixtures/}). */
    public static Path fixtures() {
        String dir = System.getProperty("jwt.fixtures");
        Path p = dir != null ? Paths.get(dir) : moduleDir().resolve("../fixtures");
        return p.toAbsolutePath().normalize();
    }

    /** The directory of the Maven module running the tests. */
    public static Path moduleDir() {
        return Paths.get(System.getProperty("basedir", System.getProperty("user.dir")));
    }

    /** Regular files under {@code dir} (recursively) accepted by {@code filter}, sorted by path. */
    public static List<Path> files(Path dir, Predicate<Path> filter) {
        // A walk does not enter a start that is a symbolic link (CI links ../shared/corpus), so walk
        // its target and name the files through the link, which keeps ids relative to root().
        try {
            Path start = Files.isSymbolicLink(dir) ? dir.toRealPath() : dir;
            try (Stream<Path> s = Files.walk(start)) {
                return s.filter(Files::isRegularFile)
                        .map(p -> dir.resolve(start.relativize(p).toString()))
                        .filter(filter)
                        .sorted()
                        .collect(Collectors.toList());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Files under {@code dir} whose name ends with {@code suffix}. */
    public static List<Path> files(Path dir, String suffix) {
        return files(dir, p -> p.getFileName().toString().endsWith(suffix));
    }

    private static final Pattern RUN_FEATURES = Pattern.compile("(?:-f|--features)[= ]([\\w,-]+)");

    /** The leading comment lines of a wasm-tools test script: its {@code ;; RUN:} directive. */
    public static String runHeader(String script) {
        StringBuilder head = new StringBuilder();
        for (String line : script.split("\n", 16)) {
            if (!line.startsWith(";;")) {
                break;
            }
            head.append(line).append('\n');
        }
        return head.toString();
    }

    /**
     * The features a wasm-tools test script runs under: those of the {@code -f} / {@code --features}
     * option of its {@link #runHeader}, or wasm-tools' defaults without one.
     *
     * @throws IllegalArgumentException when the option names a feature jwt does not know
     */
    public static FeatureSet parseRunFeatures(String script) {
        Matcher m = RUN_FEATURES.matcher(runHeader(script));
        return m.find() ? FeatureSet.parse(m.group(1)) : FeatureSet.defaults();
    }

    /** {@link #parseRunFeatures}, or null for a feature jwt does not know (callers then accept everything). */
    public static FeatureSet runFeatures(String script) {
        try {
            return parseRunFeatures(script);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** A stable id for a corpus file: its path relative to the corpus root, with '/'. */
    public static String id(Path file) {
        return root().relativize(file.toAbsolutePath().normalize()).toString().replace('\\', '/');
    }
}
