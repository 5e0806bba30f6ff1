package dev.jwt.wit.resolve;

import dev.jwt.wit.WitException;
import dev.jwt.wit.parse.Ast;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Orders named items so each comes after what it depends on, as wit-parser does: depth first in
 * declaration order. Errors name a missing dependency or, for a cycle, the first edge into it.
 */
final class Toposort {
    private Toposort() {}

    static List<String> sort(String kind, Map<String, List<Ast.Id>> deps) {
        for (List<Ast.Id> edges : deps.values()) {
            for (Ast.Id e : edges) {
                if (!deps.containsKey(e.name())) {
                    throw WitException.at(e.span(), kind + " `" + e.name() + "` does not exist");
                }
            }
        }
        checkCycles(kind, deps);
        List<String> order = new ArrayList<>();
        Set<String> done = new HashSet<>();
        for (String name : deps.keySet()) {
            visit(name, deps, done, order);
        }
        return order;
    }

    private static void visit(String name, Map<String, List<Ast.Id>> deps, Set<String> done, List<String> order) {
        if (!done.add(name)) {
            return;
        }
        for (Ast.Id e : deps.get(name)) {
            visit(e.name(), deps, done, order);
        }
        order.add(name);
    }

    /** Kahn's algorithm; whatever keeps outbound edges is on or behind a cycle. */
    private static void checkCycles(String kind, Map<String, List<Ast.Id>> deps) {
        Map<String, Integer> remaining = new LinkedHashMap<>();
        Map<String, List<String>> reverse = new LinkedHashMap<>();
        for (Map.Entry<String, List<Ast.Id>> e : deps.entrySet()) {
            remaining.put(e.getKey(), e.getValue().size());
            for (Ast.Id d : e.getValue()) {
                reverse.computeIfAbsent(d.name(), k -> new ArrayList<>()).add(e.getKey());
            }
        }
        List<String> stack = new ArrayList<>();
        remaining.forEach((k, v) -> {
            if (v == 0) {
                stack.add(k);
            }
        });
        int processed = 0;
        while (!stack.isEmpty()) {
            String n = stack.remove(stack.size() - 1);
            processed++;
            for (String r : reverse.getOrDefault(n, List.of())) {
                int left = remaining.get(r) - 1;
                remaining.put(r, left);
                if (left == 0) {
                    stack.add(r);
                }
            }
        }
        if (processed == deps.size()) {
            return;
        }
        for (Map.Entry<String, List<Ast.Id>> e : deps.entrySet()) {
            if (remaining.get(e.getKey()) == 0) {
                continue;
            }
            for (Ast.Id d : e.getValue()) {
                if (remaining.get(d.name()) != 0) {
                    throw WitException.at(d.span(), kind + " `" + d.name() + "` depends on itself");
                }
            }
        }
    }
}
