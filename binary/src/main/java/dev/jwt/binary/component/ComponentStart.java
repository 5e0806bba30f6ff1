package dev.jwt.binary.component;

import java.util.List;

/** {@code start} 🪙: {@code (start f (value arg)* (result (value))^r)}. */
public record ComponentStart(int funcIndex, List<Integer> args, int results) {
    public ComponentStart {
        args = List.copyOf(args);
    }
}
