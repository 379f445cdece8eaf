package dev.etcdsop.activities.etcd;

import io.etcd.jetcd.common.exception.EtcdExceptionFactory;
import io.grpc.Status;
import io.netty.channel.ConnectTimeoutException;
import org.junit.jupiter.api.Test;

import java.net.ConnectException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

import static org.assertj.core.api.Assertions.assertThat;

class EtcdCallExceptionTest {
    @Test
    void etcdsAnswerIsTheStatusDescriptionWithoutGrpcsCodeOrAClassName() {
        final Throwable answer = new ExecutionException(Status.UNAVAILABLE.withDescription("etcdserver: request timed out").asRuntimeException());

        assertThat(EtcdCallException.of(answer)).hasMessage("etcdserver: request timed out");
    }

    @Test
    void jetcdsExceptionCarriesEtcdsWordsToo() {
        final Throwable answer = new CompletionException(EtcdExceptionFactory.toEtcdException(
                Status.UNKNOWN.withDescription("context deadline exceeded").asRuntimeException()));

        assertThat(EtcdCallException.of(answer)).hasMessage("context deadline exceeded");
    }

    @Test
    void aPortThatRefusesIsTheSystemsReasonNotGrpcsIoException() {
        final Throwable refused = new ExecutionException(Status.UNAVAILABLE.withDescription("io exception")
                .withCause(new ConnectException("Connection refused")).asRuntimeException());

        assertThat(EtcdCallException.of(refused)).hasMessage("connection refused");
    }

    @Test
    void aConnectionThatTimesOutSaysSo() {
        final Throwable slow = new ExecutionException(Status.UNAVAILABLE.withDescription("io exception")
                .withCause(new ConnectTimeoutException("connection timed out after 3000 ms: /10.0.0.9:2379")).asRuntimeException());

        assertThat(EtcdCallException.of(slow)).hasMessage("connection timed out after 3000 ms: /10.0.0.9:2379");
    }

    @Test
    void aStatusWithoutDescriptionIsNamedByItsCode() {
        assertThat(EtcdCallException.of(new ExecutionException(Status.CANCELLED.asRuntimeException()))).hasMessage("CANCELLED");
    }

    @Test
    void aFailureWithoutWordsIsNamedByItsType() {
        assertThat(EtcdCallException.of(new ExecutionException(null, new IllegalStateException()))).hasMessage("ExecutionException");
    }
}
