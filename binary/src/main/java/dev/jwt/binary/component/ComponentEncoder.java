package dev.jwt.binary.component;

import dev.jwt.binary.ModuleDecoder;
import dev.jwt.binary.ModuleEncoder;
import dev.jwt.binary.component.ComponentSection.AliasSection;
import dev.jwt.binary.component.ComponentSection.CanonSection;
import dev.jwt.binary.component.ComponentSection.CoreInstanceSection;
import dev.jwt.binary.component.ComponentSection.CoreModuleSection;
import dev.jwt.binary.component.ComponentSection.CoreTypeSection;
import dev.jwt.binary.component.ComponentSection.Custom;
import dev.jwt.binary.component.ComponentSection.ExportSection;
import dev.jwt.binary.component.ComponentSection.ImportSection;
import dev.jwt.binary.component.ComponentSection.InstanceSection;
import dev.jwt.binary.component.ComponentSection.NestedComponentSection;
import dev.jwt.binary.component.ComponentSection.StartSection;
import dev.jwt.binary.component.ComponentSection.TypeSection;
import dev.jwt.binary.component.ComponentSection.ValueSection;
import dev.jwt.binary.io.BinaryWriter;
import dev.jwt.binary.io.TypeCodec;
import dev.jwt.binary.types.RecGroup;
import dev.jwt.binary.types.SubType;
import java.util.List;
import java.util.Optional;
import java.util.function.BiConsumer;

/**
 * Encodes a {@link Component} to its binary, sections in model order. For a component decoded from
 * canonical bytes (minimal LEB128s, as every tool writes) the bytes come back identical.
 */
public final class ComponentEncoder {
    private ComponentEncoder() {}

    public static byte[] encode(Component c) {
        BinaryWriter out = new BinaryWriter(1024);
        component(out, c);
        return out.toByteArray();
    }

    private static void component(BinaryWriter out, Component c) {
        out.bytes(ModuleDecoder.MAGIC).bytes(ModuleDecoder.COMPONENT_VERSION);
        BinaryWriter s = new BinaryWriter();
        for (ComponentSection section : c.sections()) {
            s.reset();
            section(s, section);
            out.u8(section.id());
            out.byteVector(s);
        }
    }

    private static void section(BinaryWriter s, ComponentSection section) {
        if (section instanceof Custom c) {
            s.name(c.section().name());
            s.bytes(c.section().data());
        } else if (section instanceof CoreModuleSection m) {
            s.bytes(ModuleEncoder.encode(m.module()));
        } else if (section instanceof NestedComponentSection n) {
            component(s, n.component());
        } else if (section instanceof CoreInstanceSection i) {
            vec(s, i.instances(), ComponentEncoder::coreInstance);
        } else if (section instanceof CoreTypeSection t) {
            vec(s, t.types(), ComponentEncoder::coreType);
        } else if (section instanceof InstanceSection i) {
            vec(s, i.instances(), ComponentEncoder::instance);
        } else if (section instanceof AliasSection a) {
            vec(s, a.aliases(), ComponentEncoder::alias);
        } else if (section instanceof TypeSection t) {
            vec(s, t.types(), ComponentEncoder::defType);
        } else if (section instanceof CanonSection c) {
            vec(s, c.canons(), ComponentEncoder::canon);
        } else if (section instanceof StartSection st) {
            s.u32(st.start().funcIndex());
            vec(s, st.start().args(), BinaryWriter::u32);
            s.u32(st.start().results());
        } else if (section instanceof ImportSection i) {
            vec(s, i.imports(), (w, imp) -> {
                externName(w, imp.name());
                externType(w, imp.type());
            });
        } else if (section instanceof ExportSection e) {
            vec(s, e.exports(), ComponentEncoder::export);
        } else if (section instanceof ValueSection v) {
            vec(s, v.values(), (w, value) -> {
                valType(w, value.type());
                w.byteVector(value.value());
            });
        }
    }

    private static <T> void vec(BinaryWriter s, List<T> items, BiConsumer<BinaryWriter, T> write) {
        s.u32(items.size());
        for (T item : items) {
            write.accept(s, item);
        }
    }

    // ---- instances and aliases ----

    private static void coreInstance(BinaryWriter s, CoreInstance i) {
        if (i instanceof CoreInstance.Instantiate in) {
            s.u8(0x00).u32(in.moduleIndex());
            vec(s, in.args(), (w, a) -> w.name(a.name()).u8(CoreSort.INSTANCE.code()).u32(a.instanceIndex()));
        } else if (i instanceof CoreInstance.FromExports e) {
            s.u8(0x01);
            vec(s, e.exports(), (w, x) -> w.name(x.name()).u8(x.item().sort().coreSort().code()).u32(x.item().index()));
        }
    }

    private static void instance(BinaryWriter s, ComponentInstance i) {
        if (i instanceof ComponentInstance.Instantiate in) {
            s.u8(0x00).u32(in.componentIndex());
            vec(s, in.args(), (w, a) -> {
                w.name(a.name());
                sortIndex(w, a.item());
            });
        } else if (i instanceof ComponentInstance.FromExports e) {
            s.u8(0x01);
            vec(s, e.exports(), (w, x) -> {
                externName(w, x.name());
                sortIndex(w, x.item());
            });
        }
    }

    private static void sort(BinaryWriter s, Sort sort) {
        s.u8(sort.code());
        if (sort.isCore()) {
            s.u8(sort.coreSort().code());
        }
    }

    private static void sortIndex(BinaryWriter s, SortIndex si) {
        sort(s, si.sort());
        s.u32(si.index());
    }

    private static void alias(BinaryWriter s, Alias a) {
        sort(s, a.sort());
        if (a instanceof Alias.InstanceExport e) {
            s.u8(0x00).u32(e.instanceIndex()).name(e.name());
        } else if (a instanceof Alias.CoreInstanceExport e) {
            s.u8(0x01).u32(e.instanceIndex()).name(e.name());
        } else if (a instanceof Alias.Outer o) {
            s.u8(0x02).u32(o.count()).u32(o.index());
        }
    }

    // ---- core types ----

    private static void coreType(BinaryWriter s, CoreType t) {
        if (t instanceof CoreType.ModuleType m) {
            s.u8(0x50);
            vec(s, m.decls(), ComponentEncoder::moduleDecl);
        } else if (t instanceof CoreType.Rec r) {
            if (isLoneNonFinal(r.group())) {
                // 0x50 alone would be a module type here.
                s.u8(0x00);
            }
            ModuleEncoder.recGroup(s, r.group());
        }
    }

    private static boolean isLoneNonFinal(RecGroup g) {
        if (g.explicit() || g.types().size() != 1) {
            return false;
        }
        SubType t = g.types().get(0);
        return !t.isFinal();
    }

    private static void moduleDecl(BinaryWriter s, CoreType.ModuleDecl d) {
        if (d instanceof CoreType.ModuleDecl.Import i) {
            s.u8(0x00);
            ModuleEncoder.importEntry(s, i.item());
        } else if (d instanceof CoreType.ModuleDecl.Type t) {
            s.u8(0x01);
            ModuleEncoder.recGroup(s, t.group());
        } else if (d instanceof CoreType.ModuleDecl.OuterAlias a) {
            s.u8(0x02).u8(CoreSort.TYPE.code()).u8(0x01).u32(a.count()).u32(a.index());
        } else if (d instanceof CoreType.ModuleDecl.Export e) {
            s.u8(0x03).name(e.name());
            ModuleEncoder.importDesc(s, e.type());
        }
    }

    // ---- component types ----

    private static void defType(BinaryWriter s, DefType t) {
        if (t instanceof DefType.Func f) {
            s.u8(f.async() ? 0x43 : 0x40);
            vec(s, f.params(), ComponentEncoder::labelValType);
            resultList(s, f.result());
        } else if (t instanceof DefType.ComponentType c) {
            s.u8(0x41);
            vec(s, c.decls(), ComponentEncoder::componentDecl);
        } else if (t instanceof DefType.InstanceType i) {
            s.u8(0x42);
            vec(s, i.decls(), ComponentEncoder::componentDecl);
        } else if (t instanceof DefType.Resource r) {
            s.u8(0x3F);
            TypeCodec.valType(s, r.rep());
            if (r.dtor().isPresent()) {
                s.u8(0x01).u32(r.dtor().getAsInt());
            } else {
                s.u8(0x00);
            }
        } else if (t instanceof DefValType v) {
            defValType(s, v);
        }
    }

    private static void componentDecl(BinaryWriter s, ComponentDecl d) {
        if (d instanceof ComponentDecl.Import i) {
            s.u8(0x03);
            externName(s, i.name());
            externType(s, i.type());
        } else if (d instanceof InstanceDecl.CoreTypeDecl c) {
            s.u8(0x00);
            coreType(s, c.type());
        } else if (d instanceof InstanceDecl.TypeDecl t) {
            s.u8(0x01);
            defType(s, t.type());
        } else if (d instanceof InstanceDecl.AliasDecl a) {
            s.u8(0x02);
            alias(s, a.alias());
        } else if (d instanceof InstanceDecl.Export e) {
            s.u8(0x04);
            externName(s, e.name());
            externType(s, e.type());
        }
    }

    private static void defValType(BinaryWriter s, DefValType t) {
        if (t instanceof PrimValType p) {
            s.u8(p.code());
        } else if (t instanceof DefValType.Record r) {
            s.u8(0x72);
            vec(s, r.fields(), ComponentEncoder::labelValType);
        } else if (t instanceof DefValType.Variant v) {
            s.u8(0x71);
            vec(s, v.cases(), (w, c) -> {
                w.name(c.label());
                optionalValType(w, c.type());
                w.u8(0x00);
            });
        } else if (t instanceof DefValType.ListType l) {
            s.u8(0x70);
            valType(s, l.element());
        } else if (t instanceof DefValType.FixedSizeList l) {
            s.u8(0x67);
            valType(s, l.element());
            s.u32(l.length());
        } else if (t instanceof DefValType.Tuple tu) {
            s.u8(0x6F);
            vec(s, tu.types(), ComponentEncoder::valType);
        } else if (t instanceof DefValType.Flags f) {
            s.u8(0x6E);
            vec(s, f.labels(), BinaryWriter::name);
        } else if (t instanceof DefValType.Enum e) {
            s.u8(0x6D);
            vec(s, e.labels(), BinaryWriter::name);
        } else if (t instanceof DefValType.Option o) {
            s.u8(0x6B);
            valType(s, o.type());
        } else if (t instanceof DefValType.Result r) {
            s.u8(0x6A);
            optionalValType(s, r.ok());
            optionalValType(s, r.error());
        } else if (t instanceof DefValType.Own o) {
            s.u8(0x69).u32(o.typeIndex());
        } else if (t instanceof DefValType.Borrow b) {
            s.u8(0x68).u32(b.typeIndex());
        } else if (t instanceof DefValType.Stream st) {
            s.u8(0x66);
            optionalValType(s, st.element());
        } else if (t instanceof DefValType.Future f) {
            s.u8(0x65);
            optionalValType(s, f.element());
        } else if (t instanceof DefValType.MapType m) {
            s.u8(0x63);
            valType(s, m.key());
            valType(s, m.value());
        }
    }

    private static void labelValType(BinaryWriter s, DefType.LabelValType l) {
        s.name(l.label());
        valType(s, l.type());
    }

    static void valType(BinaryWriter s, ComponentValType t) {
        if (t instanceof PrimValType p) {
            s.u8(p.code());
        } else if (t instanceof ComponentValType.TypeIndex i) {
            s.s33(Integer.toUnsignedLong(i.index()));
        }
    }

    private static void optionalValType(BinaryWriter s, Optional<ComponentValType> t) {
        if (t.isPresent()) {
            s.u8(0x01);
            valType(s, t.get());
        } else {
            s.u8(0x00);
        }
    }

    private static void resultList(BinaryWriter s, Optional<ComponentValType> result) {
        if (result.isPresent()) {
            s.u8(0x00);
            valType(s, result.get());
        } else {
            s.u8(0x01).u8(0x00);
        }
    }

    // ---- imports, exports, names ----

    static void externName(BinaryWriter s, ExternName n) {
        s.u8(n.prefix());
        s.name(n.name());
        if (n.prefix() == ExternName.WITH_ATTRIBUTES) {
            vec(s, n.attributes(), (w, a) -> {
                w.u8(a.code());
                if (a instanceof ExternName.Attribute.Implements i) {
                    w.name(i.interfaceName());
                } else if (a instanceof ExternName.Attribute.VersionSuffix v) {
                    w.name(v.suffix());
                } else if (a instanceof ExternName.Attribute.ExternalId e) {
                    w.name(e.id());
                }
            });
        }
    }

    private static void externType(BinaryWriter s, ExternType t) {
        if (t instanceof ExternType.Module m) {
            s.u8(0x00).u8(CoreSort.MODULE.code()).u32(m.coreTypeIndex());
        } else if (t instanceof ExternType.Func f) {
            s.u8(0x01).u32(f.typeIndex());
        } else if (t instanceof ExternType.Value v) {
            // wasm-tools' encoding: the value type right after 0x02, no valuebound byte; so an
            // (eq i) bound, which only the spec's grammar has, cannot be written.
            if (v.bound() instanceof ExternType.ValueBound.Type ty) {
                s.u8(0x02);
                valType(s, ty.type());
            } else {
                throw new IllegalArgumentException("a value (eq i) bound has no binary encoding in the format wasm-tools reads");
            }
        } else if (t instanceof ExternType.Type ty) {
            s.u8(0x03);
            if (ty.bound() instanceof ExternType.TypeBound.Eq e) {
                s.u8(0x00).u32(e.typeIndex());
            } else if (ty.bound() instanceof ExternType.TypeBound.SubResource r) {
                s.u8(0x01);
            }
        } else if (t instanceof ExternType.Component c) {
            s.u8(0x04).u32(c.typeIndex());
        } else if (t instanceof ExternType.Instance i) {
            s.u8(0x05).u32(i.typeIndex());
        }
    }

    private static void export(BinaryWriter s, ComponentExport e) {
        externName(s, e.name());
        sortIndex(s, e.item());
        if (e.type().isPresent()) {
            s.u8(0x01);
            externType(s, e.type().get());
        } else {
            s.u8(0x00);
        }
    }

    // ---- canonical definitions ----

    private static void canon(BinaryWriter s, Canon c) {
        s.u8(c.kind().code());
        if (c instanceof Canon.Lift l) {
            s.u8(0x00).u32(l.coreFuncIndex());
            options(s, l.options());
            s.u32(l.typeIndex());
        } else if (c instanceof Canon.Lower l) {
            s.u8(0x00).u32(l.funcIndex());
            options(s, l.options());
        } else if (c instanceof Canon.ResourceNew r) {
            s.u32(r.typeIndex());
        } else if (c instanceof Canon.ResourceDrop r) {
            s.u32(r.typeIndex());
        } else if (c instanceof Canon.ResourceRep r) {
            s.u32(r.typeIndex());
        } else if (c instanceof Canon.BackpressureInc b) {
        } else if (c instanceof Canon.BackpressureDec b) {
        } else if (c instanceof Canon.TaskReturn t) {
            resultList(s, t.result());
            options(s, t.options());
        } else if (c instanceof Canon.TaskCancel t) {
        } else if (c instanceof Canon.ContextGet g) {
            TypeCodec.valType(s, g.type());
            s.u32(g.slot());
        } else if (c instanceof Canon.ContextSet g) {
            TypeCodec.valType(s, g.type());
            s.u32(g.slot());
        } else if (c instanceof Canon.SubtaskCancel t) {
            bool(s, t.async());
        } else if (c instanceof Canon.SubtaskDrop t) {
        } else if (c instanceof Canon.StreamNew t) {
            s.u32(t.typeIndex());
        } else if (c instanceof Canon.StreamRead t) {
            s.u32(t.typeIndex());
            options(s, t.options());
        } else if (c instanceof Canon.StreamWrite t) {
            s.u32(t.typeIndex());
            options(s, t.options());
        } else if (c instanceof Canon.StreamCancelRead t) {
            bool(s.u32(t.typeIndex()), t.async());
        } else if (c instanceof Canon.StreamCancelWrite t) {
            bool(s.u32(t.typeIndex()), t.async());
        } else if (c instanceof Canon.StreamDropReadable t) {
            s.u32(t.typeIndex());
        } else if (c instanceof Canon.StreamDropWritable t) {
            s.u32(t.typeIndex());
        } else if (c instanceof Canon.FutureNew t) {
            s.u32(t.typeIndex());
        } else if (c instanceof Canon.FutureRead t) {
            s.u32(t.typeIndex());
            options(s, t.options());
        } else if (c instanceof Canon.FutureWrite t) {
            s.u32(t.typeIndex());
            options(s, t.options());
        } else if (c instanceof Canon.FutureCancelRead t) {
            bool(s.u32(t.typeIndex()), t.async());
        } else if (c instanceof Canon.FutureCancelWrite t) {
            bool(s.u32(t.typeIndex()), t.async());
        } else if (c instanceof Canon.FutureDropReadable t) {
            s.u32(t.typeIndex());
        } else if (c instanceof Canon.FutureDropWritable t) {
            s.u32(t.typeIndex());
        } else if (c instanceof Canon.ErrorContextNew e) {
            options(s, e.options());
        } else if (c instanceof Canon.ErrorContextDebugMessage e) {
            options(s, e.options());
        } else if (c instanceof Canon.ErrorContextDrop e) {
        } else if (c instanceof Canon.WaitableSetNew w) {
        } else if (c instanceof Canon.WaitableSetWait w) {
            bool(s, w.cancellable()).u32(w.memoryIndex());
        } else if (c instanceof Canon.WaitableSetPoll w) {
            bool(s, w.cancellable()).u32(w.memoryIndex());
        } else if (c instanceof Canon.WaitableSetDrop w) {
        } else if (c instanceof Canon.WaitableJoin w) {
        } else if (c instanceof Canon.ThreadIndex t) {
        } else if (c instanceof Canon.ThreadNewIndirect t) {
            s.u32(t.coreTypeIndex()).u32(t.tableIndex());
        } else if (c instanceof Canon.ThreadResumeLater t) {
        } else if (c instanceof Canon.ThreadSuspend t) {
            bool(s, t.cancellable());
        } else if (c instanceof Canon.ThreadYield t) {
            bool(s, t.cancellable());
        } else if (c instanceof Canon.ThreadSuspendThenResume t) {
            bool(s, t.cancellable());
        } else if (c instanceof Canon.ThreadYieldThenResume t) {
            bool(s, t.cancellable());
        } else if (c instanceof Canon.ThreadSuspendThenPromote t) {
            bool(s, t.cancellable());
        } else if (c instanceof Canon.ThreadYieldThenPromote t) {
            bool(s, t.cancellable());
        } else if (c instanceof Canon.ThreadSpawnRef t) {
            notShared(t.shared());
            s.u32(t.coreTypeIndex());
        } else if (c instanceof Canon.ThreadSpawnIndirect t) {
            notShared(t.shared());
            s.u32(t.coreTypeIndex()).u32(t.tableIndex());
        } else if (c instanceof Canon.ThreadAvailableParallelism t) {
            notShared(t.shared());
        }
    }

    /**
     * The spec gives thread.spawn-ref, spawn-indirect and available-parallelism a {@code sh?} byte;
     * wasm-tools 1.257 (and the binaries it writes) have none, so only the unshared form exists.
     */
    private static void notShared(boolean shared) {
        if (shared) {
            throw new IllegalArgumentException("a shared thread built-in has no binary encoding in the format wasm-tools reads");
        }
    }

    private static BinaryWriter bool(BinaryWriter s, boolean b) {
        return s.u8(b ? 1 : 0);
    }

    private static void options(BinaryWriter s, List<CanonOption> options) {
        vec(s, options, (w, o) -> {
            w.u8(o.code());
            if (o instanceof CanonOption.Memory m) {
                w.u32(m.memoryIndex());
            } else if (o instanceof CanonOption.Realloc r) {
                w.u32(r.funcIndex());
            } else if (o instanceof CanonOption.PostReturn p) {
                w.u32(p.funcIndex());
            } else if (o instanceof CanonOption.Callback c) {
                w.u32(c.funcIndex());
            } else if (o instanceof CanonOption.CoreType t) {
                w.u32(t.coreTypeIndex());
            } else if (o instanceof CanonOption.StringEncoding e) {
            } else if (o instanceof CanonOption.Async a) {
            } else if (o instanceof CanonOption.Gc g) {
            }
        });
    }
}
