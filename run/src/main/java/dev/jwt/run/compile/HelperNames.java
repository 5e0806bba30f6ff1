package dev.jwt.run.compile;

import dev.jwt.binary.Opcode;
import java.util.EnumMap;
import java.util.Map;

/**
 * The name of the runtime helper method that implements an instruction (in {@code Memory},
 * {@code Simd}): its mnemonic in camel case, so {@code i64.load8_u} is {@code i64Load8U} and
 * {@code i16x8.extadd_pairwise_i8x16_s} is {@code i16x8ExtaddPairwiseI8x16S}.
 */
final class HelperNames {
    /** Shared by every compiling thread, hence the lock. */
    private static final Map<Opcode, String> NAMES = new EnumMap<>(Opcode.class);

    private HelperNames() {}

    static String of(Opcode op) {
        synchronized (NAMES) {
            return NAMES.computeIfAbsent(op, o -> {
                StringBuilder sb = new StringBuilder();
                boolean upper = false;
                for (char c : o.mnemonic().toCharArray()) {
                    if (c == '.' || c == '_') {
                        upper = true;
                    } else {
                        sb.append(upper ? Character.toUpperCase(c) : c);
                        upper = false;
                    }
                }
                return sb.toString();
            });
        }
    }
}
