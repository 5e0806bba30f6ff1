package dev.jwt.run;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.jwt.binary.ModuleDecoder;
import dev.jwt.binary.module.Module;
import dev.jwt.binary.types.FuncType;
import dev.jwt.binary.types.GlobalType;
import dev.jwt.binary.types.VecType;
import dev.jwt.testing.Corpus;
import dev.jwt.text.Wat;
import java.nio.file.Files;
import java.util.List;
import org.junit.jupiter.api.Test;

/** v128 values through the Java API and the compiler's value plumbing (the lane semantics are the spec tests' job). */
class SimdTest {
    private static Instance instantiate(String wat, Linker linker) {
        Module m = Wat.parseModule(wat, "test.wat");
        return GuestThread.run(() -> linker.instantiate(new Engine().compile(m)));
    }

    private static V128 i32x4(int a, int b, int c, int d) {
        return new V128((a & 0xFFFFFFFFL) | ((long) b << 32), (c & 0xFFFFFFFFL) | ((long) d << 32));
    }

    @Test
    void v128ArgumentsResultsLocalsAndMultipleResults() {
        Instance i = instantiate("""
                (module
                  (func (export "add") (param v128 v128) (result v128) (i32x4.add (local.get 0) (local.get 1)))
                  (func (export "zero") (result v128) (local v128) (local.get 0))
                  (func (export "swap") (param v128 i32 v128) (result v128 i32 v128)
                    (local.get 2) (local.get 1) (local.get 0))
                  (func (export "pick") (param v128 v128 i32) (result v128)
                    (select (local.get 0) (local.get 1) (local.get 2)))
                  (func (export "branch") (param v128 i32) (result v128)
                    (block (result v128)
                      (i32.const 99) (local.get 0) (local.get 1) (br_if 0) (drop) (drop)
                      (v128.const i64x2 7 8))))
                """, new Linker());
        assertArrayEquals(new Object[] {i32x4(6, 8, 10, 12)}, i.call("add", i32x4(1, 2, 3, 4), i32x4(5, 6, 7, 8)));
        assertArrayEquals(new Object[] {V128.ZERO}, i.call("zero"));
        V128 a = new V128(1, 2);
        V128 b = new V128(3, 4);
        assertArrayEquals(new Object[] {b, 5, a}, i.call("swap", a, 5, b));
        assertArrayEquals(new Object[] {a}, i.call("pick", a, b, 1));
        assertArrayEquals(new Object[] {b}, i.call("pick", a, b, 0));
        assertArrayEquals(new Object[] {a}, i.call("branch", a, 1));
        assertArrayEquals(new Object[] {new V128(7, 8)}, i.call("branch", a, 0));
    }

    @Test
    void v128LocalsAcrossLoops() {
        Instance i = instantiate("""
                (module
                  (func (export "sum") (param $acc v128) (param $n i32) (result v128) (local $step v128)
                    (local.set $step (v128.const i32x4 1 2 3 4))
                    (loop $l
                      (local.set $acc (i32x4.add (local.get $acc) (local.tee $step (local.get $step))))
                      (br_if $l (local.tee $n (i32.sub (local.get $n) (i32.const 1)))))
                    (local.get $acc)))
                """, new Linker());
        assertArrayEquals(new Object[] {i32x4(110, 220, 330, 440)}, i.call("sum", i32x4(10, 20, 30, 40), 100));
    }

    @Test
    void v128GlobalsAndHostFunctions() {
        FuncType type = new FuncType(List.of(VecType.V128), List.of(VecType.V128));
        Global imported = new Global(new GlobalType(VecType.V128, true), new V128(10, 20));
        Linker linker = new Linker()
                .define("env", "g", imported)
                .define("env", "twice", type, args -> {
                    V128 v = (V128) args[0];
                    return new Object[] {new V128(v.low * 2, v.high * 2)};
                });
        Instance i = instantiate("""
                (module
                  (import "env" "g" (global $g (mut v128)))
                  (import "env" "twice" (func $twice (param v128) (result v128)))
                  (global $h (export "h") (mut v128) (v128.const i32x4 1 2 3 4))
                  (func (export "run") (result v128)
                    (global.set $h (call $twice (global.get $g)))
                    (global.set $g (v128.const i64x2 -1 -2))
                    (global.get $h)))
                """, linker);
        assertArrayEquals(new Object[] {new V128(20, 40)}, i.call("run"));
        assertEquals(new V128(-1, -2), imported.get());
        assertEquals(new V128(20, 40), i.global("h").get());
    }

    @Test
    void storesAtTheEdgeOfMemoryTrapWithoutWriting() {
        Instance i = instantiate("""
                (module (memory (export "mem") 1)
                  (func (export "store") (param i32) (v128.store (local.get 0) (v128.const i64x2 -1 -1)))
                  (func (export "load") (param i32) (result v128) (v128.load (local.get 0))))
                """, new Linker());
        assertEquals("out of bounds memory access", assertThrows(Trap.class, () -> i.call("store", 65528)).bareMessage());
        assertArrayEquals(new Object[] {V128.ZERO}, i.call("load", 65520));
        i.call("store", 65520);
        assertArrayEquals(new Object[] {new V128(-1, -1)}, i.call("load", 65520));
        assertThrows(Trap.class, () -> i.call("load", -8));
    }

    @Test
    void bytesAndLanesAreLittleEndian() {
        byte[] bytes = new byte[16];
        for (int k = 0; k < 16; k++) {
            bytes[k] = (byte) (k + 1);
        }
        V128 v = V128.ofBytes(bytes);
        assertEquals(0x0807060504030201L, v.low);
        assertArrayEquals(bytes, v.toBytes());
        assertEquals(9, v.i8(8));
        assertEquals(0x0a09, v.i16(4));
        assertEquals(0x100f0e0d, v.i32(3));
    }

    @Test
    void chicorySimdExample() throws Exception {
        byte[] wasm = Files.readAllBytes(Corpus.resolve("chicory-wasm-corpus/compiled/simd-example.wat.wasm"));
        Instance i = GuestThread.run(() -> new Linker().instantiate(new Engine().compile(ModuleDecoder.decode(wasm))));
        assertArrayEquals(new Object[] {6}, i.call("main"));
    }
}
