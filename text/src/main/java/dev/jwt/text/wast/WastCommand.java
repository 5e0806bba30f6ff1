package dev.jwt.text.wast;

import java.util.List;

/**
 * One command of a {@code .wast} script, with its place (1-based line and column). As in
 * wasm-tools, an assertion's place is that of the module or action it checks, where failures are
 * reported.
 */
public sealed interface WastCommand {
    int line();

    int column();

    /** An action: {@code (invoke $m? "name" arg*)} or {@code (get $m? "name")}. */
    sealed interface Action {
        String moduleId();

        String name();
    }

    record Invoke(String moduleId, String name, List<WastValue> args) implements Action {
        public Invoke {
            args = List.copyOf(args);
        }
    }

    record Get(String moduleId, String name) implements Action {}

    /**
     * {@code (module $id? ...)}: define and instantiate; with {@code definition}, define only.
     * {@code source} is a {@link ModuleSource.Component} for {@code (component ...)}.
     */
    record ModuleCommand(int line, int column, String id, boolean definition, ModuleSource source)
            implements WastCommand {}

    /** {@code (module instance $instance? $module?)} (or {@code component instance}). */
    record InstanceCommand(int line, int column, String instanceId, String moduleId, boolean component)
            implements WastCommand {}

    record Register(int line, int column, String name, String moduleId) implements WastCommand {}

    record ActionCommand(int line, int column, Action action) implements WastCommand {}

    record AssertReturn(int line, int column, Action action, List<WastValue> expected) implements WastCommand {
        public AssertReturn {
            expected = List.copyOf(expected);
        }
    }

    record AssertTrap(int line, int column, Action action, String message) implements WastCommand {}

    /** {@code (assert_trap (module ...) "msg")}: instantiation traps (wasm-tools: assert_uninstantiable). */
    record AssertUninstantiable(int line, int column, ModuleSource module, String message) implements WastCommand {}

    record AssertExhaustion(int line, int column, Action action, String message) implements WastCommand {}

    record AssertException(int line, int column, Action action) implements WastCommand {}

    record AssertSuspension(int line, int column, Action action, String message) implements WastCommand {}

    /** {@code assert_invalid}; {@code custom} for {@code assert_invalid_custom} (annotation errors). */
    record AssertInvalid(int line, int column, ModuleSource module, String message, boolean custom)
            implements WastCommand {}

    /** {@code assert_malformed}; {@code custom} for {@code assert_malformed_custom} (annotation errors). */
    record AssertMalformed(int line, int column, ModuleSource module, String message, boolean custom)
            implements WastCommand {}

    record AssertUnlinkable(int line, int column, ModuleSource module, String message) implements WastCommand {}

    /** {@code (thread $t (shared (module $m))* command*)}. */
    record Thread(int line, int column, String id, List<String> sharedModules, List<WastCommand> commands)
            implements WastCommand {
        public Thread {
            sharedModules = List.copyOf(sharedModules);
            commands = List.copyOf(commands);
        }
    }

    record Wait(int line, int column, String threadId) implements WastCommand {}
}
