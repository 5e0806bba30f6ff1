package dev.jwt.run;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jwt.binary.module.Module;
import dev.jwt.text.Wat;
import org.junit.jupiter.api.Test;

/**
 * The engine has no continuations yet: a function using a stack-switching instruction is refused
 * when it compiles, with a message naming the proposal and the instruction, never run wrongly.
 */
class StackSwitchingRefusedTest {
    private static final String TYPES = """
            (type $f (func))
            (type $k (cont $f))
            (rec (type $fs (func (param (ref null $ks)))) (type $ks (cont $fs)))
            (tag $yield)
            (func $g)
            (elem declare func $g)
            """;

    private static void assertRefused(String instruction, String body) {
        Module m = Wat.parseModule("(module " + TYPES + body + ")", "test.wat");
        UnsupportedOperationException e = assertThrows(UnsupportedOperationException.class,
                () -> GuestThread.run(() -> new Linker().instantiate(new Engine().compile(m)).call("f")));
        assertTrue(e.getMessage().contains("stack switching (" + instruction + ")"), e.getMessage());
    }

    @Test
    void contNewIsRefused() {
        assertRefused("cont.new", "(func (export \"f\") (drop (cont.new $k (ref.func $g))))");
    }

    @Test
    void suspendIsRefused() {
        assertRefused("suspend", "(func (export \"f\") (suspend $yield))");
    }

    @Test
    void resumeIsRefused() {
        assertRefused("resume", """
                (func (export "f") (param (ref null $k))
                  (drop (block (result (ref $k))
                    (resume $k (on $yield 0) (local.get 0))
                    (unreachable))))
                """);
    }

    @Test
    void switchIsRefused() {
        assertRefused("switch", "(func (export \"f\") (param (ref null $ks)) (drop (switch $ks $yield (local.get 0))))");
    }
}
