package dev.jwt.text;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import dev.jwt.binary.ModuleEncoder;
import dev.jwt.testing.Corpus;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Each {@code fixtures/text/wat/X.wat} parses and encodes to exactly the bytes of {@code X.wasm},
 * which wasm-tools' parser produced from the same text (names section included).
 */
class WatFixturesTest {
    @TestFactory
    Stream<DynamicTest> fixtures() {
        return Corpus.files(Corpus.fixtures().resolve("text/wat"), ".wat").stream().map(wat -> DynamicTest.dynamicTest(
                wat.getFileName().toString(), () -> {
                    Path expected = wat.resolveSibling(wat.getFileName().toString().replace(".wat", ".wasm"));
                    byte[] mine = ModuleEncoder.encode(Wat.parseModule(
                            Files.readString(wat, StandardCharsets.UTF_8), wat.getFileName().toString()));
                    assertArrayEquals(Files.readAllBytes(expected), mine);
                }));
    }
}
