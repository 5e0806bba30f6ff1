package dev.jwt.wit.wasm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jwt.binary.component.Component;
import dev.jwt.binary.component.ComponentEncoder;
import dev.jwt.binary.component.ComponentSection;
import dev.jwt.testing.Corpus;
import dev.jwt.wit.Wit;
import dev.jwt.wit.WitException;
import dev.jwt.wit.print.WitPrinter;
import dev.jwt.wit.resolve.PackageName;
import dev.jwt.wit.resolve.Resolve;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/**
 * The WIT of core modules with {@code component-type} custom sections (what
 * {@code component embed} writes), checked against wasm-tools' CLI expectations of the
 * {@code component embed --dummy % | component wit} cases. jwt has no {@code component embed}
 * yet, so the test embeds the world itself: the world's package encoded as a binary WIT package
 * (which, for a package whose only world is the embedded one, is the section wit-component writes,
 * less its docs) in an otherwise empty core module.
 */
class CoreModuleWitTest {
    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "component-wit-of-core-module.wit, a:b",
        "print-core-wasm-wit.wit, foo:foo",
        "print-core-wasm-wit-multiple-packages.wit, bar:bar",
        "multiple-packages-one-world.wit, foo:root",
    })
    void embeddedWorldPrintsAsWasmTools(String file, String pkg) throws IOException {
        Path wit = Corpus.resolve("wasm-tools/cli").resolve(file);
        Wit.Loaded loaded = Wit.load(wit, Wit.Features.NONE);
        Resolve r = loaded.resolve();
        int pkgIndex = -1;
        for (int i = 0; i < r.packages().size(); i++) {
            PackageName n = r.packages().get(i).name();
            if ((n.namespace() + ":" + n.name()).equals(pkg)) {
                pkgIndex = i;
            }
        }
        byte[] module = coreModule(List.of(section("component-type", WitEncoder.encode(r, pkgIndex))));
        Wit.Loaded decoded = Wit.decodeWasm(module);
        assertEquals("root:root", decoded.resolve().packages().get(decoded.mainPackage()).name().toString());
        List<Integer> nested = new ArrayList<>();
        for (int i = 0; i < decoded.resolve().packages().size(); i++) {
            if (i != decoded.mainPackage()) {
                nested.add(i);
            }
        }
        String printed = WitPrinter.print(decoded.resolve(), decoded.mainPackage(), nested, true).stripTrailing() + "\n";
        assertEquals(Files.readString(wit.resolveSibling(file + ".stdout")), printed);
    }

    @Test
    void coreModuleWithoutWitIsAClearError() {
        WitException e = assertThrows(WitException.class, () -> Wit.decodeWasm(coreModule(List.of())));
        assertTrue(e.getMessage().contains("no `component-type*` custom sections"), e.getMessage());
    }

    @Test
    void sectionThatIsNoComponentIsAClearError() {
        byte[] module = coreModule(List.of(section("component-type:x", new byte[] {1, 2, 3})));
        assertThrows(dev.jwt.binary.WasmException.class, () -> Wit.decodeWasm(module));
    }

    /** A binary WIT package without its package-docs section, as the embedded world carries none. */
    private static byte[] section(String name, Component witPackage) {
        List<ComponentSection> kept = witPackage.sections().stream()
                .filter(s -> !(s instanceof ComponentSection.Custom c && c.section().name().equals("package-docs")))
                .toList();
        return section(name, ComponentEncoder.encode(new Component(kept, witPackage.names())));
    }

    private static byte[] section(String name, byte[] data) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        byte[] n = name.getBytes(StandardCharsets.UTF_8);
        leb(body, n.length);
        body.writeBytes(n);
        body.writeBytes(data);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(0);
        leb(out, body.size());
        out.writeBytes(body.toByteArray());
        return out.toByteArray();
    }

    private static byte[] coreModule(List<byte[]> sections) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(new byte[] {0, 'a', 's', 'm', 1, 0, 0, 0});
        sections.forEach(out::writeBytes);
        return out.toByteArray();
    }

    private static void leb(ByteArrayOutputStream out, int v) {
        do {
            int b = v & 0x7f;
            v >>>= 7;
            out.write(v == 0 ? b : b | 0x80);
        } while (v != 0);
    }
}
