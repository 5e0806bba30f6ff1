package dev.jwt.binary.component;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.jwt.binary.FeatureSet;
import dev.jwt.binary.MalformedException;
import dev.jwt.binary.wast.WastBinaryModules;
import dev.jwt.testing.Corpus;
import dev.jwt.testing.KnownFailures;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The {@code (component binary ...)} forms of the Component Model tests and wasm-tools' tests.
 * Under {@code assert_malformed} decoding must fail with a message containing the expected one
 * (wasm-tools' harness compares so). Under {@code assert_invalid} it may fail only with the
 * expected message (wasm-tools rejects some of those while decoding). Every other one must
 * decode, and encode to bytes that decode to the same model.
 */
class ComponentBinaryWastTest {
    static final List<String> DIRS = List.of("component-model/test", "wasm-tools/cli");

    @TestFactory
    Stream<DynamicTest> componentBinaries() throws IOException {
        KnownFailures kf = KnownFailures.load("component-binary-wast");
        List<DynamicTest> tests = new ArrayList<>();
        for (String dir : DIRS) {
            for (Path wast : Corpus.files(Corpus.resolve(dir), ".wast")) {
                // wasm-tools' decoder rejects the encodings of features its RUN line leaves off.
                FeatureSet features = dir.startsWith("wasm-tools")
                        ? Corpus.runFeatures(Files.readString(wast, StandardCharsets.UTF_8)) : null;
                for (WastBinaryModules.Case c : WastBinaryModules.findComponents(wast)) {
                    String id = Corpus.id(wast) + ":" + c.line();
                    tests.add(kf.test(id, () -> check(c, features)));
                }
            }
        }
        tests.add(kf.closingCheck());
        return tests.stream();
    }

    private static void check(WastBinaryModules.Case c, FeatureSet features) {
        if ("assert_malformed".equals(c.assertion())) {
            try {
                ComponentDecoder.decode(c.bytes(), features);
                fail("decoded, but expected malformed: " + c.message());
            } catch (MalformedException e) {
                assertTrue(e.bareMessage().contains(c.message()),
                        "expected \"" + c.message() + "\", got \"" + e.bareMessage() + "\"");
                assertTrue(e.offset() >= 0 && e.offset() <= c.bytes().length, "offset in range: " + e.offset());
            }
            return;
        }
        try {
            // Some test binaries use overlong LEB128s on purpose, so the encoding is compared after
            // one round: encoding is canonical and stable, and the model survives it.
            Component decoded = ComponentDecoder.decode(c.bytes(), features);
            ComponentRoundTripTest.assertRoundTrips(ComponentEncoder.encode(decoded));
            assertEquals(decoded, ComponentDecoder.decode(ComponentEncoder.encode(decoded)));
        } catch (MalformedException e) {
            if (!"assert_invalid".equals(c.assertion()) || !e.bareMessage().contains(c.message())) {
                throw e;
            }
        }
    }
}
