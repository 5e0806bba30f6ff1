package dev.jwt.binary.component;

import dev.jwt.binary.types.ValType;
import java.util.List;
import java.util.Optional;

/**
 * {@code canon}: a canonical definition. {@code lift} defines a component function; every other
 * one defines a core function (a built-in). One record per production of Binary.md; each names its
 * {@link Kind}, which holds the opcode and the text name in one place.
 */
public sealed interface Canon {
    /** Which canonical definition this is. */
    Kind kind();

    /** Every canonical definition: its leading byte and its text name. */
    enum Kind {
        LIFT(0x00, "lift"),
        LOWER(0x01, "lower"),
        RESOURCE_NEW(0x02, "resource.new"),
        RESOURCE_DROP(0x03, "resource.drop"),
        RESOURCE_REP(0x04, "resource.rep"),
        BACKPRESSURE_INC(0x24, "backpressure.inc"),
        BACKPRESSURE_DEC(0x25, "backpressure.dec"),
        TASK_RETURN(0x09, "task.return"),
        TASK_CANCEL(0x05, "task.cancel"),
        CONTEXT_GET(0x0a, "context.get"),
        CONTEXT_SET(0x0b, "context.set"),
        SUBTASK_CANCEL(0x06, "subtask.cancel"),
        SUBTASK_DROP(0x0d, "subtask.drop"),
        STREAM_NEW(0x0e, "stream.new"),
        STREAM_READ(0x0f, "stream.read"),
        STREAM_WRITE(0x10, "stream.write"),
        STREAM_CANCEL_READ(0x11, "stream.cancel-read"),
        STREAM_CANCEL_WRITE(0x12, "stream.cancel-write"),
        STREAM_DROP_READABLE(0x13, "stream.drop-readable"),
        STREAM_DROP_WRITABLE(0x14, "stream.drop-writable"),
        FUTURE_NEW(0x15, "future.new"),
        FUTURE_READ(0x16, "future.read"),
        FUTURE_WRITE(0x17, "future.write"),
        FUTURE_CANCEL_READ(0x18, "future.cancel-read"),
        FUTURE_CANCEL_WRITE(0x19, "future.cancel-write"),
        FUTURE_DROP_READABLE(0x1a, "future.drop-readable"),
        FUTURE_DROP_WRITABLE(0x1b, "future.drop-writable"),
        ERROR_CONTEXT_NEW(0x1c, "error-context.new"),
        ERROR_CONTEXT_DEBUG_MESSAGE(0x1d, "error-context.debug-message"),
        ERROR_CONTEXT_DROP(0x1e, "error-context.drop"),
        WAITABLE_SET_NEW(0x1f, "waitable-set.new"),
        WAITABLE_SET_WAIT(0x20, "waitable-set.wait"),
        WAITABLE_SET_POLL(0x21, "waitable-set.poll"),
        WAITABLE_SET_DROP(0x22, "waitable-set.drop"),
        WAITABLE_JOIN(0x23, "waitable.join"),
        THREAD_INDEX(0x26, "thread.index"),
        THREAD_NEW_INDIRECT(0x27, "thread.new-indirect"),
        THREAD_RESUME_LATER(0x28, "thread.resume-later"),
        THREAD_SUSPEND(0x29, "thread.suspend"),
        THREAD_YIELD(0x0c, "thread.yield"),
        THREAD_SUSPEND_THEN_RESUME(0x2a, "thread.suspend-then-resume"),
        THREAD_YIELD_THEN_RESUME(0x2b, "thread.yield-then-resume"),
        THREAD_SUSPEND_THEN_PROMOTE(0x2c, "thread.suspend-then-promote"),
        THREAD_YIELD_THEN_PROMOTE(0x2d, "thread.yield-then-promote"),
        THREAD_SPAWN_REF(0x40, "thread.spawn-ref"),
        THREAD_SPAWN_INDIRECT(0x41, "thread.spawn-indirect"),
        // wasm-tools spells this one with an underscore (the explainer: thread.available-parallelism).
        THREAD_AVAILABLE_PARALLELISM(0x42, "thread.available_parallelism");

        private final int code;
        private final String text;

        Kind(int code, String text) {
            this.code = code;
            this.text = text;
        }

        /** The leading byte. */
        public int code() {
            return code;
        }

        /** The text format's name, e.g. {@code "stream.cancel-read"}. */
        public String text() {
            return text;
        }

        /** The kind with this leading byte, or null. */
        public static Kind byCode(int code) {
            for (Kind k : values()) {
                if (k.code == code) {
                    return k;
                }
            }
            return null;
        }
    }

    /** {@code 0x00 0x00 f opts ft}: {@code (canon lift f opts (type ft))} */
    record Lift(int coreFuncIndex, List<CanonOption> options, int typeIndex) implements Canon {
        public Lift {
            options = List.copyOf(options);
        }

        public Kind kind() { return Kind.LIFT; }
    }

    /** {@code 0x01 0x00 f opts}: {@code (canon lower f opts (core func))} */
    record Lower(int funcIndex, List<CanonOption> options) implements Canon {
        public Lower {
            options = List.copyOf(options);
        }

        public Kind kind() { return Kind.LOWER; }
    }

    /** {@code 0x02}: {@code canon resource.new}. */
    record ResourceNew(int typeIndex) implements Canon {
        public Kind kind() { return Kind.RESOURCE_NEW; }
    }

    /** {@code 0x03}: {@code canon resource.drop}. */
    record ResourceDrop(int typeIndex) implements Canon {
        public Kind kind() { return Kind.RESOURCE_DROP; }
    }

    /** {@code 0x04}: {@code canon resource.rep}. */
    record ResourceRep(int typeIndex) implements Canon {
        public Kind kind() { return Kind.RESOURCE_REP; }
    }

    /** 🔀 {@code 0x24}: {@code canon backpressure.inc}. */
    record BackpressureInc() implements Canon {
        public Kind kind() { return Kind.BACKPRESSURE_INC; }
    }

    /** 🔀 {@code 0x25}: {@code canon backpressure.dec}. */
    record BackpressureDec() implements Canon {
        public Kind kind() { return Kind.BACKPRESSURE_DEC; }
    }

    /** 🔀 {@code 0x09 rs opts}: {@code result} from a {@code resultlist} */
    record TaskReturn(Optional<ComponentValType> result, List<CanonOption> options) implements Canon {
        public TaskReturn {
            options = List.copyOf(options);
        }

        public Kind kind() { return Kind.TASK_RETURN; }
    }

    /** 🔀 {@code 0x05}: {@code canon task.cancel}. */
    record TaskCancel() implements Canon {
        public Kind kind() { return Kind.TASK_CANCEL; }
    }

    /** 🔀 {@code type} is i32 (or i64 with 64-bit components) {@code 0x0a}: {@code canon context.get}. */
    record ContextGet(ValType type, int slot) implements Canon {
        public Kind kind() { return Kind.CONTEXT_GET; }
    }

    /** 🔀 {@code 0x0b}: {@code canon context.set}. */
    record ContextSet(ValType type, int slot) implements Canon {
        public Kind kind() { return Kind.CONTEXT_SET; }
    }

    /** 🔀 {@code 0x06}: {@code canon subtask.cancel}. */
    record SubtaskCancel(boolean async) implements Canon {
        public Kind kind() { return Kind.SUBTASK_CANCEL; }
    }

    /** 🔀 {@code 0x0d}: {@code canon subtask.drop}. */
    record SubtaskDrop() implements Canon {
        public Kind kind() { return Kind.SUBTASK_DROP; }
    }

    /** 🔀 {@code 0x0e}: {@code canon stream.new}. */
    record StreamNew(int typeIndex) implements Canon {
        public Kind kind() { return Kind.STREAM_NEW; }
    }

    /** 🔀 {@code 0x0f}: {@code canon stream.read}. */
    record StreamRead(int typeIndex, List<CanonOption> options) implements Canon {
        public StreamRead {
            options = List.copyOf(options);
        }

        public Kind kind() { return Kind.STREAM_READ; }
    }

    /** 🔀 {@code 0x10}: {@code canon stream.write}. */
    record StreamWrite(int typeIndex, List<CanonOption> options) implements Canon {
        public StreamWrite {
            options = List.copyOf(options);
        }

        public Kind kind() { return Kind.STREAM_WRITE; }
    }

    /** 🔀 {@code 0x11}: {@code canon stream.cancel-read}. */
    record StreamCancelRead(int typeIndex, boolean async) implements Canon {
        public Kind kind() { return Kind.STREAM_CANCEL_READ; }
    }

    /** 🔀 {@code 0x12}: {@code canon stream.cancel-write}. */
    record StreamCancelWrite(int typeIndex, boolean async) implements Canon {
        public Kind kind() { return Kind.STREAM_CANCEL_WRITE; }
    }

    /** 🔀 {@code 0x13}: {@code canon stream.drop-readable}. */
    record StreamDropReadable(int typeIndex) implements Canon {
        public Kind kind() { return Kind.STREAM_DROP_READABLE; }
    }

    /** 🔀 {@code 0x14}: {@code canon stream.drop-writable}. */
    record StreamDropWritable(int typeIndex) implements Canon {
        public Kind kind() { return Kind.STREAM_DROP_WRITABLE; }
    }

    /** 🔀 {@code 0x15}: {@code canon future.new}. */
    record FutureNew(int typeIndex) implements Canon {
        public Kind kind() { return Kind.FUTURE_NEW; }
    }

    /** 🔀 {@code 0x16}: {@code canon future.read}. */
    record FutureRead(int typeIndex, List<CanonOption> options) implements Canon {
        public FutureRead {
            options = List.copyOf(options);
        }

        public Kind kind() { return Kind.FUTURE_READ; }
    }

    /** 🔀 {@code 0x17}: {@code canon future.write}. */
    record FutureWrite(int typeIndex, List<CanonOption> options) implements Canon {
        public FutureWrite {
            options = List.copyOf(options);
        }

        public Kind kind() { return Kind.FUTURE_WRITE; }
    }

    /** 🔀 {@code 0x18}: {@code canon future.cancel-read}. */
    record FutureCancelRead(int typeIndex, boolean async) implements Canon {
        public Kind kind() { return Kind.FUTURE_CANCEL_READ; }
    }

    /** 🔀 {@code 0x19}: {@code canon future.cancel-write}. */
    record FutureCancelWrite(int typeIndex, boolean async) implements Canon {
        public Kind kind() { return Kind.FUTURE_CANCEL_WRITE; }
    }

    /** 🔀 {@code 0x1a}: {@code canon future.drop-readable}. */
    record FutureDropReadable(int typeIndex) implements Canon {
        public Kind kind() { return Kind.FUTURE_DROP_READABLE; }
    }

    /** 🔀 {@code 0x1b}: {@code canon future.drop-writable}. */
    record FutureDropWritable(int typeIndex) implements Canon {
        public Kind kind() { return Kind.FUTURE_DROP_WRITABLE; }
    }

    /** 📝 {@code 0x1c}: {@code canon error-context.new}. */
    record ErrorContextNew(List<CanonOption> options) implements Canon {
        public ErrorContextNew {
            options = List.copyOf(options);
        }

        public Kind kind() { return Kind.ERROR_CONTEXT_NEW; }
    }

    /** 📝 {@code 0x1d}: {@code canon error-context.debug-message}. */
    record ErrorContextDebugMessage(List<CanonOption> options) implements Canon {
        public ErrorContextDebugMessage {
            options = List.copyOf(options);
        }

        public Kind kind() { return Kind.ERROR_CONTEXT_DEBUG_MESSAGE; }
    }

    /** 📝 {@code 0x1e}: {@code canon error-context.drop}. */
    record ErrorContextDrop() implements Canon {
        public Kind kind() { return Kind.ERROR_CONTEXT_DROP; }
    }

    /** 🔀 {@code 0x1f}: {@code canon waitable-set.new}. */
    record WaitableSetNew() implements Canon {
        public Kind kind() { return Kind.WAITABLE_SET_NEW; }
    }

    /** 🔀 {@code 0x20}: {@code canon waitable-set.wait}. */
    record WaitableSetWait(boolean cancellable, int memoryIndex) implements Canon {
        public Kind kind() { return Kind.WAITABLE_SET_WAIT; }
    }

    /** 🔀 {@code 0x21}: {@code canon waitable-set.poll}. */
    record WaitableSetPoll(boolean cancellable, int memoryIndex) implements Canon {
        public Kind kind() { return Kind.WAITABLE_SET_POLL; }
    }

    /** 🔀 {@code 0x22}: {@code canon waitable-set.drop}. */
    record WaitableSetDrop() implements Canon {
        public Kind kind() { return Kind.WAITABLE_SET_DROP; }
    }

    /** 🔀 {@code 0x23}: {@code canon waitable.join}. */
    record WaitableJoin() implements Canon {
        public Kind kind() { return Kind.WAITABLE_JOIN; }
    }

    /** 🧵 {@code 0x26}: {@code canon thread.index}. */
    record ThreadIndex() implements Canon {
        public Kind kind() { return Kind.THREAD_INDEX; }
    }

    /** 🧵 {@code 0x27}: {@code canon thread.new-indirect}. */
    record ThreadNewIndirect(int coreTypeIndex, int tableIndex) implements Canon {
        public Kind kind() { return Kind.THREAD_NEW_INDIRECT; }
    }

    /** 🧵 {@code 0x28}: {@code canon thread.resume-later}. */
    record ThreadResumeLater() implements Canon {
        public Kind kind() { return Kind.THREAD_RESUME_LATER; }
    }

    /** 🧵 {@code 0x29}: {@code canon thread.suspend}. */
    record ThreadSuspend(boolean cancellable) implements Canon {
        public Kind kind() { return Kind.THREAD_SUSPEND; }
    }

    /** 🔀 {@code 0x0c}: {@code canon thread.yield}. */
    record ThreadYield(boolean cancellable) implements Canon {
        public Kind kind() { return Kind.THREAD_YIELD; }
    }

    /** 🧵 {@code 0x2a}: {@code canon thread.suspend-then-resume}. */
    record ThreadSuspendThenResume(boolean cancellable) implements Canon {
        public Kind kind() { return Kind.THREAD_SUSPEND_THEN_RESUME; }
    }

    /** 🧵 {@code 0x2b}: {@code canon thread.yield-then-resume}. */
    record ThreadYieldThenResume(boolean cancellable) implements Canon {
        public Kind kind() { return Kind.THREAD_YIELD_THEN_RESUME; }
    }

    /** 🧵 {@code 0x2c}: {@code canon thread.suspend-then-promote}. */
    record ThreadSuspendThenPromote(boolean cancellable) implements Canon {
        public Kind kind() { return Kind.THREAD_SUSPEND_THEN_PROMOTE; }
    }

    /** 🧵 {@code 0x2d}: {@code canon thread.yield-then-promote}. */
    record ThreadYieldThenPromote(boolean cancellable) implements Canon {
        public Kind kind() { return Kind.THREAD_YIELD_THEN_PROMOTE; }
    }

    /**
     * 🧵② {@code 0x40}: {@code canon thread.spawn-ref}. The spec puts a {@code sh?} byte first; wasm-tools
     * 1.257 writes and reads none, so {@code shared} is false when decoded and the encoder refuses true.
     */
    record ThreadSpawnRef(boolean shared, int coreTypeIndex) implements Canon {
        public Kind kind() { return Kind.THREAD_SPAWN_REF; }
    }

    /**
     * 🧵② {@code 0x41}: {@code canon thread.spawn-indirect}. The spec puts a {@code sh?} byte first; wasm-tools
     * 1.257 writes and reads none, so {@code shared} is false when decoded and the encoder refuses true.
     */
    record ThreadSpawnIndirect(boolean shared, int coreTypeIndex, int tableIndex) implements Canon {
        public Kind kind() { return Kind.THREAD_SPAWN_INDIRECT; }
    }

    /**
     * 🧵② {@code 0x42}: {@code canon thread.available-parallelism}. The spec puts a {@code sh?} byte first; wasm-tools
     * 1.257 writes and reads none, so {@code shared} is false when decoded and the encoder refuses true.
     */
    record ThreadAvailableParallelism(boolean shared) implements Canon {
        public Kind kind() { return Kind.THREAD_AVAILABLE_PARALLELISM; }
    }
}
