package dev.jwt.text;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.jwt.testing.Corpus;
import dev.jwt.testing.KnownFailures;
import dev.jwt.text.wast.WastCommand;
import dev.jwt.text.wast.WastValue;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Compares the script parser with wasm-tools' {@code json-from-wast} snapshots of the spec tests:
 * the same commands of the same kinds on the same lines (up to a shift for the whole file), the same action names, and the same
 * argument and result values (integers, float bits, NaN patterns, vector lanes) — which checks
 * the literal parser against wasm-tools on tens of thousands of constants.
 */
class WastJsonSnapshotTest {
    private static final KnownFailures KF = KnownFailures.load("wast-json-snapshots");
    private static final ObjectMapper JSON = new ObjectMapper();

    @TestFactory
    Stream<DynamicTest> snapshots() {
        List<DynamicTest> tests = new ArrayList<>();
        Path dir = Corpus.resolve("wasm-tools/snapshots/testsuite");
        for (Path json : Corpus.files(dir, ".wast.json")) {
            String id = Corpus.id(json);
            tests.add(KF.test(id, () -> compare(json)));
        }
        tests.add(KF.closingCheck());
        return tests.stream();
    }

    /** The script a snapshot was made from: the snapshot-era copy when the spec file changed since. */
    private static Path source(String sourceFilename) {
        String rel = sourceFilename.replaceFirst("^tests/testsuite/", "");
        Path pinned = Corpus.resolve("wasm-tools/testsuite-at-pin/" + rel);
        if (Files.exists(pinned)) {
            return pinned;
        }
        return rel.startsWith("proposals/") ? Corpus.resolve("spec/" + rel) : Corpus.resolve("spec/core/" + rel);
    }

    private static void compare(Path json) throws IOException {
        JsonNode root = JSON.readTree(json.toFile());
        Path wast = source(root.get("source_filename").asText());
        List<WastCommand> mine = Wast.parse(Files.readString(wast, StandardCharsets.UTF_8), wast.toString());
        JsonNode cmds = root.get("commands");
        assertEquals(cmds.size(), mine.size(), "number of commands");
        // Most spec files gained or lost a header line since the snapshots were made: lines must
        // agree up to one shift for the whole file.
        int shift = cmds.size() == 0 ? 0 : cmds.get(0).get("line").asInt() - mine.get(0).line();
        for (int i = 0; i < cmds.size(); i++) {
            JsonNode c = cmds.get(i);
            WastCommand m = mine.get(i);
            String where = "command " + i + " at line " + c.get("line").asInt();
            assertEquals(c.get("type").asText(), kind(m), where);
            assertEquals(c.get("line").asInt(), m.line() + shift, where);
            WastCommand.Action action = action(m);
            if (action != null) {
                JsonNode a = c.get("action");
                assertEquals(a.get("field").asText(), action.name(), where);
                if (action instanceof WastCommand.Invoke inv) {
                    values(a.get("args"), inv.args(), where + " args");
                }
            }
            if (m instanceof WastCommand.AssertReturn r) {
                values(c.get("expected"), r.expected(), where + " results");
            }
        }
    }

    private static String kind(WastCommand c) {
        if (c instanceof WastCommand.ModuleCommand m) {
            return m.definition() ? "module_definition" : "module";
        }
        if (c instanceof WastCommand.InstanceCommand) {
            return "module_instance";
        }
        if (c instanceof WastCommand.Register) {
            return "register";
        }
        if (c instanceof WastCommand.ActionCommand) {
            return "action";
        }
        if (c instanceof WastCommand.AssertReturn) {
            return "assert_return";
        }
        if (c instanceof WastCommand.AssertTrap) {
            return "assert_trap";
        }
        if (c instanceof WastCommand.AssertUninstantiable) {
            return "assert_uninstantiable";
        }
        if (c instanceof WastCommand.AssertExhaustion) {
            return "assert_exhaustion";
        }
        if (c instanceof WastCommand.AssertException) {
            return "assert_exception";
        }
        if (c instanceof WastCommand.AssertInvalid a) {
            return a.custom() ? "assert_invalid_custom" : "assert_invalid";
        }
        if (c instanceof WastCommand.AssertMalformed m) {
            return m.custom() ? "assert_malformed_custom" : "assert_malformed";
        }
        if (c instanceof WastCommand.AssertUnlinkable) {
            return "assert_unlinkable";
        }
        return c.getClass().getSimpleName();
    }

    private static WastCommand.Action action(WastCommand c) {
        if (c instanceof WastCommand.ActionCommand a) {
            return a.action();
        }
        if (c instanceof WastCommand.AssertReturn a) {
            return a.action();
        }
        if (c instanceof WastCommand.AssertTrap a) {
            return a.action();
        }
        if (c instanceof WastCommand.AssertExhaustion a) {
            return a.action();
        }
        if (c instanceof WastCommand.AssertException a) {
            return a.action();
        }
        return null;
    }

    private static void values(JsonNode expected, List<WastValue> mine, String where) {
        assertEquals(expected.size(), mine.size(), where + ": number of values");
        for (int i = 0; i < expected.size(); i++) {
            value(expected.get(i), mine.get(i), where + " #" + i);
        }
    }

    /** Two's-complement bits of a JSON number string, modulo 2^bits. */
    private static long bits(String s, int bits) {
        BigInteger v = new BigInteger(s);
        return bits == 64 ? v.longValue() : v.longValue() & ((1L << bits) - 1);
    }

    private static void value(JsonNode e, WastValue m, String where) {
        String type = e.get("type").asText();
        switch (type) {
            case "i32" -> assertEquals(bits(e.get("value").asText(), 32), ((WastValue.I32) m).value() & 0xFFFF_FFFFL, where);
            case "i64" -> assertEquals(bits(e.get("value").asText(), 64), ((WastValue.I64) m).value(), where);
            case "f32", "f64" -> floatValue(type.equals("f64"), e.get("value").asText(), m, where);
            case "v128" -> {
                String lane = e.get("lane_type").asText();
                int laneBits = Integer.parseInt(lane.substring(1));
                JsonNode lanes = e.get("value");
                for (int i = 0; i < lanes.size(); i++) {
                    String s = lanes.get(i).asText();
                    String w = where + " lane " + i;
                    if (m instanceof WastValue.V128Lanes vl) {
                        floatValue(laneBits == 64, s, vl.lanes().get(i), w);
                    } else {
                        WastValue.V128 v = (WastValue.V128) m;
                        int bit = i * laneBits;
                        long word = bit < 64 ? v.low() : v.high();
                        long got = laneBits == 64 ? word : (word >>> (bit % 64)) & ((1L << laneBits) - 1);
                        assertEquals(bits(s, laneBits), got, w);
                    }
                }
            }
            case "either" -> assertEquals(e.get("values").size(), ((WastValue.Either) m).alternatives().size(), where);
            default -> {
                // References: only that both are references (the JSON's encoding of patterns is its own).
                if (!(m instanceof WastValue.RefNull || m instanceof WastValue.RefExtern || m instanceof WastValue.RefKind
                        || m instanceof WastValue.RefHost)) {
                    throw new AssertionError(where + ": expected a reference, got " + m);
                }
            }
        }
    }

    private static void floatValue(boolean f64, String s, WastValue m, String where) {
        if (s.startsWith("nan:")) {
            WastValue.NanPattern p = (WastValue.NanPattern) m;
            assertEquals(s.equals("nan:canonical"), p.canonical(), where);
            assertEquals(f64, p.f64(), where);
            return;
        }
        if (f64) {
            assertEquals(bits(s, 64), ((WastValue.F64) m).bits(), where);
        } else {
            assertEquals(bits(s, 32), ((WastValue.F32) m).bits() & 0xFFFF_FFFFL, where);
        }
    }
}
