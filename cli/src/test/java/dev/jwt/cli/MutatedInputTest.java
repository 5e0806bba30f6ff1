package dev.jwt.cli;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jwt.testing.Corpus;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Function;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Truncations and a fixed sample of byte mutations of real binaries, through every command
 * that reads binaries: each run ends in exit 0, or exit 1 with one {@code error:} line that is not
 * an internal error. This is where a command's own reading (dump, objdump, strip) meets input no
 * fixture anticipated.
 */
class MutatedInputTest {
    private static final List<List<String>> COMMANDS = List.of(List.of("dump"), List.of("objdump"),
            List.of("strip"), List.of("strip", "-a"), List.of("print"), List.of("validate"), List.of("parse"));
    private static final String[] INPUTS = {"chicory-wasm-corpus/compiled/fac.wat.wasm",
        "chicory-wasm-corpus/compiled/br_if.wat.wasm", "chicory-wasm-corpus/compiled/basic.c.wasm",
        "wac/wac-types/dummy_wasi_http@0.2.0.wasm"};
    private static final int MUTATIONS = 40;
    /** Truncations tried per input: every length for small inputs, evenly spread ones otherwise. */
    private static final int TRUNCATIONS = 50;

    @TestFactory
    List<DynamicTest> truncatedAndMutated() throws IOException {
        List<DynamicTest> tests = new ArrayList<>();
        for (String input : INPUTS) {
            byte[] original = Files.readAllBytes(Corpus.resolve(input));
            for (List<String> command : COMMANDS) {
                String name = input.substring(input.lastIndexOf('/') + 1) + ": jwt " + String.join(" ", command);
                tests.add(DynamicTest.dynamicTest(name + " on truncations", () -> {
                    int step = Math.max(1, original.length / TRUNCATIONS);
                    for (int n = 0; n < original.length; n += step) {
                        byte[] cut = new byte[n];
                        System.arraycopy(original, 0, cut, 0, n);
                        check(command, cut, "truncated to " + n + " bytes");
                    }
                }));
                tests.add(DynamicTest.dynamicTest(name + " on " + MUTATIONS + " mutations", () -> {
                    Random random = new Random(input.hashCode());
                    for (int i = 0; i < MUTATIONS; i++) {
                        byte[] m = original.clone();
                        int at = 8 + random.nextInt(m.length - 8);
                        int value = switch (random.nextInt(4)) {
                            case 0 -> 0xFF;
                            case 1 -> 0x80;
                            case 2 -> 0x00;
                            default -> random.nextInt(256);
                        };
                        m[at] = (byte) value;
                        check(command, m, "byte 0x" + Integer.toHexString(at) + " set to 0x" + Integer.toHexString(value));
                    }
                }));
            }
        }
        return tests;
    }

    static void check(List<String> command, byte[] input, String what) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        List<String> args = new ArrayList<>(command);
        args.add("-");
        int exit = Jwt.execute(new StdStreams(new ByteArrayInputStream(input), out, err, false),
                args.toArray(new String[0]));
        String stderr = err.toString(StandardCharsets.UTF_8);
        Function<String, String> context = s -> String.join(" ", command) + ", " + what + ": " + s + "\n" + stderr;
        assertTrue(exit == 0 || exit == 1, () -> context.apply("exit " + exit));
        if (exit == 1) {
            assertTrue(stderr.startsWith("error: "), () -> context.apply("no error line"));
            assertFalse(stderr.startsWith("error: internal error"), () -> context.apply("internal error"));
        }
    }
}
