package dev.jwt.binary.wast;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import dev.jwt.binary.MalformedException;
import dev.jwt.binary.ModuleDecoder;
import dev.jwt.binary.ModuleEncoder;
import dev.jwt.testing.Corpus;
import dev.jwt.testing.KnownFailures;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The spec tests' binary modules: those under {@code assert_malformed} must fail to decode with the
 * reference interpreter's message (as a prefix, like the reference harness compares); every other one
 * must decode (validity is not the decoder's business) and re-encode stably.
 */
class SpecBinaryModulesTest {
    @TestFactory
    Stream<DynamicTest> specBinaryModules() throws IOException {
        KnownFailures kf = KnownFailures.load("spec-binary-modules");
        List<DynamicTest> tests = new ArrayList<>();
        for (Path wast : Corpus.files(Corpus.resolve("spec"), ".wast")) {
            for (WastBinaryModules.Case c : WastBinaryModules.find(wast)) {
                String id = Corpus.id(wast) + ":" + c.line();
                if ("assert_malformed".equals(c.assertion())) {
                    tests.add(kf.test(id, () -> {
                        try {
                            ModuleDecoder.decode(c.bytes());
                            fail("decoded, but expected malformed: " + c.message());
                        } catch (MalformedException e) {
                            if (!e.bareMessage().startsWith(c.message())) {
                                // The reference interpreter's harness compares message prefixes.
                                assertEquals(c.message(), e.bareMessage(), "message");
                            }
                        }
                    }));
                } else {
                    tests.add(kf.test(id, () -> {
                        // Decodes; and re-encoding is canonical: encoding what the encoder wrote gives it back.
                        byte[] once = ModuleEncoder.encode(ModuleDecoder.decode(c.bytes()));
                        assertArrayEquals(once, ModuleEncoder.encode(ModuleDecoder.decode(once)), "encoding is stable");
                    }));
                }
            }
        }
        tests.add(kf.closingCheck());
        return tests.stream();
    }
}
