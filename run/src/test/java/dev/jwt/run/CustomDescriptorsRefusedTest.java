package dev.jwt.run;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jwt.binary.module.Module;
import dev.jwt.text.Wat;
import org.junit.jupiter.api.Test;

/**
 * The engine does not run custom-descriptors yet: a module using its instructions or exact casts
 * is refused with a message naming the proposal, rather than compiled wrongly (br_on_cast_desc_eq
 * would otherwise pass for br_on_cast_fail, an exact cast for an inexact one).
 */
class CustomDescriptorsRefusedTest {
    private static final String TYPES = """
            (rec (type $a (sub (descriptor $b) (struct))) (type $b (sub (describes $a) (struct))))
            """;

    private static void assertRefused(String body) {
        Module m = Wat.parseModule("(module " + TYPES + body + ")", "test.wat");
        UnsupportedOperationException e = assertThrows(UnsupportedOperationException.class,
                () -> GuestThread.run(() -> new Linker().instantiate(new Engine().compile(m)).call("f")));
        assertTrue(e.getMessage().contains("custom-descriptors"), e.getMessage());
    }

    @Test
    void descriptorAllocationIsRefused() {
        assertRefused("(func (export \"f\") (result anyref) (struct.new_default_desc $a (struct.new $b)))");
    }

    @Test
    void descriptorCastBranchIsRefused() {
        assertRefused("""
                (func (export "f") (param anyref (ref null $b)) (result anyref)
                  (block (result anyref)
                    (br_on_cast_desc_eq_fail 0 anyref (ref $a) (local.get 0) (local.get 1))))
                """);
    }

    @Test
    void exactCastIsRefused() {
        assertRefused("(func (export \"f\") (result anyref) (ref.cast (ref null (exact $a)) (ref.null none)))");
    }
}
