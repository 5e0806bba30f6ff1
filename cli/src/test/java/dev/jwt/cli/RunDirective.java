package dev.jwt.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One {@code RUN:} or {@code FAIL:} directive of a wasm-tools CLI test (format documented by the
 * corpus' {@code wasm-tools/cli/readme.wat}): a pipeline of subcommand invocations, the last of
 * which must succeed ({@code RUN}) or fail ({@code FAIL}), compared with
 * {@code <file>[.<name>].stdout|.stderr}.
 *
 * @param name the bracketed name, or null for the unnamed directive
 * @param stages the pipeline, each stage's stdout feeding the next one's stdin
 */
record RunDirective(Path file, String name, boolean expectFailure, List<Stage> stages) {

    /** One command of a pipeline: {@code KEY=VALUE} settings, then the subcommand words and arguments. */
    record Stage(Map<String, String> env, List<String> words) {}

    private static final Pattern DIRECTIVE = Pattern.compile("^(RUN|FAIL)(?:\\[([^\\]]+)\\])?:(.*)$");
    private static final Pattern ENV = Pattern.compile("^[A-Z_][A-Z0-9_]*=.*$");

    /** The id of the case: the file's corpus id, with the directive name in brackets. */
    String id(String fileId) {
        return name == null ? fileId : fileId + "[" + name + "]";
    }

    /** The expectation file for {@code stream} ("stdout" or "stderr"). */
    Path expected(String stream) {
        String base = file.getFileName().toString() + (name == null ? "" : "." + name);
        return file.resolveSibling(base + "." + stream);
    }

    /**
     * The directives of a test file: they sit in the comment lines at its start ({@code ;;} or
     * {@code //}); a trailing {@code \} continues a directive on the next comment line.
     */
    static List<RunDirective> parse(Path file) throws IOException {
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        List<RunDirective> out = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String comment = commentText(lines.get(i));
            if (comment == null) {
                if (lines.get(i).isBlank()) {
                    continue;
                }
                break;
            }
            Matcher m = DIRECTIVE.matcher(comment);
            if (!m.matches()) {
                continue;
            }
            StringBuilder command = new StringBuilder(m.group(3).strip());
            while (command.length() > 0 && command.charAt(command.length() - 1) == '\\' && i + 1 < lines.size()) {
                command.setLength(command.length() - 1);
                String next = commentText(lines.get(++i));
                command.append(' ').append(next == null ? "" : next.strip());
            }
            out.add(new RunDirective(file, m.group(2), m.group(1).equals("FAIL"), stages(command.toString())));
        }
        return out;
    }

    private static String commentText(String line) {
        String t = line.stripLeading();
        if (t.startsWith(";;") || t.startsWith("//")) {
            return t.substring(2).strip();
        }
        return null;
    }

    private static List<Stage> stages(String command) {
        List<Stage> stages = new ArrayList<>();
        for (String part : command.split("\\|")) {
            Map<String, String> env = new LinkedHashMap<>();
            List<String> words = new ArrayList<>();
            for (String word : part.strip().split("\\s+")) {
                if (word.isEmpty()) {
                    continue;
                }
                if (words.isEmpty() && ENV.matcher(word).matches()) {
                    int eq = word.indexOf('=');
                    env.put(word.substring(0, eq), word.substring(eq + 1));
                } else {
                    words.add(word);
                }
            }
            stages.add(new Stage(env, words));
        }
        return stages;
    }
}
