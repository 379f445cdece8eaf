package dev.etcdsop.worker;

import dev.etcdsop.worker.cli.ApproveCommand;
import dev.etcdsop.worker.cli.KeygenCommand;
import dev.etcdsop.worker.cli.RejectCommand;
import dev.etcdsop.worker.cli.ResolveCommand;
import dev.etcdsop.worker.gateway.GatewayCommand;
import org.slf4j.bridge.SLF4JBridgeHandler;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.ScopeType;

/**
 * {@code java -jar etcd-sop-worker.jar [worker|sandbox ...|gateway]}: the worker by default. {@code --help} and {@code --version}
 * are inherited, so {@code worker --help} works as the README says.
 */
@Command(name = "etcd-sop", mixinStandardHelpOptions = true, version = "etcd-sop 0.1.0", scope = ScopeType.INHERIT,
        description = "Runs etcd SOPs as Temporal workflows.",
        subcommands = {WorkerCommand.class, SandboxCommand.class, GatewayCommand.class, KeygenCommand.class, ApproveCommand.class,
                RejectCommand.class, ResolveCommand.class})
public final class Main implements Runnable {
    public static void main(String[] args) {
        // grpc-java logs through java.util.logging; route it to logback so its levels apply.
        SLF4JBridgeHandler.removeHandlersForRootLogger();
        SLF4JBridgeHandler.install();
        final String[] effective = args.length == 0 ? new String[]{"worker"} : args;
        System.exit(new CommandLine(new Main()).execute(effective));
    }

    @Override
    public void run() {
        new CommandLine(this).usage(System.out);
    }
}
