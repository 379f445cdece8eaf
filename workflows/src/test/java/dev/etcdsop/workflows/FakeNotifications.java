package dev.etcdsop.workflows;

import dev.etcdsop.workflows.activities.Notification;
import dev.etcdsop.workflows.activities.NotificationActivities;
import dev.etcdsop.workflows.activities.NotificationReceipt;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Records every announcement; a Slack channel gets one thread reference per run. {@link #undeliverable} makes every
 * send report a failure, as a channel that does not exist would.
 */
public final class FakeNotifications implements NotificationActivities {
    private final List<Notification> sent = new CopyOnWriteArrayList<>();
    private volatile String failure;

    public FakeNotifications undeliverable(String why) {
        failure = why;
        return this;
    }

    public List<Notification> sent() {
        return List.copyOf(sent);
    }

    @Override
    public NotificationReceipt send(Notification notification) {
        sent.add(notification);
        if (failure != null) {
            return new NotificationReceipt(Map.of(), List.of(failure));
        }
        return new NotificationReceipt(Map.of("slack:#etcd-oncall", "C1/" + notification.workflowId()), List.of());
    }
}
