package dev.etcdsop.activities.etcd;

import dev.etcdsop.runbooks.ClientTls;
import dev.etcdsop.workflows.activities.Failures;
import io.temporal.failure.ApplicationFailure;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class ClientTlsFilesTest {
    @TempDir
    Path dir;

    @Test
    void missingFilesAreNamedWithTheirInventoryVariablesAndNotRetried() throws Exception {
        Files.writeString(dir.resolve("ca.crt"), "ca");
        final ClientTls tls = new ClientTls(dir.resolve("ca.crt").toString(), dir.resolve("ca.key").toString(),
                dir.resolve("etcd-sop.crt").toString(), dir.resolve("etcd-sop.key").toString());

        final ApplicationFailure failure = catchThrowableOfType(() -> ClientTlsFiles.requireReadable(tls), ApplicationFailure.class);

        assertThat(failure.getType()).isEqualTo(Failures.CLIENT_TLS_MISSING);
        assertThat(failure.isNonRetryable()).isTrue();
        assertThat(failure.getOriginalMessage()).contains("etcd_sop_client_cert " + dir.resolve("etcd-sop.crt"),
                "etcd_sop_client_key " + dir.resolve("etcd-sop.key")).doesNotContain("etcd_sop_ca_cert");
    }

    @Test
    void readableFilesPass() throws Exception {
        for (String name : new String[]{"ca.crt", "etcd-sop.crt", "etcd-sop.key"}) {
            Files.writeString(dir.resolve(name), name);
        }
        final ClientTls tls = new ClientTls(dir.resolve("ca.crt").toString(), dir.resolve("ca.key").toString(),
                dir.resolve("etcd-sop.crt").toString(), dir.resolve("etcd-sop.key").toString());

        assertThatCode(() -> ClientTlsFiles.requireReadable(tls)).doesNotThrowAnyException();
    }
}
