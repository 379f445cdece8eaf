package dev.etcdsop.workflows.activities;

import java.util.List;

/**
 * Points one config file on a node at {@code endpoints}, then runs {@code reload} (may be null) if the file changed, or
 * if {@code reloadAnyway}: an earlier attempt may have written the file and failed before its reload.
 */
public record FileEdit(String path, EndpointFile file, List<String> endpoints, String reload, boolean reloadAnyway) {
    public FileEdit {
        endpoints = List.copyOf(endpoints);
    }
}
