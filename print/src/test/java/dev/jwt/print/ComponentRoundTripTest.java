package dev.jwt.print;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.jwt.binary.component.ComponentDecoder;
import dev.jwt.binary.component.ComponentEncoder;
import dev.jwt.testing.Corpus;
import dev.jwt.testing.KnownFailures;
import dev.jwt.text.Wat;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Every real component of the corpus (the wasi-testsuite's wasm32-wasip3 programs, the wac
 * corpus' components) printed, parsed back (text helper), encoded and printed again must give the
 * same text: a round trip that needs no peer and catches any name, index, type or instruction the
 * text gets wrong. The bytes themselves cannot come back: real binaries carry padded LEB128s
 * (from linkers), and the text format regenerates name sections and places custom sections its
 * own way (wasm-tools' own print and parse do not give the bytes back either). So custom sections
 * are compared by name and contents, not position ({@code (@custom ...)} lines sorted). The
 * printed text of the decoded model ({@link Printer#print(dev.jwt.binary.component.Component)})
 * must also be that of the bytes. Case id: the binary's corpus path.
 */
class ComponentRoundTripTest {
    private static final byte[] COMPONENT_PREAMBLE = {0, 'a', 's', 'm', 0x0d, 0, 1, 0};

    @TestFactory
    Stream<DynamicTest> realComponents() throws IOException {
        KnownFailures kf = KnownFailures.load("component-round-trip");
        List<DynamicTest> tests = new ArrayList<>();
        List<Path> files = new ArrayList<>();
        files.addAll(Corpus.files(Corpus.resolve("wasi-testsuite/tests/rust/testsuite/wasm32-wasip3"), ".wasm"));
        files.addAll(Corpus.files(Corpus.resolve("wac"), ".wasm"));
        for (Path file : files) {
            if (!isComponent(file)) {
                continue;
            }
            tests.add(kf.test(Corpus.id(file), () -> roundTrip(file)));
        }
        tests.add(kf.closingCheck());
        return tests.stream();
    }

    private static void roundTrip(Path file) throws IOException {
        byte[] wasm = Files.readAllBytes(file);
        String printed = new Printer().print(wasm);
        assertEquals(printed, new Printer().print(ComponentDecoder.decode(wasm)),
                "the decoded component prints otherwise");
        byte[] again = ComponentEncoder.encode(Wat.parseComponent(printed, file.toString()));
        assertEquals(customLast(printed), customLast(new Printer().print(again)),
                "the printed text parses back to bytes that print otherwise");
    }

    /** The text with its {@code (@custom ...)} lines moved to the end, sorted. */
    private static String customLast(String text) {
        List<String> lines = new ArrayList<>();
        List<String> customs = new ArrayList<>();
        for (String line : text.split("\n")) {
            (line.stripLeading().startsWith("(@custom ") ? customs : lines).add(line);
        }
        customs.sort(null);
        lines.addAll(customs);
        return String.join("\n", lines);
    }

    private static boolean isComponent(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return Arrays.equals(in.readNBytes(8), COMPONENT_PREAMBLE);
        }
    }
}
