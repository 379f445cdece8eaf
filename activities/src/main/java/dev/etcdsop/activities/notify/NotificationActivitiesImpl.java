package dev.etcdsop.activities.notify;

import dev.etcdsop.runbooks.NotifyChannels;
import dev.etcdsop.workflows.activities.Notification;
import dev.etcdsop.workflows.activities.NotificationActivities;
import dev.etcdsop.workflows.activities.NotificationReceipt;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Announces a run on each of its channels. A channel that cannot be told becomes one line in the receipt's failures and
 * never an exception: a run must not fail or wait because a chat is down. Channels are told in parallel, so the
 * activity takes as long as the slowest channel (at most three attempts of 5 s plus 1.5 s of backoff), however many
 * there are. The receipt's threads start from the notification's, so a channel that failed this time keeps its message
 * reference and is updated, not posted to again, next time.
 */
public final class NotificationActivitiesImpl implements NotificationActivities {
    private static final Logger log = LoggerFactory.getLogger(NotificationActivitiesImpl.class);

    private final SlackChannel slack;
    private final MattermostChannel mattermost;
    private final WebhookChannel webhooks;
    /** Daemon threads: a delivery still waiting on a dead server must not keep the worker from exiting. */
    private final ExecutorService deliveries = Executors.newCachedThreadPool(task -> {
        final Thread thread = new Thread(task, "notify");
        thread.setDaemon(true);
        return thread;
    });

    public NotificationActivitiesImpl(NotifyConfig config) {
        final JsonPoster poster = new JsonPoster(config);
        this.slack = new SlackChannel(config);
        this.mattermost = new MattermostChannel(config, poster);
        this.webhooks = new WebhookChannel(config, poster);
    }

    @Override
    public NotificationReceipt send(Notification n) {
        final NotifyChannels channels = n.channels() == null ? NotifyChannels.NONE : n.channels();
        final List<CompletableFuture<Outcome>> outcomes = new ArrayList<>();
        for (String channel : channels.slack()) {
            outcomes.add(deliver(n, "slack:" + channel, "slack " + channel, previous -> slack.deliver(n, channel, previous)));
        }
        for (String name : channels.mattermost()) {
            outcomes.add(deliver(n, "mattermost:" + name, "mattermost " + name, previous -> mattermost.deliver(n, name, previous)));
        }
        for (String url : channels.webhooks()) {
            outcomes.add(deliver(n, "webhook:" + url, "webhook " + url, previous -> webhooks.deliver(n, url, previous)));
        }
        final Map<String, String> threads = new LinkedHashMap<>(n.threads());
        final List<String> failures = new ArrayList<>();
        for (CompletableFuture<Outcome> pending : outcomes) {
            final Outcome outcome = pending.join();
            if (outcome.failure() == null) {
                threads.put(outcome.key(), outcome.reference());
            } else {
                failures.add(outcome.failure());
            }
        }
        return new NotificationReceipt(threads, failures);
    }

    /** One channel's new message reference, or the line saying why it was not told. */
    private record Outcome(String key, String reference, String failure) {
    }

    private interface Delivery {
        String deliver(String previous) throws DeliveryException;
    }

    private CompletableFuture<Outcome> deliver(Notification n, String key, String label, Delivery delivery) {
        return CompletableFuture.supplyAsync(() -> {
            String failure;
            try {
                return new Outcome(key, delivery.deliver(n.threads().get(key)), null);
            } catch (DeliveryException e) {
                failure = label + ": " + e.getMessage();
            } catch (RuntimeException e) {
                // A bug or an odd answer from a library must not fail the run either. Its message may quote a secret webhook
                // URL, so only its kind and where it was thrown are logged.
                failure = label + ": " + e.getClass().getSimpleName();
                log.warn("notification to {} failed: {} at {}", label, e.getClass().getName(),
                        e.getStackTrace().length == 0 ? "an unknown place" : e.getStackTrace()[0]);
            }
            log.warn("{}", failure);
            return new Outcome(key, null, failure);
        }, deliveries);
    }
}
