package dev.jwt.binary.component;

import dev.jwt.binary.ModuleDecoder;
import dev.jwt.testing.Corpus;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** The component binaries of the corpus: every {@code .wasm} whose preamble says component. */
final class ComponentCorpus {
    private ComponentCorpus() {}

    private static List<Path> components;

    static synchronized List<Path> components() {
        if (components == null) {
            List<Path> out = new ArrayList<>();
            for (Path p : Corpus.files(Corpus.root(), ".wasm")) {
                if (isComponent(p)) {
                    out.add(p);
                }
            }
            components = List.copyOf(out);
        }
        return components;
    }

    static boolean isComponent(Path p) {
        byte[] head = new byte[8];
        try (InputStream in = Files.newInputStream(p)) {
            return in.readNBytes(head, 0, 8) == 8 && Arrays.equals(head, 0, 4, ModuleDecoder.MAGIC, 0, 4)
                    && Arrays.equals(head, 4, 8, ModuleDecoder.COMPONENT_VERSION, 0, 4);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
