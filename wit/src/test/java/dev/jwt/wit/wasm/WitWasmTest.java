package dev.jwt.wit.wasm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jwt.binary.MalformedException;
import dev.jwt.binary.WasmException;
import dev.jwt.binary.component.Component;
import dev.jwt.binary.component.ComponentExport;
import dev.jwt.binary.component.ComponentImport;
import dev.jwt.binary.component.ComponentSection;
import dev.jwt.binary.component.DefType;
import dev.jwt.binary.component.ExternName;
import dev.jwt.binary.component.ExternType;
import dev.jwt.binary.component.Sort;
import dev.jwt.binary.component.SortIndex;
import dev.jwt.binary.component.ComponentEncoder;
import dev.jwt.wit.Wit;
import dev.jwt.wit.WitException;
import dev.jwt.wit.print.WitPrinter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The WIT binary encoding's API: stability and docs survive, bad binaries fail cleanly. */
class WitWasmTest {
    private static final String GATED = """
            /// the package
            package a:b@1.2.0;

            /// an interface
            @since(version = 1.0.0)
            interface i {
              /// a type
              @since(version = 1.1.0)
              record r {
                /// a field
                x: u32,
              }

              @unstable(feature = shiny)
              f: func(a: r) -> string;

              @since(version = 1.0.0)
              @deprecated(version = 1.2.0)
              g: async func();
            }

            world w {
              @since(version = 1.0.0)
              import i;
              /// a function
              @unstable(feature = shiny)
              export run: func();
            }
            """;

    private static String roundTrip(Wit.Loaded l) {
        Wit.Loaded back = Wit.decodeWasm(Wit.encodeWasm(l.resolve(), l.mainPackage()));
        return WitPrinter.print(back.resolve(), back.mainPackage());
    }

    @Test
    void docsAndStabilitySurviveTheBinary() {
        Wit.Loaded l = Wit.load("gated.wit", GATED, new Wit.Features(Set.of("shiny"), false));
        String text = WitPrinter.print(l.resolve(), l.mainPackage());
        assertTrue(text.contains("@unstable(feature = shiny)"), text);
        assertTrue(text.contains("/// a field"), text);
        assertEquals(text, roundTrip(l));
    }

    @Test
    void gatedItemsLeftOutStayOut() {
        Wit.Loaded l = Wit.load("gated.wit", GATED, Wit.Features.NONE);
        String text = roundTrip(l);
        assertFalse(text.contains("shiny"), text);
        assertEquals(WitPrinter.print(l.resolve(), l.mainPackage()), text);
    }

    @Test
    void encodingIsDeterministic() {
        Wit.Loaded l = Wit.load("gated.wit", GATED, Wit.Features.NONE);
        assertArrayEquals(Wit.encodeWasm(l.resolve(), l.mainPackage()), Wit.encodeWasm(l.resolve(), l.mainPackage()));
    }

    @Test
    void loadReadsABinaryByItsContents(@TempDir Path dir) throws Exception {
        Wit.Loaded l = Wit.load("gated.wit", GATED, Wit.Features.NONE);
        Path p = dir.resolve("pkg.bin");
        Files.write(p, Wit.encodeWasm(l.resolve(), l.mainPackage()));
        Wit.Loaded back = Wit.load(p, Wit.Features.NONE);
        assertEquals(WitPrinter.print(l.resolve(), l.mainPackage()), WitPrinter.print(back.resolve(), back.mainPackage()));
    }

    @Test
    void aCoreModuleWithoutWitIsRefused() {
        WitException e = assertThrows(WitException.class, () -> Wit.decodeWasm(new byte[] {0, 'a', 's', 'm', 1, 0, 0, 0}));
        assertTrue(e.getMessage().startsWith("input is a core wasm module with no `component-type*` custom sections"), e.getMessage());
    }

    @Test
    void anEmptyComponentHasTheEmptyWorld() {
        Wit.Loaded l = Wit.decodeWasm(new byte[] {0, 'a', 's', 'm', 0x0d, 0, 1, 0});
        assertEquals("package root:component;\n\nworld root {\n}\n", WitPrinter.print(l.resolve(), l.mainPackage()));
    }

    @Test
    void aComponentsImportsAndExportsAreItsWorld() {
        // (component (type (func)) (import "f" (func (type 0))) (export "g" (func 0)))
        Component c = new Component(List.of(
                new ComponentSection.TypeSection(List.of(new DefType.Func(false, List.of(), Optional.empty()))),
                new ComponentSection.ImportSection(List.of(new ComponentImport(ExternName.of("f"), new ExternType.Func(0)))),
                new ComponentSection.ExportSection(List.of(
                        new ComponentExport(ExternName.of("g"), new SortIndex(Sort.FUNC, 0), Optional.empty())))));
        Wit.Loaded l = Wit.decodeWasm(ComponentEncoder.encode(c));
        assertEquals("package root:component;\n\nworld root {\n  import f: func();\n\n  export g: func();\n}\n",
                WitPrinter.print(l.resolve(), l.mainPackage()));
    }

    @Test
    void truncatedBinariesAreMalformedWithTheirOffset() {
        Wit.Loaded l = Wit.load("gated.wit", GATED, Wit.Features.NONE);
        byte[] bytes = Wit.encodeWasm(l.resolve(), l.mainPackage());
        for (int len : new int[] {0, 3, 9, 20, bytes.length / 2, bytes.length - 1}) {
            byte[] cut = Arrays.copyOf(bytes, len);
            WasmException e = assertThrows(WasmException.class, () -> Wit.decodeWasm(cut), () -> "length " + len);
            assertTrue(e instanceof MalformedException, e.toString());
        }
    }

    @Test
    void whatWitCannotSayIsOneError() {
        // A component importing a component: no WIT for that.
        Component c = new Component(List.of(
                new ComponentSection.TypeSection(List.of(new DefType.ComponentType(List.of()))),
                new ComponentSection.ImportSection(List.of(new ComponentImport(ExternName.of("c"), new ExternType.Component(0))))));
        WitException e = assertThrows(WitException.class, () -> Wit.decodeWasm(ComponentEncoder.encode(c)));
        assertTrue(e.getMessage().contains("`c`"), e.getMessage());
        // A binary WIT package whose export is not a component type.
        Component bad = new Component(List.of(
                new ComponentSection.TypeSection(List.of(new DefType.Func(false, List.of(), Optional.empty()))),
                new ComponentSection.ExportSection(List.of(
                        new ComponentExport(ExternName.of("x"), new SortIndex(Sort.TYPE, 0), Optional.empty())))));
        assertThrows(WitException.class, () -> Wit.decodeWasm(ComponentEncoder.encode(bad)));
    }

    @Test
    void mutatedBinariesDecodeOrFailCleanly() {
        Wit.Loaded l = Wit.load("gated.wit", GATED, new Wit.Features(Set.of("shiny"), false));
        byte[] bytes = Wit.encodeWasm(l.resolve(), l.mainPackage());
        java.util.Random random = new java.util.Random(42);
        for (int i = 0; i < 3000; i++) {
            byte[] b = bytes.clone();
            for (int j = random.nextInt(3); j >= 0; j--) {
                b[8 + random.nextInt(b.length - 8)] = (byte) random.nextInt(256);
            }
            try {
                Wit.decodeWasm(b);
            } catch (WasmException expected) {
                // a clean error is what a broken binary gets
            }
        }
    }

    @Test
    void packageDocsOfAnotherVersionAreRefused() {
        assertThrows(WitException.class, () -> PackageMetadata.apply(new byte[] {2, '{', '}'},
                Wit.load("x.wit", "package a:b;", Wit.Features.NONE).resolve(), 0));
    }
}
