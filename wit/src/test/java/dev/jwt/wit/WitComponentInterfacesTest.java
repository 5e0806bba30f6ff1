package dev.jwt.wit;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.jwt.testing.Corpus;
import dev.jwt.testing.KnownFailures;
import dev.jwt.wit.print.WitPrinter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * wit-component's {@code interfaces/} cases: each package, printed, equals its {@code .wit.print}
 * (wasm-tools' printer output). A case is {@code NAME.wit} or a directory holding the {@code .print}.
 */
class WitComponentInterfacesTest {
    @TestFactory
    List<DynamicTest> printed() throws IOException {
        KnownFailures kf = KnownFailures.load("wit-component-interfaces");
        Path dir = Corpus.resolve("wit-component/interfaces");
        List<DynamicTest> tests = new ArrayList<>();
        for (Path p : WitParserUiTest.list(dir)) {
            Path input;
            Path expected;
            if (Files.isDirectory(p)) {
                List<Path> prints = Corpus.files(p, ".wit.print");
                if (prints.isEmpty()) {
                    continue;
                }
                input = p;
                expected = prints.get(0);
            } else if (p.getFileName().toString().endsWith(".wit")) {
                input = p;
                expected = p.resolveSibling(p.getFileName() + ".print");
                if (!Files.exists(expected)) {
                    continue;
                }
            } else {
                continue;
            }
            tests.add(kf.test(Corpus.id(input), () -> {
                Wit.Loaded loaded = Wit.load(input, Wit.Features.NONE);
                String actual = WitPrinter.print(loaded.resolve(), loaded.mainPackage());
                assertEquals(Files.readString(expected), actual);
            }));
        }
        tests.add(kf.closingCheck());
        return tests;
    }
}
