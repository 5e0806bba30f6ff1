package dev.jwt.validate;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jwt.binary.FeatureSet;
import dev.jwt.binary.ModuleEncoder;
import dev.jwt.binary.types.NumType;
import dev.jwt.text.Wat;
import dev.jwt.validate.types.TypeCode;
import org.junit.jupiter.api.Test;

/** The Java API: what a validated module tells an engine, and how faults are reported. */
class ValidatorApiTest {
    private static byte[] wasm(String wat) {
        return ModuleEncoder.encode(Wat.parseModule(wat, "test.wat"));
    }

    @Test
    void functionTypesCoverImportsThenDefinitions() {
        ValidatedModule vm = Validator.validate(wasm("""
                (module
                  (import "m" "f" (func (param i64)))
                  (func (param i32) (result i32) (local f64)
                    local.get 0
                    i32.const 1
                    i32.add))
                """));
        assertEquals(2, vm.functionCount());
        assertEquals(1, vm.importedFunctionCount());
        assertEquals(NumType.I64, vm.funcType(0).params().get(0));
        assertEquals(NumType.I32, vm.funcType(1).results().get(0));
        assertArrayEquals(new int[] {TypeCode.I32, TypeCode.F64}, vm.localTypes(0));
        assertEquals(2, vm.maxStackDepth(0));
    }

    @Test
    void equalRecursionGroupsShareCanonicalIdsAcrossModules() {
        String types = """
                (rec (type $a (struct (field (ref null $b)))) (type $b (struct (field (ref null $a)))))
                (type $f (func (param i32)))
                """;
        ValidatedModule one = Validator.validate(wasm("(module " + types + ")"));
        ValidatedModule two = Validator.validate(wasm("(module (type (func)) " + types + ")"));
        assertEquals(one.canonicalTypeId(0), two.canonicalTypeId(1));
        assertEquals(one.canonicalTypeId(1), two.canonicalTypeId(2));
        assertEquals(one.canonicalTypeId(2), two.canonicalTypeId(3));
        assertNotEquals(one.canonicalTypeId(0), one.canonicalTypeId(1));
        assertNotEquals(two.canonicalTypeId(0), two.canonicalTypeId(3));
    }

    @Test
    void identicalTypesInOneModuleAreOneType() {
        // call_indirect through a table must accept a function declared with an equal type.
        Validator.validate(wasm("""
                (module
                  (type $t1 (func (result i32)))
                  (type $t2 (func (result i32)))
                  (func $f (type $t1) i32.const 7)
                  (func (result i32) (call_ref $t2 (ref.func $f)))
                  (elem declare func $f))
                """));
    }

    @Test
    void faultsCarryTheOffsetOfTheInstruction() {
        byte[] bin = wasm("(module (func (result i32) i64.const 1))");
        ValidationException e = assertThrows(ValidationException.class, () -> Validator.validate(bin));
        assertEquals("type mismatch: expected i32, found i64", e.bareMessage());
        assertTrue(e.offset() > 0x10 && e.offset() < bin.length, "offset " + e.offset());
        assertTrue(e.getMessage().endsWith("(at offset 0x" + Long.toHexString(e.offset()) + ")"), e.getMessage());
    }

    @Test
    void disabledFeaturesAreNamedAsWasmToolsNamesThem() {
        byte[] bin = wasm("(module (func (result v128) v128.const i64x2 0 0))");
        Validator.validate(bin, FeatureSet.defaults());
        ValidationException e = assertThrows(ValidationException.class,
                () -> Validator.validate(bin, FeatureSet.parse("-simd")));
        assertEquals("SIMD support is not enabled", e.bareMessage());
    }

    @Test
    void nonNullableLocalsMustBeSetBeforeUse() {
        String set = """
                (module (type $t (func))
                  (func (local (ref $t)) ref.func 0 local.set 0 local.get 0 drop)
                  (elem declare func 0))
                """;
        Validator.validate(wasm(set));
        String unset = """
                (module (type $t (func))
                  (func (local (ref $t)) (block ref.func 0 local.set 0) local.get 0 drop)
                  (elem declare func 0))
                """;
        ValidationException e = assertThrows(ValidationException.class, () -> Validator.validate(wasm(unset)));
        assertTrue(e.bareMessage().startsWith("uninitialized local"), e.bareMessage());
    }

    @Test
    void modelAndBinaryAgree() {
        String wat = "(module (memory 1) (func (param i32) (result i32) local.get 0 i32.load offset=4))";
        ValidatedModule fromModel = Validator.validate(Wat.parseModule(wat, "x.wat"), FeatureSet.defaults());
        ValidatedModule fromBinary = Validator.validate(wasm(wat));
        assertEquals(fromModel.funcType(0), fromBinary.funcType(0));
        assertEquals(fromModel.maxStackDepth(0), fromBinary.maxStackDepth(0));
    }
}
