package dev.jwt.run;

import dev.jwt.binary.module.Export;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A module instance. Each compiled module has its own subclass (generated), whose typed fields
 * compiled code reads; the public fields here are the runtime's view, filled at instantiation and
 * copied into those fields by {@link #link()}.
 *
 * <p>Java callers use {@link #export}, {@link #function(String)} and {@link #call}.
 */
public abstract class Instance {
    /** For compiled code and the runtime: the instance's index spaces. */
    public Memory[] memories;
    public Table[] tables;
    public Global[] globals;
    public Tag[] tags;
    /**
     * The fuel compiled code of a metered engine takes one unit of at each function entry and loop
     * head; below zero it calls {@link #refuel}. Handed out in chunks so that a timeout is checked
     * now and then without a clock read per unit.
     */
    public long fuel;
    /** Fuel beyond {@link #fuel}, or -1 for unlimited. */
    long fuelReserve = -1;
    /** The {@link System#nanoTime} after which the instance traps, when {@link #timed}. */
    long deadline;
    boolean timed;
    private static final long FUEL_CHUNK = 1 << 16;
    /** The run-time types of the module's types, by type index (see {@link dev.jwt.run.gc.GcType}). */
    public dev.jwt.run.gc.GcType[] gcTypes;
    /** Functions by index; defined ones are made on first use (see {@link #function(int)}). */
    public WasmFunction[] functions;
    /** Element and data segments by index; a dropped segment is an empty array. */
    public Object[][] elementSegments;
    public byte[][] dataSegments;

    CompiledModule module;
    private final Map<String, Object> exports = new LinkedHashMap<>();

    protected Instance() {}

    /** Copies the public arrays into the generated subclass's typed fields. */
    protected abstract void link();

    public CompiledModule module() {
        return module;
    }

    /** Sets up the metering of a metered engine's instance (see {@link Engine#withFuel}, {@link Engine#withTimeout}). */
    void meter(Engine engine) {
        fuelReserve = engine.fuel();
        timed = engine.timeoutNanos() >= 0;
        deadline = System.nanoTime() + engine.timeoutNanos();
        fuel = 0;
        if (fuelReserve >= 0) {
            fuel = Math.min(fuelReserve, FUEL_CHUNK);
            fuelReserve -= fuel;
        } else {
            fuel = FUEL_CHUNK;
        }
    }

    /** Called by compiled code when {@link #fuel} runs out: traps, or grants the next chunk. */
    public void refuel() {
        if (timed && System.nanoTime() - deadline >= 0) {
            fuel = 0;
            throw new Trap("interrupt: the time limit was reached");
        }
        if (fuelReserve == 0) {
            fuel = 0;
            throw new Trap("all fuel consumed by WebAssembly");
        }
        long chunk = fuelReserve < 0 ? FUEL_CHUNK : Math.min(fuelReserve, FUEL_CHUNK);
        if (fuelReserve > 0) {
            fuelReserve -= chunk;
        }
        fuel = chunk - 1;
    }

    /** The function at {@code index} of the function index space, as a value (ref.func). */
    public WasmFunction function(int index) {
        WasmFunction f = functions[index];
        if (f == null) {
            synchronized (this) {
                f = functions[index];
                if (f == null) {
                    MethodHandle h = module.functionHandle(index, false);
                    h = MethodHandles.insertArguments(h, h.type().parameterCount() - 1, this);
                    if (module.makesTailCalls(index)) {
                        MethodHandle body = module.functionHandle(index, true);
                        body = MethodHandles.insertArguments(body, body.type().parameterCount() - 1, this);
                        f = WasmFunction.tailCalling(module.functionType(index), module.functionTypeId(index), h, body);
                    } else {
                        f = WasmFunction.defined(module.functionType(index), module.functionTypeId(index), h);
                    }
                    functions[index] = f;
                }
            }
        }
        return f;
    }

    void exportAll() {
        for (Export e : module.module().exports()) {
            Object value = switch (e.kind()) {
                case FUNC -> function(e.index());
                case TABLE -> tables[e.index()];
                case MEMORY -> memories[e.index()];
                case GLOBAL -> globals[e.index()];
                case TAG -> tags[e.index()];
                default -> null;
            };
            if (value != null) {
                exports.put(e.name(), value);
            }
        }
    }

    /** The exports by name: {@link WasmFunction}, {@link Memory}, {@link Table} or {@link Global}. */
    public Map<String, Object> exports() {
        return java.util.Collections.unmodifiableMap(exports);
    }

    /** The export {@code name}, or null. */
    public Object export(String name) {
        return exports.get(name);
    }

    public WasmFunction function(String name) {
        return exports.get(name) instanceof WasmFunction f ? f : null;
    }

    public Memory memory(String name) {
        return exports.get(name) instanceof Memory m ? m : null;
    }

    public Global global(String name) {
        return exports.get(name) instanceof Global g ? g : null;
    }

    public Tag tag(String name) {
        return exports.get(name) instanceof Tag t ? t : null;
    }

    public Table table(String name) {
        return exports.get(name) instanceof Table t ? t : null;
    }

    /** Calls the exported function {@code name} with boxed arguments; see {@link WasmFunction#call}. */
    public Object[] call(String name, Object... args) {
        WasmFunction f = function(name);
        if (f == null) {
            throw new IllegalArgumentException("no exported function named " + name);
        }
        return f.call(args);
    }
}
