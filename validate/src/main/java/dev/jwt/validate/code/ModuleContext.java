package dev.jwt.validate.code;

import dev.jwt.binary.FeatureSet;
import dev.jwt.validate.types.TypeSpace;
import java.util.BitSet;

/**
 * What instructions may refer to (the spec's context C), as flat arrays of
 * {@link dev.jwt.validate.types.TypeCode}s, shared read-only by every function validator.
 *
 * @param funcTypes type index of each function, imports first
 * @param tableTypes element type code of each table
 * @param table64 whether each table is addressed by i64
 * @param memory64 whether each memory is addressed by i64
 * @param globalTypes value type code of each global
 * @param globalMutable whether each global is mutable
 * @param tagTypes function type index of each tag
 * @param elemTypes element type code of each element segment
 * @param dataCount how many data segments code may name: the data count section's value; for a
 *     binary without one, -1 (naming any is malformed)
 * @param refs the functions that {@code ref.func} may name
 * @param inexactFuncs custom-descriptors: the functions imported without {@code exact}, whose
 *     references have an inexact type; every other function's reference is exact
 * @param tableShared whether each table is shared (shared-everything-threads)
 * @param globalShared whether each global is shared (shared-everything-threads)
 */
public record ModuleContext(
        TypeSpace types,
        FeatureSet features,
        int[] funcTypes,
        int[] tableTypes,
        boolean[] table64,
        boolean[] memory64,
        int[] globalTypes,
        boolean[] globalMutable,
        int[] tagTypes,
        int[] elemTypes,
        int dataCount,
        BitSet refs,
        BitSet inexactFuncs,
        boolean[] tableShared,
        boolean[] globalShared) {
}
