package dev.jwt.binary.component;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.jwt.binary.FeatureSet;
import dev.jwt.binary.MalformedException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@link ComponentDecoder#decode(byte[], FeatureSet)}: encodings of features that are off are malformed. */
class ComponentDecoderFeaturesTest {
    /** {@code (type (instance))} and an import of it whose name "a" uses the attribute form (0x02), no attributes. */
    private static final byte[] ATTRIBUTE_NAME = {
        0x00, 'a', 's', 'm', 0x0d, 0x00, 0x01, 0x00, // preamble
        0x07, 0x03, 0x01, 0x42, 0x00,                // type section: (type (instance))
        0x0a, 0x07, 0x01,                            // import section, 7 bytes, one import
        0x02, 0x01, 'a', 0x00,                       // at 16: name "a" with no attributes
        0x05, 0x00,                                  // (instance (type 0))
    };

    @Test
    void attributeNamesNeedImplementsOrCanonNames() {
        byte[] bytes = ATTRIBUTE_NAME;
        ComponentImport imp = ((ComponentSection.ImportSection) ComponentDecoder.decode(bytes).sections().get(1))
                .imports().get(0);
        assertEquals(new ExternName("a", ExternName.WITH_ATTRIBUTES, List.of()), imp.name());
        MalformedException e = assertThrows(MalformedException.class,
                () -> ComponentDecoder.decode(bytes, FeatureSet.defaults()));
        assertEquals("the `cm-implements` feature is not active", e.bareMessage());
        assertEquals(16, e.offset());
        assertEquals(imp, ((ComponentSection.ImportSection) ComponentDecoder
                .decode(bytes, FeatureSet.parse("cm-implements")).sections().get(1)).imports().get(0));
        assertEquals(imp, ((ComponentSection.ImportSection) ComponentDecoder
                .decode(bytes, FeatureSet.parse("cm-canon-names")).sections().get(1)).imports().get(0));
    }
}
