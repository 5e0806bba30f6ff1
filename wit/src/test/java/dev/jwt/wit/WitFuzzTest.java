package dev.jwt.wit;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.jwt.wit.json.ResolveJson;
import dev.jwt.wit.print.WitPrinter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Fuzzes the WIT parser and resolver: for any text, only {@link WitException} may escape, and
 * whatever resolves also serializes to JSON and prints. In normal test runs Jazzer replays the
 * seeds in {@code WitFuzzTestInputs/parseAndResolve/} (regression mode); run with
 * {@code JAZZER_FUZZ=1} to fuzz.
 */
class WitFuzzTest {
    @FuzzTest(maxDuration = "30s")
    void parseAndResolve(byte[] input) {
        String text = new String(input, StandardCharsets.UTF_8);
        Wit.Loaded loaded;
        try {
            loaded = Wit.load("fuzz.wit", text, new Wit.Features(Set.of(), true));
        } catch (WitException e) {
            if (e.getMessage().isEmpty()) {
                throw new AssertionError("empty error message", e);
            }
            return;
        }
        ResolveJson.toString(loaded.resolve());
        List<Integer> nested = new ArrayList<>(loaded.packages());
        nested.remove(Integer.valueOf(loaded.mainPackage()));
        WitPrinter.print(loaded.resolve(), loaded.mainPackage(), nested, true);
    }
}
