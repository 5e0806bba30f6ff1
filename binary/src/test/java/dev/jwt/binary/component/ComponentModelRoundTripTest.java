package dev.jwt.binary.component;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.jwt.binary.component.CanonOption.StringEncoding;
import dev.jwt.binary.component.ComponentSection.CanonSection;
import dev.jwt.binary.component.ComponentSection.TypeSection;
import dev.jwt.binary.types.NumType;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Model to bytes to model: one of every canonical definition, option, defined value type and
 * extern type survives encoding and decoding (the corpus' real components use only some of them;
 * the text parser builds them all).
 */
class ComponentModelRoundTripTest {
    private static final List<CanonOption> ALL_OPTIONS = List.of(StringEncoding.UTF8, StringEncoding.UTF16,
            StringEncoding.LATIN1_UTF16, new CanonOption.Memory(1), new CanonOption.Realloc(2),
            new CanonOption.PostReturn(3), new CanonOption.Async(), new CanonOption.Callback(4),
            new CanonOption.CoreType(5), new CanonOption.Gc());

    static List<Canon> everyCanon() {
        ComponentValType u32 = PrimValType.U32;
        return List.of(
                new Canon.Lift(7, ALL_OPTIONS, 300),
                new Canon.Lower(200, List.of(StringEncoding.UTF16, new CanonOption.Memory(0))),
                new Canon.ResourceNew(1), new Canon.ResourceDrop(2), new Canon.ResourceRep(3),
                new Canon.BackpressureInc(), new Canon.BackpressureDec(),
                new Canon.TaskReturn(Optional.of(u32), List.of(new CanonOption.Memory(0))),
                new Canon.TaskReturn(Optional.empty(), List.of()),
                new Canon.TaskCancel(),
                new Canon.ContextGet(NumType.I32, 0), new Canon.ContextSet(NumType.I64, 1),
                new Canon.SubtaskCancel(true), new Canon.SubtaskDrop(),
                new Canon.StreamNew(4), new Canon.StreamRead(4, List.of(StringEncoding.UTF8)),
                new Canon.StreamWrite(4, List.of()), new Canon.StreamCancelRead(4, true),
                new Canon.StreamCancelWrite(4, false), new Canon.StreamDropReadable(4),
                new Canon.StreamDropWritable(4),
                new Canon.FutureNew(5), new Canon.FutureRead(5, List.of(new CanonOption.Realloc(1))),
                new Canon.FutureWrite(5, List.of()), new Canon.FutureCancelRead(5, false),
                new Canon.FutureCancelWrite(5, true), new Canon.FutureDropReadable(5),
                new Canon.FutureDropWritable(5),
                new Canon.ErrorContextNew(List.of(StringEncoding.UTF8)),
                new Canon.ErrorContextDebugMessage(List.of(new CanonOption.Memory(0))), new Canon.ErrorContextDrop(),
                new Canon.WaitableSetNew(), new Canon.WaitableSetWait(true, 0), new Canon.WaitableSetPoll(false, 1),
                new Canon.WaitableSetDrop(), new Canon.WaitableJoin(),
                new Canon.ThreadIndex(), new Canon.ThreadNewIndirect(0, 1), new Canon.ThreadResumeLater(),
                new Canon.ThreadSuspend(true), new Canon.ThreadYield(false), new Canon.ThreadSuspendThenResume(true),
                new Canon.ThreadYieldThenResume(false), new Canon.ThreadSuspendThenPromote(true),
                new Canon.ThreadYieldThenPromote(false), new Canon.ThreadSpawnRef(false, 3),
                new Canon.ThreadSpawnIndirect(false, 3, 0), new Canon.ThreadAvailableParallelism(false));
    }

    static List<DefType> everyType() {
        List<DefType> types = new ArrayList<>(List.of(PrimValType.values()));
        ComponentValType t0 = new ComponentValType.TypeIndex(0);
        ComponentValType big = new ComponentValType.TypeIndex(100_000);
        types.addAll(List.of(
                new DefValType.Record(List.of(new DefType.LabelValType("a", PrimValType.U8),
                        new DefType.LabelValType("b-c", big))),
                new DefValType.Variant(List.of(new DefValType.Case("x", Optional.empty()),
                        new DefValType.Case("y", Optional.of(t0)))),
                new DefValType.ListType(PrimValType.STRING), new DefValType.FixedSizeList(PrimValType.U8, 3),
                new DefValType.Tuple(List.of(PrimValType.S8, t0)), new DefValType.Flags(List.of("p", "q")),
                new DefValType.Enum(List.of("e")), new DefValType.Option(t0),
                new DefValType.Result(Optional.of(t0), Optional.empty()),
                new DefValType.Result(Optional.empty(), Optional.of(PrimValType.ERROR_CONTEXT)),
                new DefValType.Own(1), new DefValType.Borrow(1), new DefValType.Stream(Optional.empty()),
                new DefValType.Stream(Optional.of(PrimValType.U8)), new DefValType.Future(Optional.of(t0)),
                new DefValType.MapType(PrimValType.STRING, PrimValType.U32),
                new DefType.Func(false, List.of(new DefType.LabelValType("p", t0)), Optional.empty()),
                new DefType.Func(true, List.of(), Optional.of(PrimValType.BOOL)),
                new DefType.Resource(NumType.I32, OptionalInt.empty()),
                new DefType.Resource(NumType.I32, OptionalInt.of(9)),
                new DefType.ComponentType(List.of(
                        new ComponentDecl.Import(ExternName.of("a"), new ExternType.Module(0)),
                        new InstanceDecl.TypeDecl(new DefType.InstanceType(List.of(
                                new InstanceDecl.Export(new ExternName("r", ExternName.WITH_ATTRIBUTES, List.of(
                                        new ExternName.Attribute.Implements("a:b/c"),
                                        new ExternName.Attribute.VersionSuffix("-rc"),
                                        new ExternName.Attribute.ExternalId("id"))),
                                        new ExternType.Type(new ExternType.TypeBound.SubResource()))))),
                        new InstanceDecl.AliasDecl(new Alias.Outer(Sort.TYPE, 1, 0)),
                        new InstanceDecl.CoreTypeDecl(new CoreType.ModuleType(List.of())),
                        new InstanceDecl.Export(new ExternName("f", ExternName.PLAIN_LEGACY, List.of()),
                                new ExternType.Func(1)),
                        new InstanceDecl.Export(ExternName.of("v"),
                                new ExternType.Value(new ExternType.ValueBound.Type(PrimValType.S64))),
                        new InstanceDecl.Export(ExternName.of("t"),
                                new ExternType.Type(new ExternType.TypeBound.Eq(0))),
                        new InstanceDecl.Export(ExternName.of("c"), new ExternType.Component(2)),
                        new InstanceDecl.Export(ExternName.of("i"), new ExternType.Instance(3))))));
        return types;
    }

    @TestFactory
    Stream<DynamicTest> everyForm() {
        return Stream.of(
                DynamicTest.dynamicTest("every canonical definition", () -> {
                    Set<Canon.Kind> kinds = EnumSet.noneOf(Canon.Kind.class);
                    everyCanon().forEach(c -> kinds.add(c.kind()));
                    assertEquals(EnumSet.allOf(Canon.Kind.class), kinds, "one of each kind");
                    roundTrip(new Component(List.of(new CanonSection(everyCanon()))));
                }),
                DynamicTest.dynamicTest("every type", () -> roundTrip(new Component(List.of(new TypeSection(everyType()))))));
    }

    private static void roundTrip(Component c) {
        byte[] bytes = ComponentEncoder.encode(c);
        assertEquals(c, ComponentDecoder.decode(bytes));
        ComponentRoundTripTest.assertRoundTrips(bytes);
    }
}
