package dev.jwt.validate;

import dev.jwt.binary.FeatureSet;
import dev.jwt.testing.Corpus;
import dev.jwt.testing.KnownFailures;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Real toolchain outputs must validate under the default features: the Chicory corpus's compiled
 * modules and the WASI preview 1 test programs.
 */
class RealBinariesTest {
    @TestFactory
    Stream<DynamicTest> realModulesValidate() {
        KnownFailures kf = KnownFailures.load("real-binaries");
        List<Path> files = new ArrayList<>();
        files.addAll(Corpus.files(Corpus.resolve("chicory-wasm-corpus/compiled"), ".wasm"));
        for (String lang : List.of("rust", "c", "assemblyscript")) {
            Path dir = Corpus.resolve("wasi-testsuite/tests/" + lang + "/testsuite/wasm32-wasip1");
            if (Files.isDirectory(dir)) {
                files.addAll(Corpus.files(dir, ".wasm"));
            }
        }
        List<DynamicTest> tests = new ArrayList<>();
        for (Path f : files) {
            String id = Corpus.id(f);
            tests.add(kf.test(id, () -> {
                ValidatedModule vm = Validator.validate(Files.readAllBytes(f), FeatureSet.defaults());
                // The type facts line up with the module: one type per function, locals per body.
                for (int i = 0; i < vm.module().code().size(); i++) {
                    int func = vm.importedFunctionCount() + i;
                    int params = vm.funcType(func).params().size();
                    if (vm.localTypes(i).length < params) {
                        throw new AssertionError("function " + func + " has fewer locals than parameters");
                    }
                }
            }));
        }
        tests.add(kf.closingCheck());
        return tests.stream();
    }
}
