package dev.jwt.text;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import dev.jwt.binary.component.ComponentEncoder;
import dev.jwt.testing.Corpus;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Each {@code fixtures/text/components/X.wat} parses and encodes to exactly the bytes of
 * {@code X.wasm}, which wasm-tools' parser produced from the same text: the desugaring (hoisted
 * inline types, aliases for projections and outer ids, inline exports at the end), section
 * grouping and the {@code component-name} section are those of wasm-tools.
 */
class ComponentFixturesTest {
    @TestFactory
    Stream<DynamicTest> fixtures() {
        return Corpus.files(Corpus.fixtures().resolve("text/components"), ".wat").stream().map(wat ->
                DynamicTest.dynamicTest(wat.getFileName().toString(), () -> {
                    Path expected = wat.resolveSibling(wat.getFileName().toString().replace(".wat", ".wasm"));
                    byte[] mine = ComponentEncoder.encode(Wat.parseComponent(
                            Files.readString(wat, StandardCharsets.UTF_8), wat.getFileName().toString()));
                    assertArrayEquals(Files.readAllBytes(expected), mine);
                }));
    }
}
