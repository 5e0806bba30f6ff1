package dev.jwt.binary.component;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.jwt.testing.Corpus;
import dev.jwt.testing.KnownFailures;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Every component binary of the corpus (the wasm32-wasip3 test programs, wac's and wit-parser's)
 * decodes, encodes back to the same bytes, and the re-encoded bytes decode to an equal model.
 */
class ComponentRoundTripTest {
    @TestFactory
    Stream<DynamicTest> roundTrip() {
        KnownFailures kf = KnownFailures.load("component-round-trip");
        List<DynamicTest> tests = new ArrayList<>();
        for (Path p : ComponentCorpus.components()) {
            tests.add(kf.test(Corpus.id(p), () -> assertRoundTrips(Files.readAllBytes(p))));
        }
        tests.add(kf.closingCheck());
        return tests.stream();
    }

    @TestFactory
    Stream<DynamicTest> corpusHasComponents() {
        // The wasip3 programs alone are 55; a corpus without them would make the test above vacuous.
        return Stream.of(DynamicTest.dynamicTest("at least 55 components",
                () -> assertTrue(ComponentCorpus.components().size() >= 55, "" + ComponentCorpus.components().size())));
    }

    static void assertRoundTrips(byte[] bytes) {
        Component c = ComponentDecoder.decode(bytes);
        byte[] again = ComponentEncoder.encode(c);
        int diff = Arrays.mismatch(bytes, again);
        if (diff >= 0) {
            fail("encode(decode(b)) differs from b at offset 0x" + Integer.toHexString(diff) + " (sizes "
                    + bytes.length + ", " + again.length + ")");
        }
        assertEquals(c, ComponentDecoder.decode(again), "decode(encode(c))");
    }

    @TestFactory
    Stream<DynamicTest> detailedPlaces() throws IOException {
        List<DynamicTest> tests = new ArrayList<>();
        for (Path p : ComponentCorpus.components()) {
            tests.add(DynamicTest.dynamicTest(Corpus.id(p), () -> {
                byte[] bytes = Files.readAllBytes(p);
                DecodedComponent d = ComponentDecoder.decodeDetailed(bytes);
                assertPlaces(d, 8, bytes.length);
            }));
        }
        return tests.stream();
    }

    /** Sections tile the component's bytes; items lie inside their section, in order. */
    private static void assertPlaces(DecodedComponent d, long start, long end) {
        assertEquals(d.component().sections().size(), d.places().size());
        long at = start;
        for (int i = 0; i < d.places().size(); i++) {
            DecodedComponent.SectionPlace place = d.places().get(i);
            assertEquals(at, place.offset(), "section " + i + " starts where the previous ended");
            long prev = place.contentOffset() - 1;
            for (long item : place.itemOffsets()) {
                assertTrue(item > prev && item < place.end(), "item offset in section " + i);
                prev = item;
            }
            if (place.nested() instanceof DecodedComponent nested) {
                assertPlaces(nested, place.contentOffset() + 8, place.end());
            }
            at = place.end();
        }
        assertEquals(end, at, "sections end with the component");
    }
}
