package dev.jwt.run.wast;

import dev.jwt.binary.types.FuncType;
import dev.jwt.binary.types.GlobalType;
import dev.jwt.binary.types.Limits;
import dev.jwt.binary.types.MemoryType;
import dev.jwt.binary.types.NumType;
import dev.jwt.binary.types.RefType;
import dev.jwt.binary.types.TableType;
import dev.jwt.binary.types.ValType;
import dev.jwt.run.Global;
import dev.jwt.run.Linker;
import dev.jwt.run.Memory;
import dev.jwt.run.Table;
import java.io.PrintStream;
import java.util.List;
import java.util.OptionalLong;

/**
 * The {@code spectest} host module the spec scripts import from: print functions, four globals
 * of value 666, a table and a memory (as the reference interpreter defines them).
 */
public final class Spectest {
    private Spectest() {}

    public static void define(Linker linker, PrintStream out) {
        print(linker, out, "print");
        print(linker, out, "print_i32", NumType.I32);
        print(linker, out, "print_i64", NumType.I64);
        print(linker, out, "print_f32", NumType.F32);
        print(linker, out, "print_f64", NumType.F64);
        print(linker, out, "print_i32_f32", NumType.I32, NumType.F32);
        print(linker, out, "print_f64_f64", NumType.F64, NumType.F64);
        linker.define("spectest", "global_i32", new Global(new GlobalType(NumType.I32, false), 666));
        linker.define("spectest", "global_i64", new Global(new GlobalType(NumType.I64, false), 666L));
        linker.define("spectest", "global_f32", new Global(new GlobalType(NumType.F32, false), 666.6f));
        linker.define("spectest", "global_f64", new Global(new GlobalType(NumType.F64, false), 666.6));
        linker.define("spectest", "table", new Table(new TableType(RefType.FUNCREF,
                new Limits(10, OptionalLong.of(20), false, false, -1)), null));
        linker.define("spectest", "table64", new Table(new TableType(RefType.FUNCREF,
                new Limits(10, OptionalLong.of(20), true, false, -1)), null));
        linker.define("spectest", "memory", new Memory(new MemoryType(
                new Limits(1, OptionalLong.of(2), false, false, -1)), Memory.MAX_PAGES));
        linker.define("spectest", "shared_memory", new Memory(new MemoryType(
                new Limits(1, OptionalLong.of(2), false, true, -1)), Memory.MAX_PAGES));
    }

    private static void print(Linker linker, PrintStream out, String name, ValType... params) {
        linker.define("spectest", name, new FuncType(List.of(params), List.of()), args -> {
            if (out != null) {
                StringBuilder sb = new StringBuilder();
                for (Object a : args) {
                    sb.append(sb.length() == 0 ? "" : " ").append(a);
                }
                out.println(sb);
            }
            return null;
        });
    }
}
