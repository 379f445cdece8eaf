package dev.etcdsop.runbooks;

import dev.etcdsop.runbooks.YamlNode.Entry;
import dev.etcdsop.runbooks.YamlNode.MapNode;
import dev.etcdsop.runbooks.YamlNode.Scalar;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Ansible's reading of a YAML inventory: groups (top-level keys and nested {@code children}, all under
 * {@code all}), their hosts, and variables with Ansible's precedence: host vars over group vars (a child group
 * over its parent, then by name) over {@code all.vars}. As in Ansible, a host's own vars are the host's wherever it
 * is listed, and a host listed in a group belongs to that group's ancestors too.
 */
final class AnsibleInventory {
    static final String ALL = "all";

    /** A variable and the line of its key, where an operator would fix it. */
    record Var(String name, YamlNode value, int line) {
    }

    record HostEntry(String host, int line, Map<String, Var> vars) {
    }

    /** {@code line} is where the group is first declared; {@code depth} 0 is {@code all}. */
    record Group(String name, int line, int depth, Set<String> parents, Map<String, HostEntry> hosts,
                 Map<String, Var> vars) {
    }

    private final Map<String, Group> groups = new LinkedHashMap<>();
    private final Problems problems;

    private AnsibleInventory(Problems problems) {
        this.problems = problems;
    }

    static AnsibleInventory read(YamlNode root, Problems problems) {
        AnsibleInventory inventory = new AnsibleInventory(problems);
        inventory.define(ALL, root.line(), 0, null, new MapNode(Map.of(), root.line()));
        if (root instanceof MapNode map) {
            for (Entry entry : map.entries().values()) {
                boolean all = entry.key().equals(ALL);
                inventory.define(entry.key(), entry.line(), all ? 0 : 1, all ? null : ALL, entry.value());
            }
        } else if (!(root instanceof Scalar s && s.kind() == Scalar.Kind.NULL)) {
            problems.add(root.line(), null, "the inventory must be a mapping of groups (as in Pigsty's pigsty.yml),"
                    + " found " + YamlNode.describe(root));
        }
        return inventory;
    }

    /** Groups in the order they first appear in the file, {@code all} first. */
    List<Group> groups() {
        return List.copyOf(groups.values());
    }

    /** The variables a group's hosts share: {@code all.vars}, then ancestors, then the group's own. */
    Map<String, Var> groupVars(Group group) {
        return merge(ancestorsAndSelf(Set.of(group.name())), Map.of());
    }

    /** A host's variables as Ansible resolves them. */
    Map<String, Var> hostVars(String host) {
        Set<String> direct = new LinkedHashSet<>();
        Map<String, Var> own = new LinkedHashMap<>();
        for (Group group : groups.values()) {
            HostEntry entry = group.hosts().get(host);
            if (entry != null) {
                direct.add(group.name());
                own.putAll(entry.vars());
            }
        }
        return merge(ancestorsAndSelf(direct), own);
    }

    private Map<String, Var> merge(Set<String> groupNames, Map<String, Var> hostOwn) {
        Map<String, Var> vars = new LinkedHashMap<>();
        groupNames.stream().map(groups::get)
                .sorted(Comparator.comparingInt(Group::depth).thenComparing(Group::name))
                .forEach(g -> vars.putAll(g.vars()));
        vars.putAll(hostOwn);
        return vars;
    }

    private Set<String> ancestorsAndSelf(Set<String> names) {
        Set<String> result = new LinkedHashSet<>(List.of(ALL));
        List<String> todo = new ArrayList<>(names);
        while (!todo.isEmpty()) {
            String name = todo.remove(todo.size() - 1);
            if (result.add(name) || name.equals(ALL)) {
                todo.addAll(groups.get(name).parents());
            }
        }
        return result;
    }

    /** A group may be declared in several places (Ansible merges them); so do we. */
    private void define(String name, int line, int depth, String parent, YamlNode body) {
        Group group = groups.computeIfAbsent(name, n -> new Group(n, line, depth, new LinkedHashSet<>(),
                new LinkedHashMap<>(), new LinkedHashMap<>()));
        if (depth > group.depth()) {
            group = new Group(name, group.line(), depth, group.parents(), group.hosts(), group.vars());
            groups.put(name, group);
        }
        if (parent != null) {
            group.parents().add(parent);
        }
        if (body instanceof Scalar s && s.kind() == Scalar.Kind.NULL) {
            return;
        }
        if (!(body instanceof MapNode map)) {
            problems.add(body.line(), name, "group '" + name + "' must be a mapping with hosts, vars or children,"
                    + " found " + YamlNode.describe(body));
            return;
        }
        for (Entry entry : map.entries().values()) {
            switch (entry.key()) {
                case "hosts" -> readHosts(group, entry);
                case "vars" -> group.vars().putAll(vars(entry));
                case "children" -> readChildren(name, depth, entry);
                default -> problems.add(entry.line(), entry.key(), "unknown key in group '" + name + "'"
                        + TypoHints.closest(entry.key(), List.of("hosts", "vars", "children"))
                                .map(k -> "; did you mean " + k + "?").orElse("; a group has hosts, vars, children"));
            }
        }
    }

    private void readHosts(Group group, Entry hostsEntry) {
        for (Entry host : entries(hostsEntry)) {
            Map<String, Var> vars = host.value() instanceof Scalar s && s.kind() == Scalar.Kind.NULL
                    ? Map.of() : vars(host);
            group.hosts().put(host.key(), new HostEntry(host.key(), host.line(), vars));
        }
    }

    private void readChildren(String parent, int parentDepth, Entry childrenEntry) {
        for (Entry child : entries(childrenEntry)) {
            define(child.key(), child.line(), parentDepth + 1, parent, child.value());
        }
    }

    private Map<String, Var> vars(Entry entry) {
        Map<String, Var> vars = new LinkedHashMap<>();
        for (Entry var : entries(entry)) {
            vars.put(var.key(), new Var(var.key(), var.value(), var.line()));
        }
        return vars;
    }

    private List<Entry> entries(Entry entry) {
        if (entry.value() instanceof MapNode map) {
            return List.copyOf(map.entries().values());
        }
        if (!(entry.value() instanceof Scalar s && s.kind() == Scalar.Kind.NULL)) {
            problems.add(entry.line(), entry.key(), "must be a mapping, found " + YamlNode.describe(entry.value()));
        }
        return List.of();
    }
}
