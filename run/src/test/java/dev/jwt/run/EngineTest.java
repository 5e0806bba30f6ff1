package dev.jwt.run;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.jwt.binary.module.Module;
import dev.jwt.binary.types.FuncType;
import dev.jwt.binary.types.NumType;
import dev.jwt.run.compile.ModuleCompiler;
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
    void aStraightLineFunctionTooLargeForOneJvmMethodRuns() {
        StringBuilder body = new StringBuilder("(module (func (export \"big\") (result i32) (local i32)");
        for (int k = 0; k < 20000; k++) {
            body.append(" (local.set 0 (i32.add (local.get 0) (i32.const 100000)))");
        }
        body.append(" (local.get 0)))");
        Instance i = instantiate(body.toString(), new Linker());
        assertArrayEquals(new Object[] {20000 * 100000}, i.call("big"));
    }

    @Test
    void aLoopTooLargeForOneJvmMethodBranchesAndReturnsAcrossItsPieces() {
        int copies = 6000;
        StringBuilder wat = new StringBuilder("""
                (module
                  (func (export "big") (param $n i32) (param $r externref) (result i64 externref)
                    (local $acc i64) (local $f f64) (local $i i32)
                    (block $done (result i64)
                      (loop $next
                """);
        for (int k = 0; k < copies; k++) {
            wat.append("(local.set $acc (i64.add (local.get $acc) (i64.extend_i32_u (local.get $i))))\n");
            wat.append("(local.set $f (f64.add (local.get $f) (f64.const 0.5)))\n");
        }
        wat.append("""
                        (if (i32.eqz (local.get $n)) (then (return (i64.const 7) (local.get $r))))
                        (drop (br_if $done (i64.const -1) (i32.eq (local.get $i) (i32.const 100))))
                        (local.set $i (i32.add (local.get $i) (i32.const 1)))
                        (br_if $next (i32.lt_u (local.get $i) (local.get $n))))
                      (i64.add (local.get $acc) (i64.trunc_f64_s (local.get $f))))
                    (local.get $r)))
                """);
        Instance i = instantiate(wat.toString(), new Linker());
        Object ref = new Object();
        assertArrayEquals(new Object[] {7L, ref}, i.call("big", 0, ref));
        long n = 3;
        assertArrayEquals(new Object[] {copies * n * (n - 1) / 2 + (long) (n * copies * 0.5), ref}, i.call("big", 3, ref));
        assertArrayEquals(new Object[] {-1L, null}, i.call("big", 200, null));
    }

    /** Every function compiled as the pieces a large one is split into, cut as often as possible. */
    @Test
    void splitFunctionsComputeWhatOrdinaryOnesDo() {
        Module m = Wat.parseModule("""
                (module
                  (memory 1)
                  (table 2 funcref)
                  (elem (i32.const 0) $fac $twice)
                  (type $unary (func (param i64) (result i64)))
                  (func $fac (export "fac") (type $unary)
                    (if (result i64) (i64.le_s (local.get 0) (i64.const 1))
                      (then (i64.const 1))
                      (else (i64.mul (local.get 0) (call $fac (i64.sub (local.get 0) (i64.const 1)))))))
                  (func $twice (type $unary) (i64.add (local.get 0) (local.get 0)))
                  (func (export "dispatch") (param i32 i64) (result i64)
                    (call_indirect (type $unary) (local.get 1) (local.get 0)))
                  (func (export "classify") (param i32) (result i32)
                    (local f32)
                    (block $c (result i32)
                      (block $b
                        (block $a
                          (local.set 1 (f32.const 1.5))
                          (br_table $a $b (local.get 0)))
                        (local.set 1 (f32.mul (local.get 1) (f32.const 2)))
                        (br $c (i32.trunc_f32_s (local.get 1))))
                      (drop (i32.const 9))
                      (i32.const 10)))
                  (func (export "pairs") (param i32) (result i32 i64)
                    (local i32)
                    (i32.const 1) (i64.const 2)
                    (block (param i32 i64) (result i32 i64)
                      (loop $l (param i32 i64) (result i32 i64)
                        (local.set 1 (i32.add (local.get 1) (i32.const 1)))
                        (i64.add (i64.extend_i32_u (local.get 1)))
                        (br_if 1 (i32.ge_u (local.get 1) (local.get 0)))
                        (br $l))))
                  (func (export "grow") (param i32) (result i32)
                    (drop (memory.grow (i32.const 1)))
                    (i32.store (i32.const 65536) (local.get 0))
                    (block $out
                      (loop $spin
                        (br_if $out (i32.eqz (local.get 0)))
                        (local.set 0 (i32.sub (local.get 0) (i32.const 1)))
                        (br $spin)))
                    (i32.add (memory.size) (i32.load (i32.const 65536)))))
                """, "split.wat");
        Instance split = new Linker().instantiate(new CompiledModule(new Engine(), m, ModuleCompiler.compile(m, 1)));
        Instance plain = new Linker().instantiate(new CompiledModule(new Engine(), m, ModuleCompiler.compile(m, 0)));
        for (Instance i : List.of(split, plain)) {
            assertArrayEquals(new Object[] {3628800L}, i.call("fac", 10L));
            assertArrayEquals(new Object[] {24L}, i.call("dispatch", 0, 4L));
            assertArrayEquals(new Object[] {8L}, i.call("dispatch", 1, 4L));
            assertArrayEquals(new Object[] {3}, i.call("classify", 0));
            assertArrayEquals(new Object[] {10}, i.call("classify", 1));
            assertArrayEquals(new Object[] {10}, i.call("classify", 7));
            assertArrayEquals(new Object[] {1, 2L + 1 + 2 + 3 + 4 + 5}, i.call("pairs", 5));
        }
        assertArrayEquals(new Object[] {2 + 5}, split.call("grow", 5));
        assertArrayEquals(new Object[] {2 + 5}, plain.call("grow", 5));
        assertThrows(Trap.class, () -> split.call("dispatch", 2, 1L));
    }

    @Test
    void fuelAndTimeoutStopARunawayGuest() {
        Module m = Wat.parseModule("""
                (module
                  (func (export "spin") (loop $l (br $l)))
                  (func (export "count") (param i32) (result i32) (local i32)
                    (block $done (loop $l
                      (br_if $done (i32.ge_u (local.get 1) (local.get 0)))
                      (local.set 1 (i32.add (local.get 1) (i32.const 1)))
                      (br $l)))
                    (local.get 1)))
                """, "spin.wat");
        Instance fueled = new Linker().instantiate(new Engine().withFuel(1000).compile(m));
        assertArrayEquals(new Object[] {500}, fueled.call("count", 500));
        assertEquals("all fuel consumed by WebAssembly",
                assertThrows(Trap.class, () -> fueled.call("count", 500)).bareMessage());
        Instance timed = new Linker().instantiate(new Engine().withTimeout(java.time.Duration.ofMillis(100)).compile(m));
        assertEquals("interrupt: the time limit was reached", assertThrows(Trap.class, () -> timed.call("spin")).bareMessage());
    }
}
