package dev.jwt.validate.component;

import dev.jwt.binary.Feature;
import dev.jwt.binary.component.Canon;
import dev.jwt.binary.component.CanonOption;
import dev.jwt.binary.types.AbsHeapType;
import dev.jwt.binary.types.ArrayType;
import dev.jwt.binary.types.CompositeType;
import dev.jwt.binary.types.ConcreteHeapType;
import dev.jwt.binary.types.FuncType;
import dev.jwt.binary.types.MemoryType;
import dev.jwt.binary.types.NumType;
import dev.jwt.binary.types.PackedType;
import dev.jwt.binary.types.RefType;
import dev.jwt.binary.types.StorageType;
import dev.jwt.binary.types.StructType;
import dev.jwt.binary.types.TableType;
import dev.jwt.binary.types.ValType;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;

/**
 * Validation of canonical definitions (CanonicalABI.md, "Canonical Definitions"): the options of
 * each, the core signature of {@code canon lift}'s callee and of every core function a built-in
 * defines, and the feature gates of the async, error-context and threading built-ins.
 */
final class CanonChecker {
    private final ComponentValidator v;
    private final Object scope;

    CanonChecker(ComponentValidator v, Object scope) {
        this.v = v;
        this.scope = scope;
    }

    private RuntimeException error(String message) {
        return v.err(scope, message);
    }

    private void require(Feature f, String what) {
        if (!v.features().has(f)) {
            throw error(what);
        }
    }

    private void async(String name) {
        require(Feature.CM_ASYNC, "`" + name + "` requires the component model async feature");
    }

    /** The options of one definition, after the general checks. */
    private final class Options {
        CanonOption.StringEncoding encoding;
        Integer memory;
        NumType ptr = NumType.I32;
        Integer realloc;
        Integer postReturn;
        boolean async;
        Integer callback;
        boolean gc;
        Integer coreType;

        Options(List<CanonOption> options) {
            for (CanonOption o : options) {
                if (o instanceof CanonOption.StringEncoding e) {
                    if (encoding != null) {
                        throw error("canonical encoding option `" + name(encoding) + "` conflicts with option `"
                                + name(e) + "`");
                    }
                    encoding = e;
                } else if (o instanceof CanonOption.Memory m) {
                    if (memory != null) {
                        throw error("`memory` is specified more than once");
                    }
                    MemoryType mt = v.coreMemory(scope, m.memoryIndex());
                    if (mt.limits().shared()) {
                        throw error("canonical option `memory` must be an unshared memory: "
                                + "mismatch in the shared flag for memories");
                    }
                    if (mt.limits().is64()) {
                        require(Feature.CM64, "64-bit memories require the `cm64` feature to be enabled");
                        ptr = NumType.I64;
                    }
                    memory = m.memoryIndex();
                } else if (o instanceof CanonOption.Realloc r) {
                    if (realloc != null) {
                        throw error("canonical option `realloc` is specified more than once");
                    }
                    realloc = r.funcIndex();
                } else if (o instanceof CanonOption.PostReturn p) {
                    if (postReturn != null) {
                        throw error("canonical option `post-return` is specified more than once");
                    }
                    postReturn = p.funcIndex();
                } else if (o instanceof CanonOption.Async) {
                    if (async) {
                        throw error("canonical option `async` is specified more than once");
                    }
                    require(Feature.CM_ASYNC, "canonical option `async` requires the component model async feature");
                    async = true;
                } else if (o instanceof CanonOption.Callback c) {
                    if (callback != null) {
                        throw error("canonical option `callback` is specified more than once");
                    }
                    callback = c.funcIndex();
                } else if (o instanceof CanonOption.Gc) {
                    require(Feature.CM_GC, "canonical option `gc` requires the `cm-gc` feature");
                    gc = true;
                } else if (o instanceof CanonOption.CoreType ct) {
                    require(Feature.CM_GC, "canonical option `core-type` requires the `cm-gc` feature");
                    coreType = ct.coreTypeIndex();
                }
            }
            if (realloc != null) {
                if (memory == null) {
                    throw error("canonical option `realloc` requires `memory` to also be specified");
                }
                FuncType ft = v.coreFunc(scope, realloc).type();
                if (!ft.params().equals(List.of(ptr, ptr, ptr, ptr)) || !ft.results().equals(List.of(ptr))) {
                    throw error("canonical option `realloc` uses a core function with an incorrect signature");
                }
            }
            if (callback != null) {
                if (!async) {
                    throw error("cannot specify callback without async");
                }
                FuncType ft = v.coreFunc(scope, callback).type();
                NumType i32 = NumType.I32;
                if (!ft.params().equals(List.of(i32, i32, i32)) || !ft.results().equals(List.of(i32))) {
                    throw error("canonical option `callback` uses a core function with an incorrect signature");
                }
            }
            if (postReturn != null && async) {
                throw error("cannot specify post-return function in async");
            }
        }

        void requireMemory() {
            if (memory == null) {
                throw error("canonical option `memory` is required");
            }
        }

        void requireRealloc() {
            if (realloc == null) {
                throw error("canonical option `realloc` is required");
            }
        }

        /** Only {@code memory} and {@code string-encoding} (task.return, stream/future read/write...). */
        void onlyMemoryAndEncoding(String what) {
            if (realloc != null && !what.equals("stream.read") && !what.equals("future.read")) {
                throw error("cannot specify `realloc` option on `" + what + "`");
            }
            if (postReturn != null) {
                throw error("cannot specify `post-return` option on `" + what + "`");
            }
            if (async) {
                throw error("cannot specify `async` option on `" + what + "`");
            }
            if (callback != null) {
                throw error("cannot specify `callback` option on `" + what + "`");
            }
        }
    }

    private static String name(CanonOption.StringEncoding e) {
        return e == CanonOption.StringEncoding.LATIN1_UTF16 ? "latin1-utf16" : e.text();
    }

    /** The built-in being checked, for messages. */
    private String current = "";

    void check(Canon c) {
        current = c.kind().text();
        if (c instanceof Canon.Lift l) {
            lift(l);
        } else if (c instanceof Canon.Lower l) {
            lower(l);
        } else if (c instanceof Canon.ResourceNew r) {
            ResourceType rt = localResource(r.typeIndex());
            core(List.of(rt.rep()), List.of(NumType.I32));
        } else if (c instanceof Canon.ResourceDrop r) {
            resource(r.typeIndex());
            core(List.of(NumType.I32), List.of());
        } else if (c instanceof Canon.ResourceRep r) {
            ResourceType rt = localResource(r.typeIndex());
            core(List.of(NumType.I32), List.of(rt.rep()));
        } else if (c instanceof Canon.BackpressureInc || c instanceof Canon.BackpressureDec
                || c instanceof Canon.TaskCancel) {
            async(c.kind().text());
            core(List.of(), List.of());
        } else if (c instanceof Canon.TaskReturn tr) {
            async("task.return");
            Options o = new Options(tr.options());
            o.onlyMemoryAndEncoding("task.return");
            List<ValueType> results = new ArrayList<>();
            if (tr.result().isPresent()) {
                results.add(v.resolve(scope, tr.result().get()));
            }
            ComponentFuncType ft = new ComponentFuncType(
                    results.stream().map(t -> new ComponentFuncType.Param("v", t)).toList(), null, false);
            for (ValueType t : results) {
                if (CanonicalAbi.needsMemory(t)) {
                    o.requireMemory();
                }
            }
            CanonicalAbi.CoreSignature sig = CanonicalAbi.flattenFuncType(ft, false, false, false, o.ptr);
            if (sig.params().size() == 1 && CanonicalAbi.flattenAll(results, o.ptr).size()
                    > CanonicalAbi.MAX_FLAT_PARAMS) {
                o.requireMemory();
            }
            core(new ArrayList<>(sig.params()), List.of());
        } else if (c instanceof Canon.ContextGet g) {
            context("context.get", g.type(), g.slot());
            core(List.of(), List.of(g.type()));
        } else if (c instanceof Canon.ContextSet st) {
            context("context.set", st.type(), st.slot());
            core(List.of(st.type()), List.of());
        } else if (c instanceof Canon.SubtaskCancel sc) {
            async("subtask.cancel");
            if (sc.async()) {
                require(Feature.CM_MORE_ASYNC_BUILTINS,
                        "async `subtask.cancel` requires the component model more async builtins feature");
            }
            core(List.of(NumType.I32), List.of(NumType.I32));
        } else if (c instanceof Canon.SubtaskDrop) {
            async("subtask.drop");
            core(List.of(NumType.I32), List.of());
        } else if (c instanceof Canon.StreamNew s) {
            async("stream.new");
            stream(s.typeIndex());
            core(List.of(), List.of(NumType.I64));
        } else if (c instanceof Canon.FutureNew f) {
            async("future.new");
            future(f.typeIndex());
            core(List.of(), List.of(NumType.I64));
        } else if (c instanceof Canon.StreamRead r) {
            readWrite("stream.read", stream(r.typeIndex()).type(), r.options(), true, true);
        } else if (c instanceof Canon.StreamWrite w) {
            readWrite("stream.write", stream(w.typeIndex()).type(), w.options(), false, true);
        } else if (c instanceof Canon.FutureRead r) {
            readWrite("future.read", future(r.typeIndex()).type(), r.options(), true, false);
        } else if (c instanceof Canon.FutureWrite w) {
            readWrite("future.write", future(w.typeIndex()).type(), w.options(), false, false);
        } else if (c instanceof Canon.StreamCancelRead x) {
            cancel(c, x.async(), () -> stream(x.typeIndex()));
        } else if (c instanceof Canon.StreamCancelWrite x) {
            cancel(c, x.async(), () -> stream(x.typeIndex()));
        } else if (c instanceof Canon.FutureCancelRead x) {
            cancel(c, x.async(), () -> future(x.typeIndex()));
        } else if (c instanceof Canon.FutureCancelWrite x) {
            cancel(c, x.async(), () -> future(x.typeIndex()));
        } else if (c instanceof Canon.StreamDropReadable x) {
            async(c.kind().text());
            stream(x.typeIndex());
            core(List.of(NumType.I32), List.of());
        } else if (c instanceof Canon.StreamDropWritable x) {
            async(c.kind().text());
            stream(x.typeIndex());
            core(List.of(NumType.I32), List.of());
        } else if (c instanceof Canon.FutureDropReadable x) {
            async(c.kind().text());
            future(x.typeIndex());
            core(List.of(NumType.I32), List.of());
        } else if (c instanceof Canon.FutureDropWritable x) {
            async(c.kind().text());
            future(x.typeIndex());
            core(List.of(NumType.I32), List.of());
        } else if (c instanceof Canon.ErrorContextNew e) {
            errorContext(c);
            Options o = new Options(e.options());
            o.onlyMemoryAndEncoding(c.kind().text());
            o.requireMemory();
            core(List.of(o.ptr, o.ptr), List.of(NumType.I32));
        } else if (c instanceof Canon.ErrorContextDebugMessage e) {
            errorContext(c);
            Options o = new Options(e.options());
            o.requireMemory();
            o.requireRealloc();
            core(List.of(NumType.I32, o.ptr), List.of());
        } else if (c instanceof Canon.ErrorContextDrop) {
            errorContext(c);
            core(List.of(NumType.I32), List.of());
        } else if (c instanceof Canon.WaitableSetNew) {
            async(c.kind().text());
            core(List.of(), List.of(NumType.I32));
        } else if (c instanceof Canon.WaitableSetWait w) {
            waitOrPoll(c, w.memoryIndex());
        } else if (c instanceof Canon.WaitableSetPoll p) {
            waitOrPoll(c, p.memoryIndex());
        } else if (c instanceof Canon.WaitableSetDrop) {
            async(c.kind().text());
            core(List.of(NumType.I32), List.of());
        } else if (c instanceof Canon.WaitableJoin) {
            async(c.kind().text());
            core(List.of(NumType.I32, NumType.I32), List.of());
        } else if (c instanceof Canon.ThreadYield y) {
            async(c.kind().text());
            core(List.of(), List.of(NumType.I32));
        } else {
            threading(c);
        }
    }

    /** {@code waitable-set.wait} and {@code .poll}; {@code cancellable} needs no feature beyond async's. */
    private void waitOrPoll(Canon c, int memory) {
        async(c.kind().text());
        MemoryType mt = v.coreMemory(scope, memory);
        NumType ptr = mt.limits().is64() ? NumType.I64 : NumType.I32;
        if (mt.limits().is64()) {
            require(Feature.CM64, "64-bit memories require the `cm64` feature to be enabled");
        }
        core(List.of(NumType.I32, ptr), List.of(NumType.I32));
    }

    private void errorContext(Canon c) {
        require(Feature.CM_ERROR_CONTEXT, "`" + c.kind().text() + "` requires the component model error-context feature");
    }

    private void threading(Canon c) {
        require(Feature.CM_THREADING, "`" + c.kind().text() + "` requires the component model threading feature");
        if (c instanceof Canon.ThreadIndex) {
            core(List.of(), List.of(NumType.I32));
        } else if (c instanceof Canon.ThreadNewIndirect n) {
            FuncType ft = v.coreFuncTypeAt(scope, n.coreTypeIndex());
            if (!ft.results().isEmpty() || ft.params().size() != 1
                    || ft.params().get(0) != NumType.I32 && ft.params().get(0) != NumType.I64) {
                throw error("start function must take a single `i32` argument");
            }
            TableType t = v.coreTable(scope, n.tableIndex());
            checkFuncTable(t);
            NumType u = t.limits().is64() ? NumType.I64 : NumType.I32;
            core(List.of(u, ft.params().get(0)), List.of(NumType.I32));
        } else if (c instanceof Canon.ThreadResumeLater) {
            core(List.of(NumType.I32), List.of());
        } else if (c instanceof Canon.ThreadSuspend s) {
            core(List.of(), List.of(NumType.I32));
        } else if (c instanceof Canon.ThreadSuspendThenResume s) {
            core(List.of(NumType.I32), List.of(NumType.I32));
        } else if (c instanceof Canon.ThreadYieldThenResume s) {
            core(List.of(NumType.I32), List.of(NumType.I32));
        } else if (c instanceof Canon.ThreadSuspendThenPromote s) {
            core(List.of(NumType.I32), List.of(NumType.I32));
        } else if (c instanceof Canon.ThreadYieldThenPromote s) {
            core(List.of(NumType.I32), List.of(NumType.I32));
        } else if (c instanceof Canon.ThreadSpawnRef s) {
            require(Feature.SHARED_EVERYTHING_THREADS, "`thread.spawn-ref` requires the shared-everything-threads proposal");
            FuncType ft = v.coreFuncTypeAt(scope, s.coreTypeIndex());
            List<ValType> params = new ArrayList<>();
            params.add(NumType.I32);
            params.addAll(ft.params());
            core(params, List.of(NumType.I32));
        } else if (c instanceof Canon.ThreadSpawnIndirect s) {
            require(Feature.SHARED_EVERYTHING_THREADS,
                    "`thread.spawn-indirect` requires the shared-everything-threads proposal");
            FuncType ft = v.coreFuncTypeAt(scope, s.coreTypeIndex());
            checkFuncTable(v.coreTable(scope, s.tableIndex()));
            List<ValType> params = new ArrayList<>();
            params.add(NumType.I32);
            params.addAll(ft.params());
            core(params, List.of(NumType.I32));
        } else if (c instanceof Canon.ThreadAvailableParallelism) {
            require(Feature.SHARED_EVERYTHING_THREADS,
                    "`thread.available_parallelism` requires the shared-everything-threads proposal");
            core(List.of(), List.of(NumType.I32));
        } else {
            throw error("unsupported canonical definition `" + c.kind().text() + "`");
        }
    }

    private void checkFuncTable(TableType t) {
        ValType e = t.element();
        if (!(e instanceof RefType r) || !(r.heapType() instanceof AbsHeapType h) || h != AbsHeapType.FUNC) {
            throw error("table must have a `funcref` element type");
        }
    }

    private void context(String name, ValType t, int slot) {
        async(name);
        if (t != NumType.I32 && t != NumType.I64) {
            throw error("`" + name + "` only supports `i32` or `i64`");
        }
        if (t == NumType.I64) {
            require(Feature.CM64, "64-bit `" + name + "` requires the component model 64-bit feature");
        }
        // All context.get/set of a component agree on the slot type.
        if (!v.contextType(scope, t)) {
            throw error("type must match previous context type");
        }
        if (v.features().has(Feature.CM_THREADING)) {
            if (Integer.compareUnsigned(slot, 1) > 0) {
                throw error("immediate must be zero or one: " + Integer.toUnsignedString(slot));
            }
        } else if (slot != 0) {
            throw error("immediate must be zero: " + Integer.toUnsignedString(slot));
        }
    }

    private void cancel(Canon c, boolean isAsync, java.util.function.Supplier<Object> type) {
        async(c.kind().text());
        if (isAsync) {
            require(Feature.CM_MORE_ASYNC_BUILTINS, "async `" + c.kind().text()
                    + "` requires the component model more async builtins feature");
        }
        type.get();
        core(List.of(NumType.I32), List.of(NumType.I32));
    }

    private void readWrite(String name, ValueType payload, List<CanonOption> options, boolean read, boolean stream) {
        async(name);
        Options o = new Options(options);
        if (o.postReturn != null) {
            throw error("cannot specify `post-return` option on `" + name + "`");
        }
        if (o.callback != null) {
            throw error("cannot specify `callback` option on `" + name + "`");
        }
        if (payload != null) {
            o.requireMemory();
            if (read && CanonicalAbi.needsMemory(payload)) {
                o.requireRealloc();
            }
        }
        if (stream) {
            core(List.of(NumType.I32, o.ptr, o.ptr), List.of(o.ptr));
        } else {
            core(List.of(NumType.I32, o.ptr), List.of(NumType.I32));
        }
    }

    private ValueType.Stream stream(int index) {
        String builtin = current;
        ComponentTypeDef t = v.type(scope, index);
        if (!(t instanceof ValueType.Stream s)) {
            throw error("`" + builtin + "` requires a stream type");
        }
        return s;
    }

    private ValueType.Future future(int index) {
        String builtin = current;
        ComponentTypeDef t = v.type(scope, index);
        if (!(t instanceof ValueType.Future f)) {
            throw error("`" + builtin + "` requires a future type");
        }
        return f;
    }

    private ResourceType resource(int index) {
        ComponentTypeDef t = v.type(scope, index);
        if (!(t instanceof ResourceType r)) {
            throw error("type index " + index + " is not a resource type");
        }
        return r;
    }

    private ResourceType localResource(int index) {
        ResourceType r = resource(index);
        if (!v.isLocalResource(scope, r)) {
            throw error("type " + index + " is not a local resource");
        }
        return r;
    }

    /** Defines the core function a built-in produces. */
    private void core(List<? extends ValType> params, List<? extends ValType> results) {
        v.addCoreFunc(scope, new FuncType(new ArrayList<>(params), new ArrayList<>(results)));
    }

    // ---------------------------------------------------------------- lift and lower

    private void lift(Canon.Lift l) {
        CoreExternType.Func callee = v.coreFunc(scope, l.coreFuncIndex());
        ComponentTypeDef t = v.type(scope, l.typeIndex());
        if (!(t instanceof ComponentFuncType ft)) {
            throw error("type index " + l.typeIndex() + " is not a function type");
        }
        Options o = new Options(l.options());
        if (o.async && !ft.async()) {
            throw error("the `async` canonical option requires an async function type");
        }
        if (o.async && o.callback == null) {
            require(Feature.CM_ASYNC_STACKFUL, "requires the component model async stackful feature");
        }
        if (o.gc) {
            // The callee's own type is the core type; its type indices are its module's, which
            // are not known here, so only its shape is checked.
            gcSignature(ft, callee.type(), o, i -> null);
            v.addFunc(scope, ft);
            return;
        }
        // Parameters are lowered into the callee (lower: memory; lift from the caller: realloc).
        for (ValueType p : ft.paramTypes()) {
            if (CanonicalAbi.needsMemory(p)) {
                o.requireMemory();
                o.requireRealloc();
            }
        }
        for (ValueType r : ft.resultTypes()) {
            if (CanonicalAbi.needsMemory(r)) {
                o.requireMemory();
            }
        }
        List<NumType> flatParams = CanonicalAbi.flattenAll(ft.paramTypes(), o.ptr);
        List<NumType> flatResults = CanonicalAbi.flattenAll(ft.resultTypes(), o.ptr);
        if (flatParams.size() > CanonicalAbi.MAX_FLAT_PARAMS) {
            o.requireMemory();
            o.requireRealloc();
        }
        if (flatResults.size() > (o.async ? CanonicalAbi.MAX_FLAT_PARAMS : CanonicalAbi.MAX_FLAT_RESULTS)) {
            o.requireMemory();
        }
        CanonicalAbi.CoreSignature sig = CanonicalAbi.flattenFuncType(ft, o.async, o.callback != null, true, o.ptr);
        matchSignature(sig, callee.type(), l.coreFuncIndex());
        if (o.postReturn != null) {
            FuncType pr = v.coreFunc(scope, o.postReturn).type();
            if (!numbers(pr.params()).equals(sig.results()) || !pr.results().isEmpty()) {
                throw error("canonical option `post-return` uses a core function with an incorrect signature");
            }
        }
        v.addFunc(scope, ft);
    }

    private void lower(Canon.Lower l) {
        ComponentFuncType ft = v.func(scope, l.funcIndex());
        Options o = new Options(l.options());
        if (o.postReturn != null) {
            throw error("canonical option `post-return` cannot be specified for lowerings");
        }
        if (o.callback != null) {
            throw error("canonical option `callback` cannot be specified for lowerings");
        }
        if (o.async && !ft.async()) {
            throw error("the `async` canonical option requires an async function type");
        }
        if (o.gc && o.coreType != null) {
            FuncType coreType = v.coreFuncTypeAt(scope, o.coreType);
            gcSignature(ft, coreType, o, i -> v.coreCompositeAt(scope, i));
            v.addCoreFuncOfType(scope, o.coreType);
            return;
        }
        for (ValueType p : ft.paramTypes()) {
            if (CanonicalAbi.needsMemory(p)) {
                o.requireMemory();
            }
        }
        for (ValueType r : ft.resultTypes()) {
            if (CanonicalAbi.needsMemory(r)) {
                o.requireMemory();
                o.requireRealloc();
            }
        }
        List<NumType> flatParams = CanonicalAbi.flattenAll(ft.paramTypes(), o.ptr);
        List<NumType> flatResults = CanonicalAbi.flattenAll(ft.resultTypes(), o.ptr);
        int maxParams = o.async ? CanonicalAbi.MAX_FLAT_ASYNC_PARAMS : CanonicalAbi.MAX_FLAT_PARAMS;
        if (flatParams.size() > maxParams) {
            o.requireMemory();
        }
        if (flatResults.size() > (o.async ? 0 : CanonicalAbi.MAX_FLAT_RESULTS)) {
            o.requireMemory();
        }
        CanonicalAbi.CoreSignature sig = CanonicalAbi.flattenFuncType(ft, o.async, false, false, o.ptr);
        core(sig.params(), sig.results());
    }

    // ---------------------------------------------------------------- the GC canonical ABI

    /**
     * The {@code gc} option: each parameter and the result cross as one core value of the
     * declared core function type (no flattening, no linear memory). {@code types} resolves a
     * concrete heap type's index, or gives null when it cannot.
     */
    private void gcSignature(ComponentFuncType ft, FuncType core, Options o, IntFunction<CompositeType> types) {
        if (core.params().size() != ft.params().size()) {
            throw error("declared `core-type` has " + core.params().size() + " parameters, but component function has "
                    + ft.params().size() + " parameters");
        }
        for (int i = 0; i < core.params().size(); i++) {
            gcValue(ft.paramTypes().get(i), core.params().get(i), false, o, types);
        }
        int results = ft.resultTypes().size();
        if (core.results().size() != results) {
            throw error("declared `core-type` has " + core.results().size() + " results, but component function has "
                    + results + " results");
        }
        if (results == 1) {
            gcValue(ft.resultTypes().get(0), core.results().get(0), false, o, types);
        }
    }

    /**
     * Checks that component type {@code t} lowers to {@code core}: a value type in argument
     * position, a storage type in a struct field or array element ({@code field}), where small
     * integers are packed.
     */
    private void gcValue(ValueType t, StorageType core, boolean field, Options o, IntFunction<CompositeType> types) {
        String found = storageText(core);
        if (t instanceof ValueType.Primitive p) {
            switch (p) {
                case BOOL, S8, U8, S16, U16 -> {
                    PackedType packed = p == ValueType.Primitive.S16 || p == ValueType.Primitive.U16
                            ? PackedType.I16 : PackedType.I8;
                    if (field ? core != packed : core != NumType.I32) {
                        throw error("expected to lower component `" + p.text() + "` type to core `"
                                + (field ? packed.text() : "i32") + "` type, found `" + found + "`");
                    }
                }
                case S32, U32, CHAR -> gcNumber(p, NumType.I32, core);
                case S64, U64 -> gcNumber(p, NumType.I64, core);
                case F32 -> gcNumber(p, NumType.F32, core);
                case F64 -> gcNumber(p, NumType.F64, core);
                case STRING -> {
                    boolean utf16 = o.encoding == CanonOption.StringEncoding.UTF16;
                    PackedType unit = utf16 ? PackedType.I16 : PackedType.I8;
                    CompositeType c = concrete(core, types);
                    if (c == UNKNOWN) {
                        return;
                    }
                    if (!(c instanceof ArrayType a) || a.element().storage() != unit) {
                        throw error("expected to lower component `string` type to core `(ref null? (array (mut? "
                                + unit.text() + ")))` type, found `" + found + "`");
                    }
                }
                case ERROR_CONTEXT -> gcExtern("error-context", core);
            }
        } else if (t instanceof ValueType.Record r) {
            gcProduct(r.fields().stream().map(ValueType.Field::type).toList(), "record", core, o, types);
        } else if (t instanceof ValueType.Tuple tu) {
            gcProduct(tu.types(), "tuple", core, o, types);
        } else if (t instanceof ValueType.Variant || t instanceof ValueType.Option || t instanceof ValueType.Result) {
            CompositeType c = concrete(core, types);
            if (c != UNKNOWN && !(c instanceof StructType s && s.fields().isEmpty())) {
                throw error("expected to lower component `" + ValueType.kindName(t)
                        + "` type to core `(ref null? (struct))`, but found `" + found + "`");
            }
        } else if (t instanceof ValueType.ListType l) {
            CompositeType c = concrete(core, types);
            if (c == UNKNOWN) {
                return;
            }
            if (!(c instanceof ArrayType a)) {
                throw error("expected to lower component `list` type into `(ref null? (array ...))`, but found `"
                        + found + "`");
            }
            gcValue(l.element(), a.element().storage(), true, o, types);
        } else if (t instanceof ValueType.Flags || t instanceof ValueType.Enum) {
            if (core != NumType.I32) {
                throw error("expected to lower component `" + ValueType.kindName(t)
                        + "` type into core `i32` type, but found `" + found + "`");
            }
        } else if (t instanceof ValueType.MapType) {
            throw error("GC lowering for component `map` type is not yet implemented");
        } else {
            gcExtern(ValueType.kindName(t), core);
        }
    }

    private void gcNumber(ValueType.Primitive p, NumType expected, StorageType core) {
        if (core != expected) {
            throw error("expected to lower component `" + p.text() + "` type to core `" + expected.name().toLowerCase(
                    java.util.Locale.ROOT) + "` type, found `" + storageText(core) + "`");
        }
    }

    /** Handles (own, borrow, future, stream, error-context) cross as {@code (ref null? extern)}. */
    private void gcExtern(String kind, StorageType core) {
        if (!(core instanceof RefType r && r.heapType() == AbsHeapType.EXTERN)) {
            throw error("expected to lower component `" + kind + "` type into core `(ref null? extern)` type, but found `"
                    + storageText(core) + "`");
        }
    }

    private void gcProduct(List<ValueType> fields, String kind, StorageType core, Options o,
            IntFunction<CompositeType> types) {
        CompositeType c = concrete(core, types);
        if (c == UNKNOWN) {
            return;
        }
        if (!(c instanceof StructType s)) {
            throw error("expected to lower component `" + kind + "` type to core `(ref null? (struct ...))`, but found `"
                    + storageText(core) + "`");
        }
        if (s.fields().size() != fields.size()) {
            throw error("core `struct` has " + s.fields().size() + " fields, but component `" + kind + "` has "
                    + fields.size() + " fields");
        }
        for (int i = 0; i < fields.size(); i++) {
            gcValue(fields.get(i), s.fields().get(i).storage(), true, o, types);
        }
    }

    /** Stands for a concrete type that cannot be resolved here (a lifted callee's own types). */
    private static final CompositeType UNKNOWN = new StructType(List.of());

    /** The composite type a concrete reference denotes; null when {@code core} is not one. */
    private static CompositeType concrete(StorageType core, IntFunction<CompositeType> types) {
        if (core instanceof RefType r && r.heapType() instanceof ConcreteHeapType h) {
            CompositeType c = types.apply(h.typeIndex());
            return c != null ? c : UNKNOWN;
        }
        return null;
    }

    private static String storageText(StorageType t) {
        return t instanceof PackedType p ? p.text() : Subtyping.valText((ValType) t);
    }

    private void matchSignature(CanonicalAbi.CoreSignature expected, FuncType actual, int index) {
        List<NumType> params = numbers(actual.params());
        List<NumType> results = numbers(actual.results());
        if (!expected.params().equals(params)) {
            throw error("lowered parameter types `" + debug(expected.params()) + "` do not match parameter types `"
                    + debugVal(actual.params()) + "` of core function " + index);
        }
        if (!expected.results().equals(results)) {
            throw error("lowered result types `" + debug(expected.results()) + "` do not match result types `"
                    + debugVal(actual.results()) + "` of core function " + index);
        }
    }

    private static List<NumType> numbers(List<ValType> ts) {
        List<NumType> out = new ArrayList<>();
        for (ValType t : ts) {
            out.add(t instanceof NumType n ? n : null);
        }
        return out;
    }

    /** Rust's {@code Debug} of a list of core types, as wasm-tools prints them: {@code [I32, I64]}. */
    private static String debug(List<NumType> ts) {
        StringBuilder b = new StringBuilder("[");
        for (int i = 0; i < ts.size(); i++) {
            if (i > 0) {
                b.append(", ");
            }
            String n = ts.get(i).name();
            b.append(n.charAt(0)).append(n.substring(1).toLowerCase(java.util.Locale.ROOT));
        }
        return b.append(']').toString();
    }

    private static String debugVal(List<ValType> ts) {
        StringBuilder b = new StringBuilder("[");
        for (int i = 0; i < ts.size(); i++) {
            if (i > 0) {
                b.append(", ");
            }
            if (ts.get(i) instanceof NumType n) {
                String s = n.name();
                b.append(s.charAt(0)).append(s.substring(1).toLowerCase(java.util.Locale.ROOT));
            } else {
                b.append(Subtyping.valText(ts.get(i)));
            }
        }
        return b.append(']').toString();
    }
}
