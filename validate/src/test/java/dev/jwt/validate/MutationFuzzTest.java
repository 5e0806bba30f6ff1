package dev.jwt.validate;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.jwt.binary.FeatureSet;
import dev.jwt.binary.MalformedException;
import dev.jwt.testing.Corpus;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Mutated valid modules: whatever the bytes, the validator answers valid, malformed
 * ({@link MalformedException}) or invalid ({@link ValidationException}) — never another exception,
 * never a hang. The {@link FuzzTest} explores under {@code JAZZER_FUZZ=1}; in a normal build it
 * replays its seeds, and {@link #seededMutations} runs a fixed set of random mutations.
 */
class MutationFuzzTest {
    private static final List<byte[]> SEEDS = seeds();

    /** The smallest modules of the Chicory corpus: quick to validate, rich in sections. */
    private static List<byte[]> seeds() {
        List<Path> files = new ArrayList<>(Corpus.files(Corpus.resolve("chicory-wasm-corpus/compiled"), ".wasm"));
        files.sort(Comparator.comparingLong(MutationFuzzTest::size));
        List<byte[]> out = new ArrayList<>();
        for (Path f : files.subList(0, Math.min(40, files.size()))) {
            try {
                out.add(Files.readAllBytes(f));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return out;
    }

        /**
     * Component seeds: the {@code (component binary ...)} forms of the component test suites that
     * validate, and the two smallest WASI 0.3 programs (real toolchain output).
     */
    private static final List<byte[]> COMPONENT_SEEDS = componentSeeds();

    private static List<byte[]> componentSeeds() {
        List<byte[]> out = new ArrayList<>();
        FeatureSet all = FeatureSet.all();
        for (String dir : List.of("component-model/test", "wasm-tools/cli/component-model")) {
            for (Path wast : Corpus.files(Corpus.resolve(dir), ".wast")) {
                try {
                    for (var c : dev.jwt.binary.wast.WastBinaryModules.findComponents(wast)) {
                        try {
                            Validator.validateBinary(c.bytes(), all);
                            out.add(c.bytes());
                        } catch (dev.jwt.binary.WasmException e) {
                            // only valid seeds: mutations should start from the validator's good path
                        }
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        }
        List<Path> p3 = new ArrayList<>(Corpus.files(
                Corpus.resolve("wasi-testsuite/tests/rust/testsuite/wasm32-wasip3"), ".wasm"));
        p3.sort(Comparator.comparingLong(MutationFuzzTest::size));
        for (Path f : p3.subList(0, Math.min(2, p3.size()))) {
            try {
                out.add(Files.readAllBytes(f));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return out;
    }

    /** Like {@link #answer} for modules or components. */
    static String answerAny(byte[] wasm, FeatureSet features) {
        try {
            Validator.validateBinary(wasm, features);
            return "valid";
        } catch (MalformedException e) {
            assertTrue(e.getMessage().contains("at offset 0x"), e.getMessage());
            return "malformed";
        } catch (ValidationException e) {
            assertTrue(e.getMessage().contains("at offset 0x"), e.getMessage());
            return "invalid";
        }
    }

    @Test
    void seededComponentMutations() {
        assertTrue(COMPONENT_SEEDS.size() >= 10, "component seeds: " + COMPONENT_SEEDS.size());
        Random random = new Random(20261125);
        int[] counts = new int[3];
        for (int i = 0; i < 2000; i++) {
            byte[] seed = COMPONENT_SEEDS.get(random.nextInt(COMPONENT_SEEDS.size()));
            FeatureSet fs = random.nextInt(2) == 0 ? FeatureSet.all() : FeatureSet.defaults();
            String a = answerAny(mutate(seed, random), fs);
            counts[a.equals("valid") ? 0 : a.equals("malformed") ? 1 : 2]++;
        }
        assertTrue(counts[2] > 0, "no mutation was invalid: " + counts[0] + "/" + counts[1] + "/" + counts[2]);
    }

    @FuzzTest(maxDuration = "30s")
    void mutatedComponents(FuzzedDataProvider data) {
        byte[] seed = COMPONENT_SEEDS.get(data.consumeInt(0, COMPONENT_SEEDS.size() - 1));
        FeatureSet fs = data.consumeBoolean() ? FeatureSet.all() : FeatureSet.defaults();
        byte[] b = seed.clone();
        int edits = data.consumeInt(0, 8);
        for (int i = 0; i < edits && b.length > 8; i++) {
            int at = data.consumeInt(8, b.length - 1);
            b[at] = data.consumeByte();
        }
        answerAny(b, fs);
    }

    private static long size(Path p) {
        try {
            return Files.size(p);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Validates and reports which way it went; any other exception fails the test. */
    static String answer(byte[] wasm, FeatureSet features) {
        try {
            Validator.validate(wasm, features);
            return "valid";
        } catch (MalformedException e) {
            assertTrue(e.getMessage().contains("at offset 0x"), e.getMessage());
            return "malformed";
        } catch (ValidationException e) {
            assertTrue(e.getMessage().contains("at offset 0x"), e.getMessage());
            return "invalid";
        }
    }

    static byte[] mutate(byte[] seed, Random random) {
        byte[] b = seed.clone();
        int n = 1 + random.nextInt(4);
        for (int i = 0; i < n; i++) {
            int at = 8 + random.nextInt(Math.max(1, b.length - 8));
            if (at >= b.length) {
                continue;
            }
            switch (random.nextInt(4)) {
                case 0 -> b[at] = (byte) random.nextInt(256);
                case 1 -> b[at] ^= (byte) (1 << random.nextInt(8));
                case 2 -> b[at] = (byte) (b[at] + 1);
                default -> b[at] = (byte) (b[at] - 1);
            }
        }
        return b;
    }

    @Test
    void seededMutations() {
        Random random = new Random(20261124);
        int[] counts = new int[3];
        for (int i = 0; i < 3000; i++) {
            byte[] seed = SEEDS.get(random.nextInt(SEEDS.size()));
            FeatureSet fs = random.nextInt(4) == 0 ? FeatureSet.all() : FeatureSet.defaults();
            String a = answer(mutate(seed, random), fs);
            counts[a.equals("valid") ? 0 : a.equals("malformed") ? 1 : 2]++;
        }
        // Mutations must reach the validator, not only the decoder.
        assertTrue(counts[2] > 0, "no mutation was invalid: " + counts[0] + "/" + counts[1] + "/" + counts[2]);
    }

    @FuzzTest(maxDuration = "30s")
    void mutatedModules(FuzzedDataProvider data) {
        byte[] seed = SEEDS.get(data.consumeInt(0, SEEDS.size() - 1));
        FeatureSet fs = data.consumeBoolean() ? FeatureSet.all() : FeatureSet.defaults();
        byte[] b = seed.clone();
        int edits = data.consumeInt(0, 8);
        for (int i = 0; i < edits && b.length > 8; i++) {
            int at = data.consumeInt(8, b.length - 1);
            b[at] = data.consumeByte();
        }
        answer(b, fs);
    }
}
