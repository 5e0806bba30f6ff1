package dev.jwt.binary.types;

import java.util.List;

public record StructType(List<FieldType> fields) implements CompositeType {
    public StructType {
        fields = List.copyOf(fields);
    }
}
