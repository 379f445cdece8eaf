package dev.etcdsop.runbooks;

import java.nio.file.Path;
import java.util.Collection;
import java.util.Map;

/**
 * The operator's control directory the worker reads, as Ansible reads its inventory on the control node:
 * {@code RUNBOOKS_DIR} (default {@code ./runbooks}) holding {@code inventory.yml} and {@code policies.yml}.
 */
public record RunbooksDir(Path dir) {
    public static final String ENV = "RUNBOOKS_DIR";

    public static RunbooksDir fromEnvironment() {
        return fromEnvironment(System.getenv());
    }

    public static RunbooksDir fromEnvironment(Map<String, String> env) {
        String dir = env.get(ENV);
        return new RunbooksDir(Path.of(dir == null || dir.isBlank() ? "runbooks" : dir).toAbsolutePath().normalize());
    }

    public Path inventoryFile() {
        return dir.resolve("inventory.yml");
    }

    public Path policiesFile() {
        return dir.resolve("policies.yml");
    }

    public Inventory loadInventory() {
        return InventoryLoader.load(inventoryFile());
    }

    public Policies loadPolicies(Collection<String> knownSops) {
        return PolicyLoader.load(policiesFile(), knownSops);
    }
}
