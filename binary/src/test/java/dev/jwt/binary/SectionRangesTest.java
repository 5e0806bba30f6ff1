package dev.jwt.binary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jwt.binary.module.FuncBody;
import dev.jwt.binary.module.SectionId;
import dev.jwt.binary.module.SectionRange;
import dev.jwt.testing.Corpus;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The section layout recorded by {@link ModuleDecoder#decodeDetailed}: sections tile the binary
 * after the preamble, item offsets lie inside their section in increasing order, and each code
 * entry's offset precedes its instructions.
 */
class SectionRangesTest {
    @TestFactory
    Stream<DynamicTest> rangesTileTheBinary() throws IOException {
        List<DynamicTest> tests = new ArrayList<>();
        for (Path p : ModuleRoundTripTest.coreModules()) {
            tests.add(DynamicTest.dynamicTest(Corpus.id(p), () -> {
                byte[] bytes = Files.readAllBytes(p);
                DecodedModule d = ModuleDecoder.decodeDetailed(bytes);
                long at = 8;
                for (SectionRange r : d.sections()) {
                    assertEquals(at, r.offset(), "section starts where the previous ended");
                    assertEquals(r.id().id(), bytes[(int) r.offset()] & 0xFF, "id byte");
                    assertTrue(r.contentOffset() > r.offset() && r.end() <= bytes.length);
                    assertEquals(r.id() == SectionId.CUSTOM ? 0 : r.count(), r.itemOffsets().length);
                    long last = r.contentOffset() - 1;
                    for (long o : r.itemOffsets()) {
                        assertTrue(o > last && o < r.end(), "item offset in order and inside the section");
                        last = o;
                    }
                    if (r.id() == SectionId.CODE) {
                        List<FuncBody> code = d.module().code();
                        for (int i = 0; i < code.size(); i++) {
                            assertTrue(r.itemOffset(i) < code.get(i).offset());
                        }
                    }
                    at = r.end();
                }
                assertEquals(bytes.length, at, "sections end with the binary");
            }));
        }
        return tests.stream();
    }
}
