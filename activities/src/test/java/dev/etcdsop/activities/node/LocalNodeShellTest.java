package dev.etcdsop.activities.node;

final class LocalNodeShellTest extends NodeShellContract {

    @Override
    NodeShell openShell() {
        return new LocalNodeShell(new Become(null));
    }
}
