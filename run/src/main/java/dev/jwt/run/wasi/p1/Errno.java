package dev.jwt.run.wasi.p1;

/** WASI preview1 error numbers (witx {@code errno}), by their witx names. */
public final class Errno {
    private Errno() {}

    public static final int SUCCESS = 0;
    public static final int ACCES = 2;
    public static final int AGAIN = 6;
    public static final int BADF = 8;
    public static final int EXIST = 20;
    public static final int FAULT = 21;
    public static final int FBIG = 22;
    public static final int INVAL = 28;
    public static final int IO = 29;
    public static final int ISDIR = 31;
    public static final int LOOP = 32;
    public static final int NAMETOOLONG = 37;
    public static final int NOENT = 44;
    public static final int NOMEM = 48;
    public static final int NOSPC = 51;
    public static final int NOSYS = 52;
    public static final int NOTDIR = 54;
    public static final int NOTEMPTY = 55;
    public static final int NOTSOCK = 57;
    public static final int NOTSUP = 58;
    public static final int NOTTY = 59;
    public static final int OVERFLOW = 61;
    public static final int PERM = 63;
    public static final int PIPE = 64;
    public static final int SPIPE = 70;
    public static final int XDEV = 75;
    public static final int NOTCAPABLE = 76;
}
