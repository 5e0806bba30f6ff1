package dev.jwt.run;

import dev.jwt.binary.WasmException;

/**
 * A wasm trap: execution stopped with one of the spec's trap messages ({@code unreachable},
 * {@code integer divide by zero}, {@code out of bounds memory access}, ...). The place is the
 * function the trap was raised in when it is known.
 */
public class Trap extends WasmException {
    private static final long serialVersionUID = 1L;

    public static final String UNREACHABLE = "unreachable";
    public static final String DIVIDE_BY_ZERO = "integer divide by zero";
    public static final String INTEGER_OVERFLOW = "integer overflow";
    public static final String INVALID_CONVERSION = "invalid conversion to integer";
    public static final String MEMORY_OUT_OF_BOUNDS = "out of bounds memory access";
    /**
     * An index beyond a table's size, for table accesses and call_indirect alike: the spec says
     * "out of bounds table access" for the former and "undefined element" for the latter; one
     * message with both, as wasmtime's, serves either.
     */
    public static final String TABLE_OUT_OF_BOUNDS = "undefined element: out of bounds table access";
    public static final String INDIRECT_TYPE_MISMATCH = "indirect call type mismatch";
    public static final String UNDEFINED_ELEMENT = TABLE_OUT_OF_BOUNDS;
    public static final String UNINITIALIZED_ELEMENT = "uninitialized element";
    public static final String NULL_REFERENCE = "null reference";

    public Trap(String message) {
        super(message);
    }

    public Trap(String message, Throwable cause) {
        super(message, cause);
    }

    @Override
    public Kind kind() {
        return Kind.TRAP;
    }

    @Override
    public String place() {
        return "";
    }

    /**
     * Throws the out-of-bounds trap; returns an int only so compiled code can use it where an
     * effective address is expected (an offset no 32-bit memory can reach).
     */
    public static int memoryOutOfBounds(int address) {
        throw new Trap(MEMORY_OUT_OF_BOUNDS);
    }

    /** The {@code unreachable} instruction. */
    public static Trap unreachable() {
        return new Trap(UNREACHABLE);
    }
}
