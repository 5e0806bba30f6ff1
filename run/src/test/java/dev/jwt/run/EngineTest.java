package dev.jwt.run;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jwt.binary.module.Module;
import dev.jwt.binary.types.FuncType;
import dev.jwt.binary.types.NumType;
import dev.jwt.text.Wat;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The Java API of the engine: instantiate with imports, call exports, traps, limits. */
class EngineTest {
    private static Instance instantiate(String wat, Linker linker) {
        Module m = Wat.parseModule(wat, "test.wat");
        return GuestThread.run(() -> linker.instantiate(new Engine().compile(m)));
    }

    @Test
    void hostFunctionsAndMultipleResults() {
        List<Object> seen = new ArrayList<>();
        Linker linker = new Linker().define("env", "log",
                new FuncType(List.of(NumType.I32, NumType.F64), List.of(NumType.I64)), args -> {
                    seen.add(args[0]);
                    seen.add(args[1]);
                    return new Object[] {40L};
                });
        Instance i = instantiate("""
                (module
                  (import "env" "log" (func $log (param i32 f64) (result i64)))
                  (func (export "f") (param i32) (result i64 i32)
                    (i64.add (call $log (local.get 0) (f64.const 1.5)) (i64.const 2))
                    (local.get 0)))
                """, linker);
        assertArrayEquals(new Object[] {42L, 7}, i.call("f", 7));
        assertEquals(List.of(7, 1.5), seen);
    }

    @Test
    void trapsCarryTheSpecMessages() {
        Instance i = instantiate("""
                (module
                  (memory 1)
                  (func (export "div") (param i32 i32) (result i32) (i32.div_s (local.get 0) (local.get 1)))
                  (func (export "load") (param i32) (result i32) (i32.load offset=4 (local.get 0)))
                  (func $r (export "recurse") (result i32) (i32.add (call $r) (i32.const 1))))
                """, new Linker());
        assertEquals("integer divide by zero", assertThrows(Trap.class, () -> i.call("div", 1, 0)).bareMessage());
        assertEquals("integer overflow",
                assertThrows(Trap.class, () -> i.call("div", Integer.MIN_VALUE, -1)).bareMessage());
        assertEquals("out of bounds memory access",
                assertThrows(Trap.class, () -> i.call("load", 65532)).bareMessage());
        assertEquals("out of bounds memory access", assertThrows(Trap.class, () -> i.call("load", -4)).bareMessage());
        assertArrayEquals(new Object[] {0}, i.call("load", 65528));
        assertThrows(StackExhaustion.class, () -> GuestThread.run(() -> i.call("recurse")));
    }

    @Test
    void memoryGrowStopsAtTheConfiguredCap() {
        Module m = Wat.parseModule("""
                (module (memory (export "mem") 1)
                  (func (export "grow") (param i32) (result i32) (memory.grow (local.get 0))))
                """, "test.wat");
        Instance i = new Linker().instantiate(new Engine(3).compile(m));
        assertArrayEquals(new Object[] {1}, i.call("grow", 2));
        assertArrayEquals(new Object[] {-1}, i.call("grow", 1));
        assertEquals(3, i.memory("mem").pages());
    }

    @Test
    void sharedMemoryAcrossInstances() {
        Instance a = instantiate("(module (memory (export \"mem\") 1) (data (i32.const 0) \"\\2a\"))", new Linker());
        Instance b = instantiate("""
                (module (import "a" "mem" (memory 1))
                  (func (export "peek") (result i32) (i32.load8_u (i32.const 0))))
                """, new Linker().define("a", a));
        assertArrayEquals(new Object[] {42}, b.call("peek"));
        LinkException e = assertThrows(LinkException.class,
                () -> instantiate("(module (import \"a\" \"mem\" (func)))", new Linker().define("a", a)));
        assertEquals("incompatible import type", e.bareMessage());
    }

    @Test
    void aFunctionTooLargeForOneJvmMethodFailsClearly() {
        StringBuilder body = new StringBuilder("(module (func (export \"big\") (result i32) (local i32)");
        for (int k = 0; k < 20000; k++) {
            body.append(" (local.set 0 (i32.add (local.get 0) (i32.const 100000)))");
        }
        body.append(" (local.get 0)))");
        Module m = Wat.parseModule(body.toString(), "big.wat");
        UnsupportedOperationException e = assertThrows(UnsupportedOperationException.class, () -> new Engine().compile(m));
        assertTrue(e.getMessage().contains("too large for one JVM method"), e.getMessage());
    }
}
