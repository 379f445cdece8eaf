package dev.etcdsop.workflows.cluster;

import dev.etcdsop.runbooks.Connection;
import dev.etcdsop.workflows.activities.FileEdit;

/**
 * One file ReloadConfig brings in line with the inventory: edited on the node's side ({@code edit}), or written whole
 * from a rendering that holds no secret ({@code content}, with {@code edit} null).
 */
public record ConfigFile(String name, Connection node, String path, FileEdit edit, String content) {
    static ConfigFile edited(String name, Connection node, FileEdit edit) {
        return new ConfigFile(name, node, edit.path(), edit, null);
    }

    static ConfigFile written(String name, Connection node, String path, String content) {
        return new ConfigFile(name, node, path, null, content);
    }
}
