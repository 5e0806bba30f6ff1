package dev.jwt.binary.custom;

import dev.jwt.binary.MalformedException;
import dev.jwt.binary.io.BinaryReader;
import dev.jwt.binary.io.BinaryWriter;
import dev.jwt.binary.module.Bytes;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code target_features} custom section (tool-conventions Linking.md): features the producer
 * used ({@code +}), must not be used ({@code -}) or required ({@code =}).
 */
public record TargetFeaturesSection(List<TargetFeature> features) {
    public static final String NAME = "target_features";

    public TargetFeaturesSection {
        features = List.copyOf(features);
    }

    /** {@code prefix} is '+', '-' or '='. */
    public record TargetFeature(char prefix, String name) {}

    public static TargetFeaturesSection decode(Bytes payload, long offset) throws MalformedException {
        BinaryReader r = new BinaryReader(payload, offset);
        int n = r.u32Count();
        List<TargetFeature> out = new ArrayList<>(Math.min(n, 64));
        for (int i = 0; i < n; i++) {
            long at = r.offset();
            int prefix = r.u8();
            if (prefix != '+' && prefix != '-' && prefix != '=') {
                throw new MalformedException("malformed target feature prefix", at);
            }
            out.add(new TargetFeature((char) prefix, r.name()));
        }
        if (!r.eof()) {
            throw new MalformedException("unexpected content in the target_features section", r.offset());
        }
        return new TargetFeaturesSection(out);
    }

    public Bytes encode() {
        BinaryWriter w = new BinaryWriter();
        w.u32(features.size());
        for (TargetFeature f : features) {
            w.u8(f.prefix());
            w.name(f.name());
        }
        return w.toBytes();
    }
}
