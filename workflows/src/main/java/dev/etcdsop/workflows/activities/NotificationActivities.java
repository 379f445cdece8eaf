package dev.etcdsop.workflows.activities;

import io.temporal.activity.ActivityInterface;

/**
 * Tells people about a run: posts its message to each channel, or updates the message already posted there (one
 * message per run and channel, updated in place where the channel allows it). Reads the bot token, webhook URLs and
 * signing secret from the worker's files. Never fails a run: what could not be delivered is in the receipt.
 */
@ActivityInterface
public interface NotificationActivities {
    NotificationReceipt send(Notification notification);
}
