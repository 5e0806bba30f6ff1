package dev.jwt.validate;

import dev.jwt.binary.FeatureSet;
import dev.jwt.binary.module.Module;
import dev.jwt.binary.types.FuncType;
import dev.jwt.binary.types.GlobalType;
import dev.jwt.binary.types.MemoryType;
import dev.jwt.binary.types.TableType;
import dev.jwt.binary.types.TagType;
import dev.jwt.validate.types.TypeSpace;
import java.util.BitSet;
import java.util.List;

/**
 * A module that passed validation, with the type facts an engine needs: every index space merged
 * (imports first), each function's type, canonical type ids (equal ids = equal types under
 * iso-recursive canonicalisation, across modules too, for {@code call_indirect} checks), and per
 * defined function its locals and maximum operand stack depth.
 */
public final class ValidatedModule implements Validated {
    private final Module module;
    private final FeatureSet features;
    private final TypeSpace types;
    private final int[] funcTypeIndices;
    private final List<TableType> tables;
    private final List<MemoryType> memories;
    private final List<GlobalType> globals;
    private final List<TagType> tags;
    private final BitSet declaredFuncRefs;
    final int[][] localTypes;
    final int[] maxStackDepth;

    ValidatedModule(Module module, FeatureSet features, TypeSpace types, int[] funcTypeIndices,
            List<TableType> tables, List<MemoryType> memories, List<GlobalType> globals, List<TagType> tags,
            BitSet declaredFuncRefs) {
        this.module = module;
        this.features = features;
        this.types = types;
        this.funcTypeIndices = funcTypeIndices;
        this.tables = List.copyOf(tables);
        this.memories = List.copyOf(memories);
        this.globals = List.copyOf(globals);
        this.tags = List.copyOf(tags);
        this.declaredFuncRefs = declaredFuncRefs;
        this.localTypes = new int[module.code().size()][];
        this.maxStackDepth = new int[module.code().size()];
    }

    public Module module() { return module; }
    public FeatureSet features() { return features; }
    /** The defined types with canonical ids and subtyping. */
    public TypeSpace types() { return types; }

    public int functionCount() { return funcTypeIndices.length; }
    public int importedFunctionCount() { return funcTypeIndices.length - module.functions().size(); }
    /** The type index of function {@code func} (imports first). */
    public int funcTypeIndex(int func) { return funcTypeIndices[func]; }
    public FuncType funcType(int func) { return types.funcType(funcTypeIndices[func]); }
    /** The canonical id of a type index: equal ids, equal types. */
    public int canonicalTypeId(int typeIndex) { return types.canonicalId(typeIndex); }

    /** All tables, imported first. */
    public List<TableType> tables() { return tables; }
    /** All memories, imported first. */
    public List<MemoryType> memories() { return memories; }
    /** All globals, imported first. */
    public List<GlobalType> globals() { return globals; }
    /** All tags, imported first. */
    public List<TagType> tags() { return tags; }
    /** Functions that {@code ref.func} may name (the spec's C.refs). */
    public boolean isDeclaredFuncRef(int func) { return declaredFuncRefs.get(func); }

    /**
     * The types of defined function {@code definedIndex}'s locals, parameters first, as
     * {@link dev.jwt.validate.types.TypeCode} ints.
     */
    public int[] localTypes(int definedIndex) { return localTypes[definedIndex].clone(); }

    /** The deepest the operand stack gets in defined function {@code definedIndex}. */
    public int maxStackDepth(int definedIndex) { return maxStackDepth[definedIndex]; }
}
