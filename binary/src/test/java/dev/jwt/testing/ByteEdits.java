package dev.jwt.testing;

/** The single-byte edits that mutation tests apply to a binary: overwrite, insert, delete. */
public final class ByteEdits {
    private ByteEdits() {}

    /**
     * {@code b} with one edit at {@code at}: kind 0 overwrites the byte with {@code value}, 1 inserts
     * {@code value} before it, any other kind deletes it. The input array is never changed.
     */
    public static byte[] edit(byte[] b, int at, int value, int kind) {
        switch (kind) {
            case 0 -> {
                byte[] c = b.clone();
                c[at] = (byte) value;
                return c;
            }
            case 1 -> {
                byte[] c = new byte[b.length + 1];
                System.arraycopy(b, 0, c, 0, at);
                c[at] = (byte) value;
                System.arraycopy(b, at, c, at + 1, b.length - at);
                return c;
            }
            default -> {
                byte[] c = new byte[b.length - 1];
                System.arraycopy(b, 0, c, 0, at);
                System.arraycopy(b, at + 1, c, at, b.length - at - 1);
                return c;
            }
        }
    }
}
