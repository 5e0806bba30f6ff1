package dev.jwt.binary.custom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import dev.jwt.binary.ModuleDecoder;
import dev.jwt.binary.module.Bytes;
import dev.jwt.binary.module.CustomSection;
import dev.jwt.binary.module.Module;
import dev.jwt.binary.module.NameSection;
import dev.jwt.testing.Corpus;
import dev.jwt.testing.KnownFailures;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/** The known custom sections of the corpus modules decode, and encode back to the same bytes. */
class CustomSectionsTest {
    @TestFactory
    Stream<DynamicTest> knownCustomSectionsRoundTrip() throws IOException {
        KnownFailures kf = KnownFailures.load("custom-sections");
        List<DynamicTest> tests = new ArrayList<>();
        for (String dir : List.of("chicory-wasm-corpus/compiled", "wasi-testsuite/tests")) {
            for (Path p : Corpus.files(Corpus.resolve(dir), ".wasm")) {
                byte[] bytes = Files.readAllBytes(p);
                if (bytes.length < 8 || bytes[4] != 1) {
                    continue; // a component, or not a binary at all
                }
                Module m = ModuleDecoder.decode(bytes);
                int i = 0;
                for (CustomSection c : m.customs()) {
                    String id = Corpus.id(p) + "#" + i++ + ":" + c.name();
                    Bytes data = c.data();
                    switch (c.name()) {
                        case "name" -> tests.add(kf.test(id, () -> {
                            NameSection names = NameSectionCodec.decode(data, 0);
                            assertEquals(names, m.names());
                            assertEquals(data, NameSectionCodec.encode(names));
                        }));
                        case ProducersSection.NAME -> tests.add(kf.test(id,
                                () -> assertEquals(data, ProducersSection.decode(data, 0).encode())));
                        case TargetFeaturesSection.NAME -> tests.add(kf.test(id,
                                () -> assertEquals(data, TargetFeaturesSection.decode(data, 0).encode())));
                        case DylinkSection.NAME -> tests.add(kf.test(id,
                                () -> assertEquals(data, DylinkSection.decode(data, 0).encode())));
                        default -> { }
                    }
                }
            }
        }
        tests.add(kf.closingCheck());
        return tests.stream();
    }

    @Test
    void dylinkAndUndecodableNames() {
        DylinkSection d = new DylinkSection(List.of(new DylinkSection.MemInfo(16, 2, 1, 0),
                new DylinkSection.Needed(List.of("libc.so")),
                new DylinkSection.ExportInfo(List.of(new DylinkSection.SymbolFlags("x", 0x80))),
                new DylinkSection.ImportInfo(List.of(new DylinkSection.ImportFlags("env", "y", 1))),
                new DylinkSection.RuntimePath(List.of("$ORIGIN")),
                new DylinkSection.Unknown(9, Bytes.wrap(new byte[] {1, 2}))));
        assertEquals(d, DylinkSection.decode(d.encode(), 0));

        // A broken name section is kept, but not decoded; the module still decodes.
        byte[] module = {0x00, 0x61, 0x73, 0x6D, 0x01, 0x00, 0x00, 0x00, 0x00, 0x07, 0x04, 'n', 'a', 'm', 'e', 0x01, 0x05};
        Module m = ModuleDecoder.decode(module);
        assertEquals(1, m.customs().size());
        assertEquals(null, m.names());
        assertNotNull(m.customs().get(0).data());
    }
}
