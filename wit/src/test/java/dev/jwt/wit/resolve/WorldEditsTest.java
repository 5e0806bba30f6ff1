package dev.jwt.wit.resolve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jwt.wit.Wit;
import dev.jwt.wit.WitException;
import dev.jwt.wit.print.WitPrinter;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The world edits on small packages; wasm-tools' CLI cases (cli module) check them against upstream's output. */
class WorldEditsTest {
    private static final String PKG = """
            package a:b;

            interface dep {
              type t = u32;
            }

            interface i {
              use dep.{t};
              f: func() -> t;
            }

            world w {
              import x: func();
              export i;
            }

            world other {
              import i;
              import y: func();
            }
            """;

    private static Wit.Loaded load(String text) {
        return Wit.load("test.wit", text, Wit.Features.NONE);
    }

    private static String world(Resolve r, int world) {
        String all = WitPrinter.print(r, r.worlds().get(world).packageIndex(), List.of(), false);
        return all.substring(all.indexOf("world " + r.worlds().get(world).name() + " {"));
    }

    @Test
    void importizeMovesExportsToImportsAndRenames() {
        Wit.Loaded l = load(PKG);
        int w = WorldEdits.select(l.resolve(), l.mainPackage(), "w");
        Resolve r = WorldEdits.importize(l.resolve(), w, null);
        assertEquals("w-importized", r.worlds().get(w).name());
        assertEquals("world w-importized {\n  import dep;\n  import i;\n}\n", world(r, w));
        // The renamed world moves last among the package's worlds, as in wit-parser.
        assertEquals(List.of("other", "w-importized"), List.copyOf(r.packages().get(l.mainPackage()).worlds().keySet()));
        // The input is left as it was.
        assertEquals("w", l.resolve().worlds().get(w).name());
    }

    @Test
    void importizeRefusesAnExportNamedAsAnImport() {
        Wit.Loaded l = load("package a:b;\nworld w {\n  type foo = u32;\n  export foo: func() -> foo;\n}\n");
        WitException e = assertThrows(WitException.class, () -> WorldEdits.importize(l.resolve(), 0, null));
        assertTrue(e.getMessage().contains("world export `foo` conflicts with import of same name"), e.getMessage());
    }

    @Test
    void exportizeMovesTheChosenImports() {
        Wit.Loaded l = load(PKG);
        int w = WorldEdits.select(l.resolve(), l.mainPackage(), "a:b/other");
        Resolve r = WorldEdits.exportize(l.resolve(), w, "out",
                (key, item) -> key instanceof WorldKey.OfInterface k && l.resolve().interfaces().get(k.index()).name().equals("i"));
        assertEquals("world out {\n  import dep;\n  import y: func();\n\n  export i;\n}\n", world(r, w));
    }

    @Test
    void mergeKeepsTheLatestVersionOnATrack() {
        Wit.Loaded l = load("""
                package a:b;

                world w {
                  import x:y/i@0.2.0;
                  import x:y/i@0.2.3;
                  import x:y/i@1.0.0;
                }

                package x:y@0.2.0 { interface i {} }
                package x:y@0.2.3 { interface i {} }
                package x:y@1.0.0 { interface i {} }
                """);
        int w = WorldEdits.select(l.resolve(), l.mainPackage(), null);
        Resolve r = WorldEdits.mergeImportsBasedOnSemver(l.resolve(), w);
        assertEquals("world w {\n  import x:y/i@0.2.3;\n  import x:y/i@1.0.0;\n}\n", world(r, w));
    }

    @Test
    void nominalTypeIdsCopyAnInterfaceUsedTwice() {
        Wit.Loaded l = load("package a:b;\ninterface x {\n  resource r;\n  hi: func() -> r;\n}\nworld w {\n  import x;\n  export x;\n}\n");
        WorldEdits.Nominal n = WorldEdits.generateNominalTypeIds(l.resolve(), 0);
        Resolve r = n.resolve();
        assertEquals(java.util.Map.of(1, 0), n.cloneOf());
        assertEquals(List.of(new WorldKey.OfInterface(1)), List.copyOf(r.worlds().get(0).exports().keySet()));
        int copiedR = r.interfaces().get(1).types().get("r");
        assertEquals(new TypeOwner.OfInterface(1), r.types().get(copiedR).owner());
        Type result = r.interfaces().get(1).functions().get("hi").result();
        assertEquals(new TypeDefKind.Handle(true, copiedR), r.types().get(((Type.Id) result).index()).kind());
    }

    @Test
    void semverTracks() {
        assertEquals("1.0.0", Semver.track("1.2.3"));
        assertEquals("0.2.0", Semver.track("0.2.3"));
        assertEquals("0.0.3", Semver.track("0.0.3"));
        assertEquals("1.2.3-rc.1", Semver.track("1.2.3-rc.1+build"));
    }

    @Test
    void selectNamesTheWorldOrExplainsWhy() {
        Wit.Loaded l = load(PKG);
        WitException none = assertThrows(WitException.class, () -> WorldEdits.select(l.resolve(), l.mainPackage(), "nope"));
        assertEquals("no world named `nope` in package", none.getMessage());
        WitException many = assertThrows(WitException.class, () -> WorldEdits.select(l.resolve(), l.mainPackage(), null));
        assertTrue(many.getMessage().startsWith("multiple worlds found in package `a:b`"), many.getMessage());
    }
}
