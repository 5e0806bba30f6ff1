package dev.jwt.cli;

import java.util.ArrayList;
import java.util.List;

/**
 * The training run of the {@code jwt} launcher's class-data archive, not a command: runs several
 * command lines in one JVM (separated by {@code --}), so that the archive dumped at exit holds the
 * classes of each, e.g. both the text/print path and the compile-and-run path of {@code jwt run}.
 */
public final class CdsTraining {
    private CdsTraining() {}

    public static void main(String[] args) {
        List<String> command = new ArrayList<>();
        for (String a : args) {
            if (a.equals("--")) {
                Jwt.execute(command.toArray(new String[0]));
                command.clear();
            } else {
                command.add(a);
            }
        }
        if (!command.isEmpty()) {
            Jwt.execute(command.toArray(new String[0]));
        }
    }
}
