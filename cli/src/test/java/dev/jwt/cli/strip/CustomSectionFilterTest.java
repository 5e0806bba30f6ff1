package dev.jwt.cli.strip;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.jwt.binary.io.BinaryWriter;
import dev.jwt.cli.Jwt;
import dev.jwt.cli.StdStreams;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Which custom sections strip removes, at top level and inside components. */
class CustomSectionFilterTest {
    static final byte[] MODULE_PREAMBLE = {0, 'a', 's', 'm', 1, 0, 0, 0};
    static final byte[] COMPONENT_PREAMBLE = {0, 'a', 's', 'm', 0x0d, 0, 1, 0};
    /** A type section with one empty function type: kept by every strip. */
    static final byte[] TYPE_SECTION = {1, 4, 1, 0x60, 0, 0};

    static byte[] custom(String name) {
        BinaryWriter content = new BinaryWriter().name(name).bytes(new byte[] {1, 2, 3});
        return new BinaryWriter().u8(0).byteVector(content).toByteArray();
    }

    static byte[] module(List<String> customs) {
        BinaryWriter w = new BinaryWriter().bytes(MODULE_PREAMBLE).bytes(TYPE_SECTION);
        for (String c : customs) {
            w.bytes(custom(c));
        }
        return w.toByteArray();
    }

    static final List<String> ALL = List.of("name", "foo", "dylink.0", "component-type:x", "food", "bar");

    static byte[] strip(byte[] wasm, String... options) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        String[] args = new String[options.length + 1];
        args[0] = "strip";
        System.arraycopy(options, 0, args, 1, options.length);
        int exit = Jwt.execute(new StdStreams(new ByteArrayInputStream(wasm), out, err, false), args);
        assertEquals(0, exit, err.toString(StandardCharsets.UTF_8));
        return out.toByteArray();
    }

    @Test
    void byDefaultKeepsNameDylinkAndComponentTypes() {
        assertArrayEquals(module(List.of("name", "dylink.0", "component-type:x")), strip(module(ALL)));
    }

    @Test
    void allRemovesEverything() {
        assertArrayEquals(module(List.of()), strip(module(ALL), "-a"));
    }

    @Test
    void deleteRemovesWhatMatchesAnywhereInTheName() {
        assertArrayEquals(module(List.of("name", "dylink.0", "component-type:x", "bar")),
                strip(module(ALL), "-d", "fo+"));
        assertArrayEquals(module(List.of("dylink.0", "component-type:x", "food", "bar")),
                strip(module(ALL), "-d", "^name$", "--delete", "^foo$"));
    }

    @Test
    void anInvalidRegexIsAUsageError() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = Jwt.execute(new StdStreams(new ByteArrayInputStream(module(ALL)), new ByteArrayOutputStream(), err,
                false), "strip", "-d", "(");
        assertEquals(2, exit);
        assertEquals("error: invalid value '(' for '--delete <REGEX>': Unclosed group",
                err.toString(StandardCharsets.UTF_8).lines().findFirst().orElse(""));
    }

    @Test
    void stripsModulesNestedInComponents() {
        byte[] inner = module(List.of("foo", "name"));
        byte[] component = new BinaryWriter().bytes(COMPONENT_PREAMBLE).bytes(custom("bar"))
                .u8(1).u32(inner.length).bytes(inner).toByteArray();
        byte[] innerStripped = module(List.of("name"));
        byte[] expected = new BinaryWriter().bytes(COMPONENT_PREAMBLE)
                .u8(1).u32(innerStripped.length).bytes(innerStripped).toByteArray();
        assertArrayEquals(expected, strip(component));
    }
}
