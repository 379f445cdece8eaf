package dev.etcdsop.runbooks;

/**
 * One thing wrong in an operator's file, located so it can be fixed without searching:
 * {@code inventory.yml:12: field etcd_seq: ...}. {@code field} is null for errors that are not about one field
 * (malformed YAML); {@code line} is 0 for problems with the whole file (not found).
 */
public record Problem(String file, int line, String field, String message) {
    @Override
    public String toString() {
        return file + (line > 0 ? ":" + line : "") + ": " + (field == null ? "" : "field " + field + ": ") + message;
    }
}
