package dev.jwt.validate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jwt.binary.FeatureSet;
import dev.jwt.binary.component.ComponentEncoder;
import dev.jwt.testing.Corpus;
import dev.jwt.text.Wat;
import dev.jwt.validate.component.ComponentFuncType;
import dev.jwt.validate.component.ComponentEntityType;
import dev.jwt.validate.component.InstanceType;
import dev.jwt.validate.component.ResourceType;
import dev.jwt.validate.component.ValueType;
import java.nio.file.Files;
import org.junit.jupiter.api.Test;

/** The public face of component validation: the sealed result and the resolved types. */
class ComponentApiTest {
    private static byte[] component(String wat) {
        return ComponentEncoder.encode(Wat.parseComponent(wat, "test.wat"));
    }

    @Test
    void wasip3ProgramExportsAnAsyncRun() throws Exception {
        byte[] wasm = Files.readAllBytes(Corpus.resolve("wasi-testsuite/tests/rust/testsuite/wasm32-wasip3/cli-exit.wasm"));
        Validated v = Validator.validateBinary(wasm, FeatureSet.defaults());
        ValidatedComponent c = assertInstanceOf(ValidatedComponent.class, v);
        InstanceType run = assertInstanceOf(InstanceType.class, c.exports().get("wasi:cli/run@0.3.0"));
        ComponentFuncType f = assertInstanceOf(ComponentFuncType.class, run.exports().get("run"));
        assertTrue(f.async());
        assertEquals(new ValueType.Result(null, null), f.result());
        assertTrue(c.imports().containsKey("wasi:cli/exit@0.3.0"));
        assertTrue(!c.modules().isEmpty());
    }

    @Test
    void modulesStillValidateThroughTheSameEntryPoint() {
        byte[] empty = {0, 'a', 's', 'm', 1, 0, 0, 0};
        assertInstanceOf(ValidatedModule.class, Validator.validateBinary(empty, FeatureSet.defaults()));
    }

    @Test
    void importsOfOneInstanceTypeHaveTheirOwnResources() {
        ValidatedComponent c = (ValidatedComponent) Validator.validateBinary(component("""
                (component
                  (type $i (instance (export "r" (type (sub resource)))))
                  (import "a" (instance (type $i)))
                  (import "b" (instance (type $i))))
                """), FeatureSet.defaults());
        ResourceType a = (ResourceType) ((ComponentEntityType.Type) ((InstanceType) c.imports().get("a"))
                .exports().get("r")).type();
        ResourceType b = (ResourceType) ((ComponentEntityType.Type) ((InstanceType) c.imports().get("b"))
                .exports().get("r")).type();
        assertNotEquals(a, b);
    }

    @Test
    void faultsCarryAnOffsetAndWasmToolsWords() {
        ValidationException e = assertThrows(ValidationException.class, () -> Validator.validateBinary(component("""
                (component
                  (core module $m (func (export "f") (param i32)))
                  (core instance $i (instantiate $m))
                  (func (export "f") (canon lift (core func $i "f"))))
                """), FeatureSet.defaults()));
        assertEquals("lowered parameter types `[]` do not match parameter types `[I32]` of core function 0",
                e.bareMessage());
        assertTrue(e.offset() > 8, "offset " + e.offset());
    }

    @Test
    void namesFollowTheExplainersGrammar() {
        ValidationException e = assertThrows(ValidationException.class, () -> Validator.validateBinary(component("""
                (component (import "wasi:http/TyPeS" (func)))
                """), FeatureSet.defaults()));
        assertTrue(e.bareMessage().contains("`TyPeS` is not in kebab case"), e.bareMessage());
    }
}
