package dev.jwt.binary.custom;

import dev.jwt.binary.MalformedException;
import dev.jwt.binary.io.BinaryReader;
import dev.jwt.binary.io.BinaryWriter;
import dev.jwt.binary.module.Bytes;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code producers} custom section (tool-conventions ProducersSection.md): fields such as
 * {@code language}, {@code processed-by} and {@code sdk}, each a list of (name, version) pairs.
 */
public record ProducersSection(List<Field> fields) {
    public static final String NAME = "producers";

    public ProducersSection {
        fields = List.copyOf(fields);
    }

    public record Field(String name, List<Value> values) {
        public Field {
            values = List.copyOf(values);
        }
    }

    public record Value(String name, String version) {}

    /** Decodes the section's payload, which starts at {@code offset} in the binary. */
    public static ProducersSection decode(Bytes payload, long offset) throws MalformedException {
        BinaryReader r = new BinaryReader(payload, offset);
        int n = r.u32Count();
        List<Field> fields = new ArrayList<>(Math.min(n, 16));
        for (int i = 0; i < n; i++) {
            String name = r.name();
            int m = r.u32Count();
            List<Value> values = new ArrayList<>(Math.min(m, 16));
            for (int j = 0; j < m; j++) {
                String value = r.name();
                values.add(new Value(value, r.name()));
            }
            fields.add(new Field(name, values));
        }
        if (!r.eof()) {
            throw new MalformedException("unexpected content in the producers section", r.offset());
        }
        return new ProducersSection(fields);
    }

    public Bytes encode() {
        BinaryWriter w = new BinaryWriter();
        w.u32(fields.size());
        for (Field f : fields) {
            w.name(f.name());
            w.u32(f.values().size());
            for (Value v : f.values()) {
                w.name(v.name());
                w.name(v.version());
            }
        }
        return w.toBytes();
    }
}
