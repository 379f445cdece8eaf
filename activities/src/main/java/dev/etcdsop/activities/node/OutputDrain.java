package dev.etcdsop.activities.node;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Reads a command's stdout or stderr on its own thread: reading the two streams one after the other
 * can deadlock once the unread one fills its buffer. Keeps at most {@link #LIMIT} bytes, since the
 * output ends up in workflow history.
 */
final class OutputDrain {

    static final int LIMIT = 1 << 20;

    private final CompletableFuture<String> text = new CompletableFuture<>();

    private OutputDrain() {
    }

    static OutputDrain start(InputStream in, String threadName) {
        OutputDrain drain = new OutputDrain();
        Thread thread = new Thread(() -> drain.drain(in), threadName);
        thread.setDaemon(true);
        thread.start();
        return drain;
    }

    /** The output, once the stream ended; throws TimeoutException if it has not ended within the wait. */
    String await(long waitMillis) throws IOException, InterruptedException, TimeoutException {
        try {
            return text.get(Math.max(waitMillis, 0), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof UncheckedIOException io ? io.getCause() : new IOException(e.getCause());
        }
    }

    /** Whatever was read, for a command that was stopped; empty if the stream did not end in time. */
    String awaitAfterStop(long waitMillis) {
        try {
            return await(waitMillis);
        } catch (IOException | TimeoutException e) {
            return "";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "";
        }
    }

    private void drain(InputStream in) {
        ByteArrayOutputStream kept = new ByteArrayOutputStream();
        long dropped = 0;
        byte[] buffer = new byte[8192];
        try (in) {
            for (int n; (n = in.read(buffer)) >= 0; ) {
                int keep = Math.min(n, LIMIT - kept.size());
                kept.write(buffer, 0, keep);
                dropped += n - keep;
            }
            String out = kept.toString(StandardCharsets.UTF_8);
            text.complete(dropped == 0 ? out : out + "\n[etcd-sop: " + dropped + " more bytes of output not kept]");
        } catch (IOException e) {
            text.completeExceptionally(new UncheckedIOException(e));
        }
    }
}
